package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A folder of three DSB nuclei images (copies of sample-data/dsb2018-dev images under new names)
 * and a prompts CSV: clicks at ground-truth nuclei, one two-point object, one box, a comment, a
 * missing image (line 5) and a malformed line (line 7). Knows which nucleus each label must be.
 */
final class FolderFixture {

	/** image name in the folder → its DSB source. */
	static final Map<String, String> SOURCES = new LinkedHashMap<>();
	static {
		SOURCES.put("a.png", "dsb003");
		SOURCES.put("b.png", "dsb011");
		SOURCES.put("c.png", "dsb000");
	}
	static final int OBJECTS_PER_IMAGE = 3;
	static final String NOTES = "notes.txt";

	final Path dir;
	final Path csv;
	final Map<String, Nuclei> truth = new LinkedHashMap<>();
	/** image → the ground-truth label each output label (1, 2, 3) must cover. */
	final Map<String, int[]> expected = new LinkedHashMap<>();
	/** image → a pixel each output label must hold (its click, or its box's nucleus's interior). */
	final Map<String, int[][]> anchors = new LinkedHashMap<>();

	private FolderFixture(Path dir) {
		this.dir = dir;
		this.csv = dir.resolve("prompts.csv");
	}

	/** Creates the folder's files; {@code withProblems}: add the missing-file and malformed lines. */
	static FolderFixture create(Path dir, boolean withProblems) throws IOException {
		FolderFixture f = new FolderFixture(dir);
		for (Map.Entry<String, String> e : SOURCES.entrySet()) {
			Files.copy(TestModel.repositoryFile("sample-data/dsb2018-dev/" + e.getValue() + ".png"), dir.resolve(e.getKey()));
			Nuclei gt = new Nuclei(e.getValue(), 256, 256);
			f.truth.put(e.getKey(), gt);
			f.expected.put(e.getKey(), largest(gt, OBJECTS_PER_IMAGE));
		}
		Files.write(dir.resolve(NOTES), "not ours".getBytes(StandardCharsets.UTF_8));

		List<String> lines = new ArrayList<>();
		lines.add("file,object,x,y,label,x0,y0,x1,y1"); // 1
		lines.add("# prompts for the SAM-IJ folder test"); // 2
		int[] a = f.expected.get("a.png");
		int[][] aAnchors = new int[3][];
		for (int k = 0; k < 3; k++) {
			int[] p = f.truth.get("a.png").interior(a[k]);
			aAnchors[k] = p;
			lines.add("a.png,," + p[0] + "," + p[1] + ",1,,,,"); // 3, 4, 6
			if (k == 1 && withProblems) lines.add("missing.png,,10,10,1,,,,"); // 5
		}
		f.anchors.put("a.png", aAnchors);
		if (withProblems) lines.add("b.png,,12,abc,1,,,,"); // 7
		Nuclei b = f.truth.get("b.png");
		int[] bl = f.expected.get("b.png");
		int[] p1 = b.interior(bl[0]), bg = background(b, bl[0]), box = b.box(bl[1]), p3 = b.interior(bl[2]);
		lines.add("b.png,n1," + p1[0] + "," + p1[1] + ",1,,,,"); // 8
		lines.add("b.png,n1," + bg[0] + "," + bg[1] + ",0,,,,"); // 9
		lines.add("b.png,,,,," + box[0] + "," + box[1] + "," + box[2] + "," + box[3]); // 10
		lines.add("b.png,," + p3[0] + "," + p3[1] + ",1,,,,"); // 11
		f.anchors.put("b.png", new int[][] { p1, b.interior(bl[1]), p3 });
		int[] c = f.expected.get("c.png");
		int[][] cAnchors = new int[3][];
		for (int k = 0; k < 3; k++) {
			int[] p = f.truth.get("c.png").interior(c[k]);
			cAnchors[k] = p;
			lines.add("c.png,," + p[0] + "," + p[1] + ",1,,,,"); // 12, 13, 14
		}
		f.anchors.put("c.png", cAnchors);
		Files.write(f.csv, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
		return f;
	}

	/** The {@code n} largest nuclei, largest first. */
	private static int[] largest(Nuclei gt, int n) {
		Map<Integer, Integer> area = new LinkedHashMap<>();
		for (int l : gt.labels) if (l != 0) area.merge(l, 1, Integer::sum);
		return area.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(n)
			.mapToInt(Map.Entry::getKey).toArray();
	}

	/** A background pixel just outside the nucleus's box. */
	private static int[] background(Nuclei gt, int label) {
		int[] b = gt.box(label);
		int[][] candidates = { { b[0] - 3, b[1] - 3 }, { b[2] + 2, b[3] + 2 }, { b[0] - 3, b[3] + 2 }, { b[2] + 2, b[1] - 3 } };
		for (int[] c : candidates)
			if (c[0] >= 0 && c[1] >= 0 && c[0] < gt.width && c[1] < gt.height && gt.at(c[0], c[1]) == 0) return c;
		throw new IllegalStateException("no background pixel beside nucleus " + label + " of " + gt.name);
	}

	/** The label image SAM-IJ wrote for {@code image} into {@code out}: pixels and checks on type and size. */
	static short[] labels(Path out, String image) {
		Path file = out.resolve(image.replace(".png", "") + FolderBatch.LABELS_SUFFIX);
		assertTrue(Files.isRegularFile(file), file + " exists");
		ImagePlus imp = IJ.openImage(file.toString());
		assertNotNull(imp, file + " opens in ImageJ");
		assertEquals(ImagePlus.GRAY16, imp.getType(), "16-bit");
		assertEquals(256, imp.getWidth());
		assertEquals(1, imp.getStackSize());
		return (short[]) imp.getProcessor().getPixels();
	}

	/** Checks one finished image's label image and RoiSet; returns the labels' IoUs with their nuclei. */
	List<Double> checkImage(Path out, String image) throws IOException {
		short[] px = labels(out, image);
		TreeSet<Integer> values = new TreeSet<>();
		for (short s : px) values.add(s & 0xffff);
		assertEquals(new TreeSet<>(List.of(0, 1, 2, 3)), values, image + ": one label per prompt object, 1..3");
		int[][] anchor = anchors.get(image);
		List<Double> ious = new ArrayList<>();
		for (int k = 0; k < 3; k++) {
			assertEquals(k + 1, px[anchor[k][1] * 256 + anchor[k][0]] & 0xffff,
				image + ": label " + (k + 1) + " covers its object's prompt (CSV order)");
			ious.add(truth.get(image).iou(px, k + 1, expected.get(image)[k]));
		}
		List<Roi> rois = roiSet(out.resolve(image.replace(".png", "") + FolderBatch.ROIS_SUFFIX));
		assertEquals(3, rois.size(), image + ": keep=[best only] gives one ROI per object");
		for (int k = 0; k < 3; k++) {
			Roi r = rois.get(k);
			assertEquals(Integer.toString(k + 1), r.getProperty("sam_label"), image + " ROI " + k);
			assertEquals(image, r.getProperty("sam_file"));
			String prefix = image.equals("b.png") && k == 0 ? "n1 SAM 1/1 single " : "#" + (k + 1) + " SAM 1/";
			assertTrue(r.getName().startsWith(prefix), r.getName() + " starts with " + prefix);
			assertTrue(r.contains(anchor[k][0], anchor[k][1]), image + ": ROI " + k + " holds its prompt");
		}
		return ious;
	}

	/** The ROIs of a RoiSet, in order, as the ROI Manager would open them. */
	static List<Roi> roiSet(Path zip) throws IOException {
		assertTrue(Files.isRegularFile(zip), zip + " exists");
		List<Roi> rois = new ArrayList<>();
		try (ZipFile z = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> entries = z.entries();
			while (entries.hasMoreElements()) {
				ZipEntry e = entries.nextElement();
				assertTrue(e.getName().endsWith(".roi"), e.getName());
				try (InputStream in = z.getInputStream(e)) {
					Roi roi = RoiDecoder.openFromByteArray(in.readAllBytes());
					assertNotNull(roi, e.getName());
					rois.add(roi);
				}
			}
		}
		return rois;
	}

	/** The rows of sam_results.csv (without the header, which is checked). */
	static List<String> resultRows(Path out) throws IOException {
		List<String> lines = Files.readAllLines(out.resolve(FolderBatch.RESULTS_FILE), StandardCharsets.UTF_8);
		assertEquals("file,line,object,label,slice,prompt,rank,scale,iou,stability,area", lines.get(0));
		return lines.subList(1, lines.size());
	}

	/** Files whose name ends with ".part" anywhere under {@code dir}: temporary files left behind. */
	static List<Path> partFiles(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".part")).collect(Collectors.toList());
		}
	}

	/** Checks the inputs and the unrelated file are untouched. */
	void checkInputsUntouched() throws IOException {
		for (Map.Entry<String, String> e : SOURCES.entrySet())
			assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve(e.getKey())),
				Files.readAllBytes(TestModel.repositoryFile("sample-data/dsb2018-dev/" + e.getValue() + ".png"))),
				e.getKey() + " unchanged");
		assertEquals("not ours", Files.readString(dir.resolve(NOTES)));
		assertFalse(Files.exists(dir.resolve("missing_sam_labels.tif")));
	}
}
