package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.plugin.frame.Recorder;

import java.awt.TextField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment Folder from the menu, by hand, with the recorder on: the recorded line names the folder
 * and the CSV, and replayed as a macro it writes the same files.
 */
@ExtendWith(ImageJFixture.class)
class FolderRecorderTest {

	private static final RecordedDialog SEGMENT_FOLDER = new RecordedDialog("Segment Folder...", "Segment Folder");

	@TempDir
	Path dir;

	@AfterEach
	void cleanUp() throws Exception {
		SEGMENT_FOLDER.cleanUp();
	}

	@Test
	void theDialogRecordsALineThatReplays() throws Exception {
		FolderFixture f = FolderFixture.create(dir, false);
		RecordedDialog.startRecorder();
		IJ.doCommand(SEGMENT_FOLDER.command);
		RecordedDialog.fillAndOk(SEGMENT_FOLDER.await(), gd -> {
			Vector<?> strings = gd.getStringFields();
			((TextField) strings.get(0)).setText(dir.toString()); // folder
			((TextField) strings.get(1)).setText(f.csv.toString()); // prompts
		});
		String line = SEGMENT_FOLDER.awaitLine();
		for (String option : new String[] { "folder=" + dir, "prompts=" + f.csv, "mode=auto",
			"ranking=predicted_iou", "keep=[best only]",
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
}
