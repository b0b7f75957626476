package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import io.github.samij.core.Nuclei;
import io.github.samij.ij.command.SamMacroExtensions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code crop} key and {@code Ext.samSetCrop} in real macros, on dsb000 tiled 12 × 12 into a
 * 3072 × 3072 image, where SAM sees each nucleus at a third of its size unless it is given a window
 * around the prompt.
 */
@ExtendWith(ImageJFixture.class)
class CropOptionTest {

	private static final int TILES = 12, LABEL = 14, TX = 5, TY = 7;

	@Test
	void aWindowAroundTheBoxSegmentsTheSmallNucleus() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		ImagePlus mosaic = mosaic();
		Nuclei nuclei = new Nuclei("dsb000", 256, 256);
		int[] b = nuclei.box(LABEL);
		int ox = TX * 256, oy = TY * 256;
		String box = (b[0] + ox) + ", " + (b[1] + oy) + ", " + (b[2] - b[0]) + ", " + (b[3] - b[1]);

		String run = "makeRectangle(" + box + ");\nrun('Segment Anything...', 'mode=auto %s');\n"
			+ "roiManager('select', roiManager('count') - 1);\nreturn '' + Roi.getProperty('sam_area');";
		ImageJFixture.macro(String.format(run, ""));
		ImageJFixture.macro(String.format(run, "crop=256"));
		assertEquals(3, rm.getCount(), "each run appended one ROI after the existing entry");
		double whole = iou(rm.getRoi(1), nuclei, ox, oy), cropped = iou(rm.getRoi(2), nuclei, ox, oy);
		System.out.printf("CropOptionTest: IoU with the nucleus: whole image %.3f, crop=256 %.3f%n", whole, cropped);
		assertTrue(cropped >= 0.7 && cropped > whole + 0.1, "crop=256: " + cropped + ", whole image: " + whole);

		// The macro extensions give the same mask with the same window.
		String area = ImageJFixture.macro("run('" + SamMacroExtensions.COMMAND + "');\n"
			+ "Ext.samSetCrop(256);\n"
			+ "Ext.samSegmentBox(" + (b[0] + ox) + ", " + (b[1] + oy) + ", " + (b[2] + ox) + ", " + (b[3] + oy) + ", 0);\n"
			+ "Ext.samGetMask(0, rank, scale, iou, stability, area);\n"
			+ "return '' + area;");
		assertEquals(rm.getRoi(2).getProperty("sam_area"), area);
	}

	@Test
	void aNegativeCropIsOneLogLine() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		mosaic();
		int before = IJ.getLog() == null ? 0 : IJ.getLog().length();
		ImageJFixture.macro("makePoint(100, 100);\nrun('Segment Anything...', 'mode=auto crop=-5');");
		assertEquals("Segment Anything: crop must be 0 (the whole image) or a size in pixels, got -5.",
			IJ.getLog().substring(before).trim());
		assertEquals(1, rm.getCount());
	}

	private static ImagePlus mosaic() {
		ImageProcessor tile = IJ.openImage(ImageJFixture.dsb("dsb000")).getProcessor().convertToRGB();
		ColorProcessor big = new ColorProcessor(256 * TILES, 256 * TILES);
		for (int ty = 0; ty < TILES; ty++)
			for (int tx = 0; tx < TILES; tx++) big.insert(tile, tx * 256, ty * 256);
		ImagePlus imp = new ImagePlus("mosaic", big);
		imp.show();
		IJ.selectWindow("mosaic");
		return imp;
	}

	/** IoU of a ROI's pixels with the nucleus placed at (ox, oy). */
	private static double iou(Roi roi, Nuclei nuclei, int ox, int oy) {
		long inter = 0, union = 0;
		java.awt.Rectangle r = roi.getBounds().union(new java.awt.Rectangle(ox, oy, 256, 256));
		for (int y = r.y; y < r.y + r.height; y++)
			for (int x = r.x; x < r.x + r.width; x++) {
				boolean p = roi.contains(x, y);
				int tx = x - ox, ty = y - oy;
				boolean g = tx >= 0 && ty >= 0 && tx < 256 && ty < 256 && nuclei.at(tx, ty) == LABEL;
				if (p && g) inter++;
				if (p || g) union++;
			}
		return (double) inter / union;
	}
}
