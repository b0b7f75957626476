package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import io.github.samij.core.TestModel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every example macro of macros/ for stacks, run by ImageJ's own interpreter on real DSB stacks. */
@ExtendWith(ImageJFixture.class)
class MacrosTest {

	@TempDir
	Path dir;

	private RoiManager rm;

	@BeforeEach
	void emptyManager() {
		rm = ImageJFixture.emptyManager();
	}

	private static String macro(String name) {
		return TestModel.repositoryFile("macros/" + name).toString();
	}

	private static String run(String macro, String arg) {
		return ImageJFixture.macro("runMacro('" + macro + "', '" + arg + "');");
	}

	/** Saves a TIFF stack of same-size DSB images (or frames, for a time series). */
	private String stack(String title, boolean frames, String... names) {
		ImageStack stack = new ImageStack(256, 256);
		for (String n : names) stack.addSlice(n, IJ.openImage(ImageJFixture.dsb(n)).getProcessor().convertToByte(false));
		ImagePlus imp = new ImagePlus(title, stack);
		if (frames) imp.setDimensions(1, 1, names.length);
		String path = dir.resolve(title + ".tif").toString();
		IJ.saveAsTiff(imp, path);
		return path;
	}

	@Test
	void segmentStackMacro() {
		String path = stack("five", false, "dsb000", "dsb003", "dsb005", "dsb006", "dsb007");
		run(macro("segment_stack.ijm"), path + ",128,128");
		assertEquals(5, rm.getCount());
		for (int i = 0; i < 5; i++) {
			assertEquals(i + 1, rm.getRoi(i).getPosition());
			assertTrue(rm.getRoi(i).getName().startsWith("SAM 1/3 "), rm.getRoi(i).getName());
		}
	}

	@Test
	void propagateTimeSeriesMacro() {
		ImageProcessor base = IJ.openImage(ImageJFixture.dsb("dsb000")).getProcessor().convertToByte(false);
		ImageStack stack = new ImageStack(256, 256);
		for (int t = 0; t < 5; t++) {
			ImageProcessor ip = base.duplicate();
			ip.setBackgroundValue(0);
			ip.translate(2 * t, 0);
			stack.addSlice(ip);
		}
		ImagePlus series = new ImagePlus("series", stack);
		series.setDimensions(1, 1, 5);
		String path = dir.resolve("series.tif").toString();
		IJ.saveAsTiff(series, path);
		int[] click = StackTest.nucleusClick("dsb000");
		run(macro("propagate_time_series.ijm"), path + "," + click[0] + "," + click[1]);
		assertEquals(5, rm.getCount(), "followed through all frames");
		for (int t = 0; t < 5; t++) assertEquals(t + 1, rm.getRoi(t).getTPosition(), "ROI on frame " + (t + 1));
	}

	@Test
	void labelImageAndMeasurementsMacro() throws Exception {
		String path = stack("three nuclei", false, "dsb000", "dsb003", "dsb005"); // a space, as titles often have
		Path out = Files.createDirectories(dir.resolve("out"));
		run(macro("label_image_measure.ijm"), path + ",128,128," + out);
		File labels = out.resolve("three nuclei-SAM-labels.tif").toFile();
		File csv = out.resolve("three nuclei-SAM-measurements.csv").toFile();
		assertTrue(labels.isFile() && csv.isFile(), "both files written");
		ImagePlus l = IJ.openImage(labels.getPath());
		assertEquals(16, l.getBitDepth());
		assertEquals(3, l.getStackSize());
		for (int s = 1; s <= 3; s++)
			assertEquals(s, (int) l.getStack().getProcessor(s).getStatistics().max, "label " + s + " on slice " + s);
		ResultsTable rt = ResultsTable.open(csv.getPath());
		assertEquals(3, rt.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(i + 1, (int) rt.getValue("Slice", i), "Measure read each ROI on its own slice");
			assertEquals(rm.getRoi(i).getStatistics().area, rt.getValue("Area", i), 1e-6);
		}
	}
}
