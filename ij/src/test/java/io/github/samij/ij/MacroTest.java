package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.frame.RoiManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real ImageJ macros run by ImageJ's own interpreter, with the ROI Manager a real window (Xvfb). */
@ExtendWith(ImageJFixture.class)
class MacroTest {

	@Test
	void macroSegmentsAClickAndAppendsToTheRoiManager() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		String result = ImageJFixture.macro("open('" + ImageJFixture.ihc() + "');\n"
			+ "makePoint(300, 350);\n"
			+ "run('Segment Anything...', 'mode=multi output=[ROI Manager] min_iou=0 min_stability=0 keep=[all masks] "
			+ "components=all model=[]');\n"
			+ "names = '';\n"
			+ "for (i = 0; i < roiManager('count'); i++) { roiManager('select', i); names = names + Roi.getName + ';'; }\n"
			+ "return '' + roiManager('count') + '|' + names;");
		String[] parts = result.split("\\|");
		assertEquals("4", parts[0], result);
		String[] names = parts[1].split(";");
		assertEquals("keep me", names[0], "the existing entry stays first and unchanged");
		for (int r = 1; r <= 3; r++)
			assertTrue(names[r].startsWith("SAM " + r + "/3 "), names[r]);
		assertEquals(4, rm.getCount());
		assertEquals(new java.awt.Rectangle(5, 6, 7, 8), rm.getRoi(0).getBounds());
	}

	@Test
	void batchModeMacroSeesItsRoisInTheHiddenManager() {
		RoiManager open = RoiManager.getInstance();
		if (open != null) open.close(); // batch mode then uses its own hidden manager
		String result = ImageJFixture.macro("setBatchMode(true);\n"
			+ "open('" + ImageJFixture.ihc() + "');\n"
			+ "makePoint(300, 350);\n"
			+ "run('Segment Anything...', 'mode=multi keep=[best only]');\n"
			+ "n = roiManager('count');\n"
			+ "roiManager('select', 0);\n"
			+ "return '' + n + '|' + Roi.getName + '|' + RoiManager.size;");
		String[] parts = result.split("\\|");
		assertEquals("1", parts[0], "keep=[best only] gives one ROI: " + result);
		assertTrue(parts[1].startsWith("SAM 1/3 "), parts[1]);
		assertEquals(null, RoiManager.getRawInstance(), "no ROI Manager window opened in batch mode");
	}

	@Test
	void rectangleOnANucleusGivesOneRoiUnderAuto() {
		ImageJFixture.managerWithOneEntry();
		String result = ImageJFixture.macro("open('" + ImageJFixture.dsb("dsb000") + "');\n"
			+ "makeRectangle(37, 0, 20, 19);\n"
			+ "run('Segment Anything...', 'mode=auto');\n"
			+ "roiManager('select', roiManager('count') - 1);\n"
			+ "return '' + roiManager('count') + '|' + Roi.getName;");
		String[] parts = result.split("\\|");
		assertEquals("2", parts[0], result);
		assertTrue(parts[1].startsWith("SAM 1/1 single IoU="), parts[1]);
	}
}
