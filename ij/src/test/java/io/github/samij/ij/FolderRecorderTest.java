package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment Folder from the menu, by hand, with the recorder on: the recorded line names the folder
 * and the CSV, and replayed as a macro it writes the same files.
 */
class FolderRecorderTest {

	private static final String TITLE = "Segment Folder";
	private static final String RUN_PREFIX = "run(\"Segment Folder...\", \"";

	@TempDir
	Path dir;

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
		assertFalse(Recorder.record);
	}

	@Test
	void theDialogRecordsALineThatReplays() throws Exception {
		FolderFixture f = FolderFixture.create(dir, false);
		EventQueue.invokeAndWait(Recorder::new);
		IJ.doCommand("Segment Folder...");
		waitFor("the '" + TITLE + "' dialog", 60_000, () -> findDialog() != null);
		GenericDialog gd = findDialog();
		EventQueue.invokeAndWait(() -> {
			Vector<?> strings = gd.getStringFields();
			((TextField) strings.get(0)).setText(dir.toString()); // folder
			((TextField) strings.get(1)).setText(f.csv.toString()); // prompts
			Button ok = gd.getButtons()[0];
			gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
		});
		waitFor("the recorded run(...) line", 300_000, () -> recordedLine() != null);
		String line = recordedLine();
		for (String option : new String[] { "folder=" + dir, "prompts=" + f.csv, "mode=auto", "keep=[best only]",
			"min_iou=0", "min_stability=0", "components=all" })
			assertTrue(line.contains(option), "'" + option + "' in " + line);
		Recorder.getInstance().close();
		for (String image : FolderFixture.SOURCES.keySet()) f.checkImage(dir, image);
		assertEquals(9, FolderFixture.resultRows(dir).size());

		for (String image : FolderFixture.SOURCES.keySet())
			Files.delete(dir.resolve(image.replace(".png", "") + FolderBatch.LABELS_SUFFIX));
		Files.delete(dir.resolve(FolderBatch.RESULTS_FILE));
		ImageJFixture.macro(line);
		for (String image : FolderFixture.SOURCES.keySet()) f.checkImage(dir, image);
		assertEquals(9, FolderFixture.resultRows(dir).size(), "the replay writes the same results");
	}

	private static String recordedLine() {
		Recorder recorder = Recorder.getInstance();
		if (recorder == null) return null;
		for (String l : recorder.getText().split("\n"))
			if (l.startsWith(RUN_PREFIX)) return l.trim();
		return null;
	}

	private static GenericDialog findDialog() {
		for (Window w : Window.getWindows())
			if (w instanceof GenericDialog && w.isShowing() && TITLE.equals(((Dialog) w).getTitle())) return (GenericDialog) w;
		return null;
	}

	private static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) fail("timed out waiting for " + what);
			Thread.sleep(50);
		}
	}
}
