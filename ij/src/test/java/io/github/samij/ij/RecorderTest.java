package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;

import java.awt.Button;
import java.awt.Choice;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user runs Segment Anything from the menu with the macro recorder open: the recorder writes a
 * {@code run("Segment Anything...", "...")} line, and that line, replayed as a macro, gives the same
 * ROIs. Real windows (needs a display, e.g. Xvfb); the dialog's OK is pressed programmatically.
 */
class RecorderTest {

	private static final String DIALOG_TITLE = "Segment Anything";
	private static final String RUN_PREFIX = "run(\"" + ImageJFixture.COMMAND + "\", \"";

	@BeforeAll
	static void imageJ() {
		ImageJFixture.start();
	}

	@AfterEach
	void cleanUp() throws Exception {
		GenericDialog left = findDialog();
		if (left != null) EventQueue.invokeAndWait(() -> left.actionPerformed(new ActionEvent(left.getButtons()[1],
			ActionEvent.ACTION_PERFORMED, "Cancel")));
		Recorder recorder = Recorder.getInstance();
		if (recorder != null) recorder.close();
		assertFalse(Recorder.record, "the recorder is off again for the other tests");
		ImageJFixture.closeAll();
	}

	@Test
	void recordedLineReplaysTheInteractiveRun() throws Exception {
		ImagePlus imp = IJ.openImage(ImageJFixture.ihc());
		assertNotNull(imp, "ihc.png opens");
		imp.show();
		waitFor("the image window", 30_000, () -> imp.getWindow() != null && imp.getWindow().isShowing());
		imp.setRoi(new PointRoi(300, 350));
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();

		EventQueue.invokeAndWait(Recorder::new);
		assertTrue(Recorder.record, "the recorder is recording");
		assertNotNull(Recorder.getInstance());

		// As from the menu: the command runs on its own thread and asks with its dialog.
		IJ.doCommand(imp, ImageJFixture.COMMAND);
		waitFor("the '" + DIALOG_TITLE + "' dialog", 60_000, () -> findDialog() != null);
		GenericDialog gd = findDialog();
		EventQueue.invokeAndWait(() -> {
			Vector<?> choices = gd.getChoices();
			// Pick by content, as a user would: the dialog's field order is not part of the contract.
			for (Object o : choices) {
				Choice c = (Choice) o;
				for (String item : new String[] { "multi", SegmentSettings.OUTPUT_MANAGER, SegmentSettings.KEEP_ALL,
					SegmentSettings.COMPONENTS_ALL })
					for (int i = 0; i < c.getItemCount(); i++)
						if (c.getItem(i).equals(item)) c.select(item);
			}
			Vector<?> numbers = gd.getNumericFields();
			((TextField) numbers.get(0)).setText("0");
			((TextField) numbers.get(1)).setText("0");
			((TextField) gd.getStringFields().get(0)).setText("");
			Button ok = gd.getButtons()[0];
			assertEquals("OK", ok.getLabel().trim());
			gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
		});
		// The Executer writes the line after the plugin returns, i.e. once the ROIs are added.
		waitFor("the recorded run(...) line", 300_000, () -> recordedLine() != null);
		String line = recordedLine();
		String recorderText = Recorder.getInstance().getText();
		System.out.println("RecorderTest: recorded " + line);

		assertTrue(line.endsWith("\");"), line);
		for (String option : new String[] { "mode=multi", "output=[ROI Manager]", "min_iou=0", "min_stability=0",
			"keep=[all masks]", "components=all", "model=[]" })
			assertTrue(line.contains(option), "'" + option + "' in " + line + "\nrecorder:\n" + recorderText);
		assertEquals(1, count(recorderText, RUN_PREFIX), "one run line: " + recorderText);
		assertFalse(recorderText.contains("roiManager("), "adding the ROIs records nothing of its own:\n" + recorderText);

		List<Roi> interactive = rois(rm, 0, rm.getCount());
		assertEquals(3, interactive.size(), "three ROIs from the dialog run: " + names(interactive));
		for (int r = 1; r <= 3; r++)
			assertTrue(interactive.get(r - 1).getName().startsWith("SAM " + r + "/3 "), interactive.get(r - 1).getName());

		Recorder.getInstance().close();
		assertFalse(Recorder.record);

		// Replay the exact recorded line on the same image and click.
		String result = ImageJFixture.macro("selectImage(" + imp.getID() + ");\n"
			+ "makePoint(300, 350);\n"
			+ line + "\n"
			+ "return '' + roiManager('count');");
		assertEquals("6", result, "the replay appends as many ROIs again (macro: " + line + ")");
		List<Roi> replayed = rois(rm, 3, 6);
		for (int i = 0; i < 3; i++) {
			Roi a = interactive.get(i), b = replayed.get(i);
			assertEquals(a.getName(), b.getName(), "replayed ROI " + (i + 1));
			assertEquals(a.getBounds(), b.getBounds(), "bounds of " + a.getName());
			assertEquals(a.getStrokeColor(), b.getStrokeColor(), "colour of " + a.getName());
		}
	}

	/** The recorder's {@code run("Segment Anything...", "...")} line, or null. */
	private static String recordedLine() {
		Recorder recorder = Recorder.getInstance();
		if (recorder == null) return null;
		for (String l : recorder.getText().split("\n"))
			if (l.startsWith(RUN_PREFIX)) return l.trim();
		return null;
	}

	private static GenericDialog findDialog() {
		for (Window w : Window.getWindows())
			if (w instanceof GenericDialog && w.isShowing() && DIALOG_TITLE.equals(((Dialog) w).getTitle()))
				return (GenericDialog) w;
		return null;
	}

	private static List<Roi> rois(RoiManager rm, int from, int to) {
		List<Roi> out = new ArrayList<>();
		for (int i = from; i < to; i++) out.add(rm.getRoi(i));
		return out;
	}

	private static List<String> names(List<Roi> rois) {
		List<String> out = new ArrayList<>();
		for (Roi r : rois) out.add(r.getName());
		return out;
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
		return n;
	}

	private static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) fail("timed out waiting for " + what + "; windows: " + windowTitles());
			Thread.sleep(50);
		}
	}

	private static List<String> windowTitles() {
		List<String> titles = new ArrayList<>();
		for (Window w : Window.getWindows())
			if (w.isShowing()) titles.add(w.getClass().getSimpleName() + " '"
				+ (w instanceof Dialog ? ((Dialog) w).getTitle() : w instanceof java.awt.Frame ? ((java.awt.Frame) w).getTitle() : "")
				+ "'");
		return titles;
	}
}
