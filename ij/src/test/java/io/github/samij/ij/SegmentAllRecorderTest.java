package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;

import java.awt.Choice;
import java.awt.TextField;
import java.util.Vector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment All from the menu with the recorder on: the line it records names every key, and
 * replayed as a macro gives the same objects. Real windows (needs a display, e.g. Xvfb).
 */
@ExtendWith(ImageJFixture.class)
class SegmentAllRecorderTest {

	private static final RecordedDialog SEGMENT_ALL = new RecordedDialog("Segment All...", "Segment All");

	@AfterEach
	void cleanUp() throws Exception {
		SEGMENT_ALL.cleanUp();
		ImageJFixture.closeAll();
	}

	@Test
	void theRecordedLineReplays() throws Exception {
		ImagePlus imp = IJ.openImage(ImageJFixture.dsb("dsb003"));
		imp.show();
		ImageJFixture.waitFor("the image window", 30_000, () -> imp.getWindow() != null && imp.getWindow().isShowing());
		RoiManager rm = ImageJFixture.emptyManager();
		RecordedDialog.startRecorder();
		IJ.doCommand(imp, SEGMENT_ALL.command);
		RecordedDialog.fillAndOk(SEGMENT_ALL.await(), gd -> {
			for (Object o : gd.getChoices()) {
				Choice c = (Choice) o;
				for (int i = 0; i < c.getItemCount(); i++)
					if (c.getItem(i).equals(SegmentAllRun.OUTPUT_MANAGER)) c.select(i);
			}
			Vector<?> numbers = gd.getNumericFields();
			((TextField) numbers.get(3)).setText("20"); // points_per_side, min_iou, min_stability, min_area, ...
		});
		String line = SEGMENT_ALL.awaitLine();
		for (String option : new String[] { "prompts=seeds", "points_per_side=32", "min_iou=0.88", "min_stability=0.95",
			"min_area=20", "max_area=0", "objects=auto", "output=[ROI Manager]", "axis=z", "first=1", "last=0", "channels=[]", "model=[]" })
			assertTrue(line.contains(option), "'" + option + "' in " + line);
		int interactive = rm.getCount();
		assertTrue(interactive > 3, "objects in the ROI Manager: " + interactive);
		Recorder.getInstance().close();

		String replayed = ImageJFixture.macro("selectImage(" + imp.getID() + ");\n" + line + "\nreturn '' + roiManager('count');");
		assertEquals(Integer.toString(2 * interactive), replayed, "the replay adds the same objects again: " + line);
		for (int i = 0; i < interactive; i++) {
			assertEquals(rm.getRoi(i).getName(), rm.getRoi(interactive + i).getName());
			assertEquals(rm.getRoi(i).getBounds(), rm.getRoi(interactive + i).getBounds());
		}
	}
}
