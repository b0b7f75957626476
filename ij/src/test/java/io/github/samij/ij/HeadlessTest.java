package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;

import io.github.samij.ij.command.SegmentCommand;

import java.awt.GraphicsEnvironment;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * No display at all (java.awt.headless=true, a separate surefire run): the ROI Manager cannot
 * exist, so ROIs go to the image's overlay, and nothing throws. (ImageJ 1's macro interpreter
 * itself needs a display for its menus; headless macros are Fiji's --headless, through the SciJava
 * command.)
 */
class HeadlessTest {

	@Test
	void commandFallsBackToTheOverlay() throws Exception {
		assertTrue(GraphicsEnvironment.isHeadless(), "this test class runs without a display");
		ImagePlus imp = IJ.openImage(ImageJFixture.ihc());
		imp.setRoi(new PointRoi(300, 350));
		CommandModule module;
		try (Context context = new Context(CommandService.class)) {
			module = context.service(CommandService.class).run(SegmentCommand.class, true, "image", imp, "mode", "multi",
				"output", SegmentSettings.OUTPUT_MANAGER).get();
		}
		SegmentAnything.Result result = ((SegmentCommand) module.getCommand()).result();
		assertNotNull(result, "no error");
		assertEquals("3 SAM mask(s) added to the overlay (no display for the ROI Manager).", result.summary);
		assertEquals(3, imp.getOverlay().size());
	}
}
