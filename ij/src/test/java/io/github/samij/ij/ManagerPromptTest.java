package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.frame.RoiManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rectangle selected in the ROI Manager joins the click on the image only when it contains the
 * click: an unrelated one left selected must not turn the click into a box prompt. Real macros, the
 * real ROI Manager (Xvfb) and the real model; the prompt each result was made from is read back
 * from the ROI's {@code sam_prompt} property.
 */
@ExtendWith(ImageJFixture.class)
class ManagerPromptTest {

	/** Clicks (300, 350) on the IHC sample with the manager's entry 0 selected; returns the first new ROI's prompt. */
	private static String clickWithSelected(int x0, int y0, int x1, int y1) {
		RoiManager rm = ImageJFixture.emptyManager();
		return ImageJFixture.macro("open('" + ImageJFixture.ihc() + "');\n"
			+ "makeRectangle(" + x0 + ", " + y0 + ", " + (x1 - x0) + ", " + (y1 - y0) + ");\n"
			+ "roiManager('add');\n"
			+ "roiManager('select', 0);\n"
			+ "makePoint(300, 350);\n"
			+ "run('Segment Anything...', 'mode=auto output=[ROI Manager] keep=[best only]');\n"
			+ "roiManager('select', 1);\n"
			+ "return '' + Roi.getProperty('sam_prompt') + '|' + roiManager('count');");
	}

	@Test
	void anUnrelatedRectangleSelectedInTheManagerIsNotPartOfTheClick() {
		String far = clickWithSelected(10, 10, 30, 30);
		assertEquals("(300, 350)|2", far, "the click alone: one point, three masks under auto, the best kept");
		String around = clickWithSelected(250, 300, 380, 420);
		assertTrue(around.startsWith("(300, 350) box (250, 300)-(380, 420)"), "a rectangle around the click joins it: "
			+ around);
	}
}
