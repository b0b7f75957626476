package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.Nuclei;
import io.github.samij.core.mask.MaskGeometry;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.convert.RankColors;

import java.awt.Color;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rough outline (any area selection but a plain rectangle) is a prompt: SAM snaps it to the object.
 * On the 82 nuclei of dsb012, an ellipse drawn in each nucleus's bounding box, given to Segment
 * Anything as the selection, comes back closer to the nucleus than the ellipse itself.
 */
@ExtendWith(ImageJFixture.class)
class OutlineTest {

	/** Both model families: the default (empty), and SAM 2 Hiera-Tiny by name. */
	@ParameterizedTest
	@ValueSource(strings = { "", "sam2-hiera-tiny" })
	void samSnapsEllipsesToTheNuclei(String model) throws Exception {
		ImagePlus imp = IJ.openImage(ImageJFixture.dsb("dsb012"));
		Nuclei nuclei = new Nuclei("dsb012", imp.getWidth(), imp.getHeight());
		SegmentSettings settings = new SegmentSettings();
		settings.model = model;
		double drawn = 0, snapped = 0;
		Overlay figure = new Overlay();
		for (int label = 1; label <= nuclei.count; label++) {
			byte[] truth = nuclei.mask(label);
			Roi oval = ellipse(nuclei.box(label));
			imp.setRoi(oval);
			SegmentAnything.Result r = SegmentAnything.segmentPlane(imp, Plane.current(imp), PromptInput.from(imp), settings);
			assertEquals(1, r.rois.size(), "an outline is unambiguous: one mask");
			drawn += MaskGeometry.iou(pixels(oval, imp), truth);
			snapped += MaskGeometry.iou(r.rois.get(0).mask.imagePixels(), truth);
			oval.setStrokeColor(Color.WHITE);
			figure.add(oval);
			Roi mask = (Roi) r.rois.get(0).roi.clone();
			mask.setStrokeColor(RankColors.of(1));
			figure.add(mask);
		}
		if (model.isEmpty()) writeFigure(imp, figure);
		drawn /= nuclei.count;
		snapped /= nuclei.count;
		System.out.printf("OutlineTest: %s, dsb012, %d nuclei: mean IoU of the ellipses %.3f, of SAM's masks %.3f%n",
			model.isEmpty() ? "default model" : model, nuclei.count, drawn, snapped);
		assertTrue(snapped > drawn + 0.03, "SAM's masks " + snapped + " vs the ellipses " + drawn);
	}

	@Test
	void aMacroOutlinesANucleusWithTheOvalTool() {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		Nuclei nuclei = new Nuclei("dsb000", 256, 256);
		int[] b = nuclei.box(14);
		String result = ImageJFixture.macro("open('" + ImageJFixture.dsb("dsb000") + "');\n"
			+ "makeOval(" + b[0] + ", " + b[1] + ", " + (b[2] - b[0]) + ", " + (b[3] - b[1]) + ");\n"
			+ "run('Segment Anything...', 'mode=auto');\n"
			+ "roiManager('select', roiManager('count') - 1);\n"
			+ "return '' + Roi.getName + '|' + Roi.getProperty('sam_prompt');");
		assertEquals(2, rm.getCount(), result);
		String[] parts = result.split("\\|");
		assertTrue(parts[0].startsWith("SAM 1/1 single IoU="), parts[0]);
		assertEquals("box (" + b[0] + ", " + b[1] + ")-(" + b[2] + ", " + b[3] + ") refining a mask", parts[1]);
	}

	/** docs/images/outline-refine.png: the ellipses (white) and SAM's masks (yellow), zoomed 3×. */
	private static void writeFigure(ImagePlus imp, Overlay figure) throws Exception {
		imp.deleteRoi();
		ImagePlus shown = imp.duplicate();
		shown.setOverlay(figure);
		ImagePlus flat = shown.flatten();
		flat.setRoi(new java.awt.Rectangle(0, 0, 200, 130));
		ImagePlus zoomed = new ImagePlus("outline-refine", flat.crop().getProcessor().resize(600, 390, false));
		java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "screenshots"));
		IJ.saveAs(zoomed, "png", java.nio.file.Paths.get("target", "screenshots", "outline-refine.png").toString());
	}

	private static Roi ellipse(int[] box) {
		return new OvalRoi(box[0], box[1], box[2] - box[0], box[3] - box[1]);
	}

	private static byte[] pixels(Roi roi, ImagePlus imp) {
		byte[] out = new byte[imp.getWidth() * imp.getHeight()];
		for (java.awt.Point p : roi) out[p.y * imp.getWidth() + p.x] = 1;
		return out;
	}
}
