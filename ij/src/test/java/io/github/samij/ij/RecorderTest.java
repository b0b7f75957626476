package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;

import java.awt.Choice;
import java.awt.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user runs Segment Anything from the menu with the macro recorder open: the recorder writes a
 * {@code run("Segment Anything...", "...")} line, and that line, replayed as a macro, gives the same
 * ROIs. Real windows (needs a display, e.g. Xvfb); the dialog's OK is pressed programmatically.
 */
@ExtendWith(ImageJFixture.class)
class RecorderTest {

	private static final RecordedDialog SEGMENT = new RecordedDialog(ImageJFixture.COMMAND, "Segment Anything");

	@AfterEach
	void cleanUp() throws Exception {
		SEGMENT.cleanUp();
	}

	@Test
	void recordedLineReplaysTheInteractiveRun() throws Exception {
		ImagePlus imp = IJ.openImage(ImageJFixture.ihc());
		assertNotNull(imp, "ihc.png opens");
		imp.show();
		ImageJFixture.waitFor("the image window", 30_000, () -> imp.getWindow() != null && imp.getWindow().isShowing());
		imp.setRoi(new PointRoi(300, 350));
		RoiManager rm = ImageJFixture.emptyManager();

		RecordedDialog.startRecorder();
		assertTrue(Recorder.record, "the recorder is recording");
		assertNotNull(Recorder.getInstance());

		// As from the menu: the command runs on its own thread and asks with its dialog.
		IJ.doCommand(imp, SEGMENT.command);
		RecordedDialog.fillAndOk(SEGMENT.await(), gd -> {
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
			assertEquals("OK", gd.getButtons()[0].getLabel().trim());
		});
		String line = SEGMENT.awaitLine();
		String recorderText = Recorder.getInstance().getText();
		System.out.println("RecorderTest: recorded " + line);

		assertTrue(line.endsWith("\");"), line);
		for (String option : new String[] { "mode=multi", "ranking=predicted_iou", "output=[ROI Manager]", "min_iou=0",
			"min_stability=0", "keep=[all masks]", "components=all", "crop=0", "channels=[]", "model=[]" })
			assertTrue(line.contains(option), "'" + option + "' in " + line + "\nrecorder:\n" + recorderText);
		assertEquals(1, count(recorderText, SEGMENT.runPrefix), "one run line: " + recorderText);
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
}
