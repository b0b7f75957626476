package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;

import io.github.samij.core.Nuclei;
import io.github.samij.ij.command.SamMacroExtensions;
import io.github.samij.ij.output.SamResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Segment All from ImageJ macros — the command, a stack, the macro extensions, a folder — on real DSB nuclei. */
@ExtendWith(ImageJFixture.class)
class SegmentAllTest {

	@TempDir
	Path dir;

	private RoiManager rm;

	@BeforeEach
	void setUp() {
		rm = ImageJFixture.emptyManager();
		ResultsTable rt = SamResults.table();
		rt.reset();
	}

	@AfterEach
	void tearDown() {
		IJ.resetEscape();
		ImageJFixture.closeAll();
	}

	/** The label image's pixels of one plane, as labels. */
	private static int[] labels(ImageProcessor ip) {
		int[] l = new int[ip.getWidth() * ip.getHeight()];
		for (int i = 0; i < l.length; i++) l[i] = (int) ip.getf(i);
		return l;
	}

	private static int max(int[] labels) {
		int m = 0;
		for (int l : labels) m = Math.max(m, l);
		return m;
	}

	@Test
	void everyNucleusBecomesALabelARoiAndARow() {
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		ImageJFixture.macro("open('" + ImageJFixture.dsb("dsb000") + "');\nrun('Segment All...', 'output=both');");
		ImagePlus labelsImp = WindowManager.getImage("dsb000-SAM-labels");
		assertNotNull(labelsImp, "the label image is shown");
		assertEquals(16, labelsImp.getBitDepth());
		int[] labels = labels(labelsImp.getProcessor());
		int count = max(labels);
		assertTrue(truth.ap50(labels, count) >= 0.75, "AP@0.5 " + truth.ap50(labels, count) + " against the ground truth");
		assertEquals(count, rm.getCount(), "one ROI per object");
		ResultsTable rt = SamResults.table();
		assertEquals(count, rt.size(), "one row per object");
		for (int k = 0; k < count; k++) {
			Roi roi = rm.getRoi(k);
			assertTrue(roi.getName().matches("SAM #" + (k + 1) + " IoU=0\\.\\d\\d S=\\d\\.\\d\\d"), roi.getName());
			assertEquals(Integer.toString(k + 1), roi.getProperty("sam_label"));
			int label = k + 1;
			long pixels = java.util.Arrays.stream(labels).filter(l -> l == label).count();
			assertEquals(pixels, roi.getStatistics().pixelCount, "the ROI traces its label's pixels: " + roi.getName());
			assertEquals(pixels, (long) rt.getValue("Area (pixels)", k));
			assertEquals("object", rt.getStringValue("Scale", k));
			assertEquals(label, (int) rt.getValue("Rank", k));
		}
	}

	@Test
	void aStackGivesOneLabelPlanePerSliceAndAFlatSliceSaysSo() {
		ImagePlus one = IJ.openImage(ImageJFixture.dsb("dsb000"));
		ImageStack stack = new ImageStack(256, 256);
		stack.addSlice("nuclei", one.getProcessor());
		ImageProcessor flat = one.getProcessor().duplicate();
		flat.setColor(java.awt.Color.BLACK);
		flat.fill();
		stack.addSlice("empty", flat);
		stack.addSlice("nuclei again", one.getProcessor().duplicate());
		ImagePlus imp = new ImagePlus("stack", stack);
		imp.show();
		int log = BatchMacrosTest.logLength();
		ImageJFixture.macro("selectImage(" + imp.getID() + ");\nrun('Segment All...', 'output=both first=1 last=0');");
		ImagePlus labelsImp = WindowManager.getImage("stack-SAM-labels");
		assertEquals(3, labelsImp.getStackSize());
		int[] first = labels(labelsImp.getStack().getProcessor(1)), second = labels(labelsImp.getStack().getProcessor(2)),
			third = labels(labelsImp.getStack().getProcessor(3));
		assertTrue(max(first) > 10);
		assertEquals(0, max(second));
		assertEquals(max(first), max(third), "the same image gives the same objects, labelled 1..K on its own plane");
		assertEquals(2 * max(first), rm.getCount());
		assertEquals(1, rm.getRoi(0).getZPosition());
		assertEquals(3, rm.getRoi(rm.getCount() - 1).getZPosition());
		assertTrue(String.join("\n", BatchMacrosTest.logSince(log)).contains(
			"c1 z2 t1: The image is flat (every pixel has the grey value 0): there are no objects to find."),
			BatchMacrosTest.logSince(log).toString());
	}

	@Test
	void macroExtensionsSegmentAllThenReadAndAddObjects() {
		String v = ImageJFixture.macro("run('" + SamMacroExtensions.COMMAND + "');\n"
			+ "open('" + ImageJFixture.dsb("dsb000") + "');\n"
			+ "Ext.samSetSegmentAll('min_area=30 prompts=seeds');\n"
			+ "Ext.samSegmentAll(0);\n"
			+ "Ext.samGetCount(n);\n"
			+ "Ext.samGetMask(0, rank, scale, iou, stability, area);\n"
			+ "Ext.samAddToManager(n - 1);\n"
			+ "return '' + n + ',' + rank + ',' + scale + ',' + (iou >= 0.88) + ',' + (stability >= 0.95) + ',' + (area >= 30);");
		String[] parts = v.split(",");
		assertTrue(Integer.parseInt(parts[0]) > 10, v);
		assertEquals(List.of("1", "object", "1", "1", "1"), List.of(parts).subList(1, 6), v);
		assertEquals(1, rm.getCount());
		assertTrue(rm.getRoi(0).getName().startsWith("SAM #" + parts[0] + " "), rm.getRoi(0).getName());
		MacroRun bad = MacroRun.run("run('" + SamMacroExtensions.COMMAND + "');\nExt.samSetSegmentAll('min_iou=3');", null);
		assertEquals("Ext.samSetSegmentAll(options): min_iou must be from 0 to 1, got 3.0.", firstLine(bad.error));
	}

	private static String firstLine(String s) {
		return s == null ? null : s.split("\n")[0].trim();
	}

	@Test
	void segmentFolderWithoutACsvSegmentsEveryImage() throws IOException {
		for (String n : new String[] { "dsb000", "dsb003" })
			Files.copy(Path.of(ImageJFixture.dsb(n)), dir.resolve(n + ".png"), StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(dir.resolve("notes.txt"), "not an image");
		ImageJFixture.macro("run('Segment Folder...', 'folder=[" + dir + "]');");
		int total = 0;
		for (String n : new String[] { "dsb000", "dsb003" }) {
			ImagePlus labels = IJ.openImage(dir.resolve(n + FolderBatch.LABELS_SUFFIX).toString());
			assertNotNull(labels, n);
			int[] l = labels(labels.getProcessor());
			Nuclei truth = new Nuclei(n, 256, 256);
			assertTrue(truth.matched(l) >= truth.count / 2, n + ": " + truth.matched(l) + " of " + truth.count);
			total += max(l);
			assertTrue(Files.size(dir.resolve(n + FolderBatch.ROIS_SUFFIX)) > 0);
		}
		List<String> rows = Files.readAllLines(dir.resolve(FolderBatch.RESULTS_FILE));
		assertEquals(FolderBatch.HEADER, rows.get(0));
		assertEquals(total, rows.size() - 1, "one row per object");
		assertTrue(rows.get(1).startsWith("dsb000.png,,,1,1,\"(") && rows.get(1).contains(",1,object,"), rows.get(1));
	}
}
