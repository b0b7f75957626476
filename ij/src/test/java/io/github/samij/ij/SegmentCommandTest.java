package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.command.SegmentCommand;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.RankColors;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The SciJava command through CommandService, without any window: output to the image's overlay. */
class SegmentCommandTest {

	@Test
	void clickOnIhcGivesThreeRoisInIoUOrderMatchingTheCoreMasks() throws Exception {
		ImagePlus imp = IJ.openImage(ImageJFixture.ihc());
		imp.setRoi(new PointRoi(300, 350));
		RoiManager open = RoiManager.getInstance();
		if (open != null) open.deselect(); // only the point prompts this run
		CommandModule module;
		try (Context context = new Context(CommandService.class)) {
			module = context.service(CommandService.class).run(SegmentCommand.class, true, "image", imp, "mode", "multi",
				"output", "overlay", "min_iou", 0.0, "min_stability", 0.0, "keep", "all masks", "components", "all").get();
		}
		SegmentAnything.Result result = ((SegmentCommand) module.getCommand()).result();
		assertNotNull(result, "the command ran without error");

		Prediction core = Models.get("").segment(ImageInput.of(imp), Prompt.point(300, 350), MaskMode.MULTI);
		List<Mask> masks = core.masks();
		Roi[] rois = imp.getOverlay().toArray();
		assertEquals(3, rois.length);
		for (int i = 0; i < 3; i++) {
			Mask m = masks.get(i);
			Roi roi = rois[i];
			String expectedName = String.format(java.util.Locale.ROOT, "SAM %d/3 %s IoU=%.2f S=%.2f", i + 1, m.scale(),
				m.iou(), m.stability());
			assertEquals(expectedName, roi.getName());
			assertTrue(roi.getName().matches("SAM [1-3]/3 (subpart|part|whole) IoU=\\d\\.\\d\\d S=\\d\\.\\d\\d"));
			assertEquals(Integer.toString(i + 1), roi.getProperty("sam_rank"));
			assertEquals(m.scale().toString(), roi.getProperty("sam_scale"));
			assertEquals(m.iou(), Float.parseFloat(roi.getProperty("sam_iou")), 1e-4);
			assertEquals(m.stability(), Float.parseFloat(roi.getProperty("sam_stability")), 1e-4);
			assertEquals(Long.toString(m.area()), roi.getProperty("sam_area"));
			assertEquals(m.area(), pixelCount(roi), "the ROI covers exactly the mask's pixels");
			assertEquals(RankColors.of(i + 1), roi.getStrokeColor());
			if (i > 0) assertTrue(masks.get(i - 1).iou() >= m.iou(), "IoU order");
		}
		assertTrue(!RankColors.of(1).equals(RankColors.of(2)) && !RankColors.of(2).equals(RankColors.of(3)));
		assertEquals(new Color(0xF0E442), RankColors.of(1));
	}

	static long pixelCount(Roi roi) {
		java.awt.Rectangle b = roi.getBounds();
		ij.process.ImageProcessor mask = roi.getMask();
		if (mask == null) return (long) b.width * b.height;
		long n = 0;
		for (int y = 0; y < b.height; y++)
			for (int x = 0; x < b.width; x++)
				if (mask.get(x, y) != 0) n++;
		return n;
	}
}
