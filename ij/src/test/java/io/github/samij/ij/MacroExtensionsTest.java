package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.Nuclei;
import io.github.samij.ij.command.SamMacroExtensions;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Ext.sam... functions, called from real macros through ImageJ's interpreter. */
@ExtendWith(ImageJFixture.class)
class MacroExtensionsTest {

	private static final String REGISTER = "run('" + SamMacroExtensions.COMMAND + "');\n";

	@TempDir
	Path dir;

	private RoiManager rm;
	private Nuclei gt;
	private int[] p;

	@BeforeEach
	void setUp() {
		rm = ImageJFixture.managerWithOneEntry();
		gt = new Nuclei("dsb003", 256, 256);
		p = gt.interior(1);
	}

	private String open() {
		return "open('" + ImageJFixture.dsb("dsb003") + "');\n";
	}

	@Test
	void aClickGivesThreeMasksWithTheirNumbersAndOneGoesToTheRoiManager() {
		String v = MacroRun.ok(REGISTER + open()
			+ "Ext.samSetMode('multi');\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(n);\n"
			+ "s = '' + n;\n"
			+ "for (i = 0; i < n; i++) {\n"
			+ "  Ext.samGetMask(i, rank, scale, iou, stability, area);\n"
			+ "  s = s + '|' + rank + ',' + scale + ',' + iou + ',' + stability + ',' + area;\n"
			+ "}\n"
			+ "Ext.samAddToManager(1);\n"
			+ "return s;", null);
		String[] parts = v.split("\\|");
		assertEquals("3", parts[0], v);
		java.util.Set<String> scales = new java.util.HashSet<>();
		for (int i = 1; i <= 3; i++) {
			String[] m = parts[i].split(",");
			assertEquals(Integer.toString(i), m[0], "masks come in rank order: " + v);
			scales.add(m[1]);
			double iou = Double.parseDouble(m[2]), stability = Double.parseDouble(m[3]);
			assertTrue(iou > 0 && iou < 1.2, v);
			assertTrue(stability >= 0 && stability <= 1, v);
			assertTrue(Double.parseDouble(m[4]) > 0, v);
		}
		assertEquals(java.util.Set.of("subpart", "part", "whole"), scales);
		assertEquals(2, rm.getCount());
		Roi added = rm.getRoi(1);
		assertTrue(added.getName().startsWith("SAM 2/3 "), "index 1 is the rank-2 mask: " + added.getName());
		assertEquals(parts[2].split(",")[4], added.getProperty("sam_area"), "the area Ext reports is the ROI's");
	}

	@Test
	void boxOnAGivenSliceAndPointArraysAndModes() {
		ImageStack stack = new ImageStack(256, 256);
		stack.addSlice("dsb011", IJ.openImage(ImageJFixture.dsb("dsb011")).getProcessor());
		stack.addSlice("dsb003", IJ.openImage(ImageJFixture.dsb("dsb003")).getProcessor());
		String path = dir.resolve("two.tif").toString();
		IJ.saveAsTiff(new ImagePlus("two", stack), path);
		int[] box = gt.box(1);
		int[] bg = { box[0] > 3 ? box[0] - 3 : box[2] + 2, box[1] > 3 ? box[1] - 3 : box[3] + 2 };
		String v = MacroRun.ok(REGISTER + "open('" + path + "');\nsetSlice(1);\n"
			+ "Ext.samSegmentBox(" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + ", 2);\n"
			+ "Ext.samGetCount(n1);\n"
			+ "Ext.samGetMask(0, rank, scale, iou, stability, area);\n"
			+ "Ext.samAddToManager(0);\n"
			+ "Ext.samSegmentPoints(newArray(" + p[0] + ", " + bg[0] + "), newArray(" + p[1] + ", " + bg[1] + "), "
			+ "newArray(1, 0), 2);\n"
			+ "Ext.samGetCount(n2);\n"
			+ "Ext.samSetMode('single');\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 0);\n" // 0: the current plane (1)
			+ "Ext.samGetCount(n3);\n"
			+ "Ext.samGetMask(0, rank3, scale3, iou3, stability3, area3);\n"
			+ "Ext.samReset();\n"
			+ "Ext.samGetCount(n4);\n"
			+ "return '' + n1 + ',' + scale + ',' + area + ',' + n2 + ',' + n3 + ',' + scale3 + ',' + n4 + ',' + getSliceNumber();",
			null);
		String[] r = v.split(",");
		assertEquals("1", r[0], "a box under auto gives one mask: " + v);
		assertEquals("single", r[1]);
		long truth = gt.area(1);
		long area = Long.parseLong(r[2]);
		assertTrue(area > truth * 0.6 && area < truth * 1.6, "the box's nucleus on slice 2: " + area + " vs " + truth);
		assertEquals("1", r[3], "two points under auto give one mask");
		assertEquals("1", r[4], "mode single");
		assertEquals("single", r[5]);
		assertEquals("0", r[6], "reset forgets the masks");
		assertEquals("1", r[7], "segmenting another slice does not move the image");
		assertEquals(2, rm.getRoi(1).getPosition(), "the ROI is on slice 2");
	}

	@Test
	void thresholdsAndChannels() {
		int log = BatchMacrosTest.logLength();
		String v = MacroRun.ok(REGISTER + open()
			+ "Ext.samSetThresholds(0.999, 0.999);\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(n1);\n"
			+ "Ext.samSetThresholds(0, 0);\n"
			+ "Ext.samSetChannels('1');\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(n2);\n"
			+ "return '' + n1 + ',' + n2;", null);
		assertEquals("0,3", v);
		List<String> lines = BatchMacrosTest.logSince(log);
		assertEquals(1, lines.size(), lines.toString());
		assertTrue(lines.get(0).startsWith("Segment Anything: No mask passed min_iou=0.999 and min_stability=0.999"),
			lines.get(0));
	}

	@Test
	void whatSamCannotDoIsOneLogLineAndTheMacroGoesOnWithNoMasks() {
		int log = BatchMacrosTest.logLength();
		MacroRun r = MacroRun.run(REGISTER
			+ "Ext.samSegmentPoint(10, 10, 1);\n" // no image
			+ open()
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(before);\n"
			+ "Ext.samSegmentPoint(900, 10, 1);\n" // outside
			+ "Ext.samGetCount(after);\n"
			+ "Ext.samSetModel('/nonexistent/sam-model');\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(withBadModel);\n"
			+ "Ext.samSetModel('');\n"
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetCount(again);\n"
			+ "return '' + before + ',' + after + ',' + withBadModel + ',' + again;", null);
		assertNull(r.error);
		assertEquals("3,0,0,3", r.value, "a failed segmentation leaves no masks; the default model works again");
		List<String> lines = BatchMacrosTest.logSince(log);
		assertEquals(4, lines.size(), lines.toString());
		assertEquals("Segment Anything: No image is open: open an image before Ext.samSegment...", lines.get(0));
		assertEquals("Segment Anything: Point (900, 10) lies outside the 256×256 image; click inside the image.", lines.get(1));
		assertTrue(lines.get(2).startsWith("Segment Anything: Model folder /nonexistent/sam-model does not exist"), lines.get(2));
		assertEquals(lines.get(2), lines.get(3), "set and used: the same message");
		assertTrue(lines.stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), lines.toString());
		assertEquals(1, rm.getCount(), "nothing added");
	}

	/** A wrong argument stops the macro at its line with the message, as ImageJ's own functions do. */
	private String usageError(String code) {
		int log = BatchMacrosTest.logLength();
		MacroRun r = MacroRun.run(REGISTER + open() + code + "\nreturn 'went on';", null);
		assertTrue(r.error != null && !"went on".equals(r.value), "the macro stopped: " + r.value);
		assertEquals(List.of(), BatchMacrosTest.logSince(log), "a macro error, not a log line");
		assertEquals(1, rm.getCount(), "nothing added");
		ImageJFixture.closeAll();
		return r.error;
	}

	@Test
	void wrongArgumentsStopTheMacroWithAClearMessage() {
		String seg = "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n";
		assertEquals("Ext.samGetMask(i, rank, scale, iou, stability, area): mask 3 does not exist; there are 3 masks "
			+ "(indexes 0..2).", usageError(seg + "Ext.samGetMask(3, rank, scale, iou, stability, area);"));
		assertEquals("Ext.samAddToManager(i): there are no masks: segment first (Ext.samSegmentPoint, Ext.samSegmentBox, "
			+ "Ext.samSegmentPoints or Ext.samSegmentAll) and check Ext.samGetCount(n).", usageError("Ext.samAddToManager(0);"));
		assertEquals("Ext.samSetMode(mode): Unknown mode 'best': use auto, multi or single.",
			usageError("Ext.samSetMode('best');"));
		assertEquals("Ext.samSegmentPoint(x, y, slice): slice 2 does not exist: 'dsb003.png' has 1 plane(s); give 1..1, or "
			+ "0 for the current one.", usageError("Ext.samSegmentPoint(10, 10, 2);"));
		assertEquals("Ext.samSegmentPoint(x, y, slice): slice must be a whole number, got 1.5.",
			usageError("Ext.samSegmentPoint(10, 10, 1.5);"));
		assertEquals("Ext.samSetThresholds(minIou, minStability): minStability must be between 0 and 1, got 2.",
			usageError("Ext.samSetThresholds(0.5, 2);"));
		assertEquals("Ext.samSegmentPoints(xs, ys, labels, slice): xs, ys and labels must have the same length, got 2, 2 "
			+ "and 1.", usageError("Ext.samSegmentPoints(newArray(1, 2), newArray(1, 2), newArray(1), 1);"));
		assertEquals("Ext.samSegmentPoints(xs, ys, labels, slice): labels[1] is 2; use 1 (foreground) or 0 (background).",
			usageError("Ext.samSegmentPoints(newArray(1, 2), newArray(1, 2), newArray(1, 2), 1);"));
		assertEquals("Ext.samSegmentPoints(xs, ys, labels, slice): every label is 0 (background); give at least one "
			+ "foreground point (1).", usageError("Ext.samSegmentPoints(newArray(1, 2), newArray(1, 2), newArray(0, 0), 1);"));
		assertEquals("Ext.samSetChannels(channels): channels must be empty (the current channel), one channel number, or "
			+ "up to three separated by commas such as 1,2,3; got 'red'.", usageError("Ext.samSetChannels('red');"));
	}

	@Test
	void selectMakesTheMaskTheImagesSelection() {
		String v = MacroRun.ok(REGISTER + open()
			+ "Ext.samSegmentPoint(" + p[0] + ", " + p[1] + ", 1);\n"
			+ "Ext.samGetMask(0, rank, scale, iou, stability, area);\n"
			+ "Ext.samSelect(0);\n"
			+ "getStatistics(selected);\n"
			+ "return '' + area + ',' + selected + ',' + selectionType;", null);
		String[] r = v.split(",");
		assertEquals(r[0], r[1], "the selection covers exactly the mask's pixels");
		assertTrue(!r[2].equals("-1"), "there is a selection");
		assertEquals(1, rm.getCount(), "selecting adds nothing to the ROI Manager");
	}
}
