package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way a run can go wrong gives one line in the log (macros get no dialog that would stop
 * them), and leaves the ROI Manager, the image and its overlay exactly as they were.
 */
@ExtendWith(ImageJFixture.class)
class ErrorsTest {

	private RoiManager rm;

	@BeforeEach
	void setUp() {
		rm = ImageJFixture.managerWithOneEntry();
	}

	/** Runs {@code setup} then the command in a macro; returns the log and checks nothing was lost. */
	private String failingRun(String setup, String options) {
		String before = snapshot();
		int logBefore = logLength();
		ImageJFixture.macro(setup + "\nrun('Segment Anything...', '" + options + "');");
		ImagePlus imp = WindowManager.getCurrentImage();
		assertEquals(before, snapshot(), "the ROI Manager is unchanged");
		if (imp != null) {
			assertEquals(null, imp.getOverlay(), "no overlay added");
			assertTrue(!imp.changes, "the image is unchanged");
		}
		String log = IJ.getLog().substring(logBefore);
		assertTrue(log.startsWith("Segment Anything: "), "one message in the log: " + log);
		assertEquals(1, log.trim().split("\n").length, "exactly one line: " + log);
		assertTrue(!log.contains("Exception") && !log.contains("\tat "), "no stack trace: " + log);
		return log.trim();
	}

	/** A failing run on sample-data/ihc.png opened by the macro, after {@code setup}; its one log line must say each of {@code says}. */
	private void onIhcFails(String setup, String options, String... says) {
		fails("open('" + ImageJFixture.ihc() + "'); " + setup, options, says);
	}

	/** A failing run after {@code setup}; its one log line must say each of {@code says}. */
	private void fails(String setup, String options, String... says) {
		String log = failingRun(setup, options);
		for (String s : says) assertTrue(log.contains(s), "'" + s + "' in " + log);
	}

	/** Only what a run adds to the log counts (clearing the Log window is not synchronous). */
	private static int logLength() {
		String log = IJ.getLog();
		return log == null ? 0 : log.length();
	}

	private String snapshot() {
		StringBuilder s = new StringBuilder();
		for (Roi r : rm.getRoisAsArray()) s.append(r.getName()).append(r.getBounds()).append(';');
		return s.toString();
	}

	@Test
	void noImageOpen() {
		fails("", "mode=auto", "Segment Anything: No image is open: open an image, then click the object");
	}

	@Test
	void noSelection() {
		onIhcFails("", "mode=auto", "Segment Anything: No selection: click the object with the point tool");
	}

	@Test
	void wrongSelectionType() {
		onIhcFails("makeLine(10, 10, 50, 50);", "mode=auto",
			"Segment Anything: The selection is a straight line; SAM takes points, a rectangle or an outline");
		onIhcFails("makeLine(10, 10, 50, 50, 80, 20);", "mode=auto", "The selection is a polyline");
	}

	@Test
	void promptOutsideTheImage() {
		onIhcFails("makeRectangle(400, 400, 300, 50);", "mode=auto",
			"reaches outside the 512×512 image; draw the box inside the image.");
	}

	@Test
	void missingModelPointsToTheReadme() {
		onIhcFails("makePoint(300, 350);", "mode=auto model=[/nonexistent/sam-model]",
			"Model folder /nonexistent/sam-model does not exist", "README, section Models");
	}

	@Test
	void invalidModelFolder() throws Exception {
		java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("broken-model");
		java.nio.file.Files.write(dir.resolve("encoder.onnx"), new byte[] { 1, 2, 3 });
		onIhcFails("makePoint(300, 350);", "mode=auto model=[" + dir + "]", "encoder.onnx");
	}

	@Test
	void imageTypeItCannotTake() {
		fails("newImage('flat', '16-bit black', 64, 64, 1); setMinAndMax(0, 0); makePoint(10, 10);", "mode=auto",
			"has an empty display range");
	}

	@Test
	void badOptionValue() {
		onIhcFails("makePoint(300, 350);", "mode=auto keep=[a few]", "Unknown keep 'a few'");
	}

	@Test
	void thresholdsThatNothingPassesAddNothingAndSaySo() {
		String before = snapshot();
		int logBefore = logLength();
		ImageJFixture.macro("open('" + ImageJFixture.ihc() + "'); makePoint(300, 350);\n"
			+ "run('Segment Anything...', 'mode=multi min_iou=0.999 min_stability=0.999');");
		assertEquals(before, snapshot());
		assertEquals(null, WindowManager.getCurrentImage().getOverlay());
		String log = IJ.getLog().substring(logBefore).trim();
		assertTrue(log.startsWith("Segment Anything: No mask passed min_iou=0.999 and min_stability=0.999 (SAM returned IoU "),
			log);
	}

	@Test
	void everyBitDepthSegments() {
		for (String type : Arrays.asList("8-bit", "16-bit", "32-bit", "RGB Color", "8-bit Color")) {
			int count = rm.getCount();
			String conversion = type.equals("8-bit Color") ? "run('8-bit Color', 'number=256');" : "run('" + type + "');";
			ImageJFixture.macro("open('" + ImageJFixture.ihc() + "'); " + conversion + " makePoint(300, 350);\n"
				+ "run('Segment Anything...', 'mode=multi');");
			assertEquals(count + 3, rm.getCount(), type);
			ImageJFixture.closeAll();
		}
	}
}
