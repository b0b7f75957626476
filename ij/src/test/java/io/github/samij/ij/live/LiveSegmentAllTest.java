package io.github.samij.ij.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Toolbar;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;

import java.awt.Robot;
import java.awt.event.KeyEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Correcting a Segment All label image in live mode, with real windows, mouse and keys (needs a
 * display, e.g. Xvfb): d deletes the label under the mouse, keeping a clicked mask appends it as
 * a new label.
 */
class LiveSegmentAllTest {

	@BeforeAll
	static void imageJ() {
		LiveFixture.start();
	}

	@AfterEach
	void close() throws Exception {
		LiveFixture.closeAll();
	}

	private static float labelAt(ImagePlus labels, int x, int y) throws Exception {
		return LiveFixture.edt(() -> labels.getProcessor().getf(x, y));
	}

	/** Pixels of the label; call on the event dispatch thread (where waitFor polls). */
	private static long pixelsOf(ImagePlus labels, float label) {
		ImageProcessor ip = labels.getProcessor();
		long n = 0;
		for (int i = 0; i < ip.getPixelCount(); i++) if (ip.getf(i) == label) n++;
		return n;
	}

	@Test
	void dDeletesTheLabelUnderTheMouseAndKeepingAMaskAppendsIt() throws Exception {
		Robot robot = new Robot();
		robot.setAutoDelay(20);
		LiveFixture.emptyRoiManager();
		ImagePlus imp = LiveFixture.show(IJ.openImage(TestImages.dsb("dsb000").toString()), LiveFixture.MARGIN, LiveFixture.MARGIN);
		IJ.run(imp, "Segment All...", "output=[label image]");
		ImagePlus labels = WindowManager.getImage("dsb000-SAM-labels");
		assertNotNull(labels, "the label image is shown");
		LiveFixture.edt(() -> {
			labels.getWindow().setLocation(LiveFixture.MARGIN + imp.getWindow().getWidth() + 16, LiveFixture.MARGIN);
			imp.getWindow().toFront();
			WindowManager.setCurrentWindow(imp.getWindow());
			return null;
		});
		// A nucleus Segment All labelled: its interior point.
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		int[] at = null;
		float label = 0;
		for (int g = 1; g <= truth.count && label == 0; g++) {
			at = truth.interior(g);
			label = labelAt(labels, at[0], at[1]);
		}
		assertTrue(label > 0, "some nucleus was found");

		IJ.run(imp, LiveFixture.COMMAND, "");
		LiveSession live = LiveMode.of(imp);
		assertNotNull(live);
		IJ.setTool(Toolbar.POINT);
		LiveFixture.waitFor("the embedding", live::isReady);
		LiveFixture.click(robot, imp, at[0], at[1], 0);
		LiveFixture.waitFor("the preview", () -> live.preview() != null);

		// d, with the mouse still over the nucleus: its label goes.
		LiveFixture.key(robot, KeyEvent.VK_D);
		float removed = label;
		LiveFixture.waitFor("the label removed", () -> pixelsOf(labels, removed) == 0, 10_000);
		assertEquals(0, labelAt(labels, at[0], at[1]));
		float highest = LiveFixture.edt(() -> (float) labels.getProcessor().getStatistics().max);

		// Enter keeps the previewed mask: into the ROI Manager, and as a new label where it covers background.
		RoiManager rm = LiveFixture.edt(RoiManager::getRoiManager);
		int before = rm.getCount();
		LiveFixture.key(robot, KeyEvent.VK_ENTER);
		LiveFixture.waitFor("the kept mask", () -> rm.getCount() == before + 1, 10_000);
		float added = labelAt(labels, at[0], at[1]);
		assertEquals(highest + 1, added, "the next label after the highest");
		long area = Long.parseLong(rm.getRoi(before).getProperty("sam_area"));
		long painted = LiveFixture.edt(() -> pixelsOf(labels, added));
		assertTrue(painted > 0 && painted <= area, painted + " pixels labelled of the mask's " + area);
	}
}
