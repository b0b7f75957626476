package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import io.github.samij.core.Nuclei;
import io.github.samij.core.SamException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The folder batch on real DSB images: cancel, interrupt, output folder, refusals, per-object problems. */
@ExtendWith(ImageJFixture.class)
class FolderBatchTest {

	@TempDir
	Path dir;

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	private static SegmentSettings bestOnly() {
		SegmentSettings s = new SegmentSettings();
		s.bestOnly = true;
		return s;
	}

	private static boolean outputsExist(Path out, String image) {
		String base = image.replace(".png", "");
		return Files.exists(out.resolve(base + FolderBatch.LABELS_SUFFIX)) || Files.exists(out.resolve(base + FolderBatch.ROIS_SUFFIX));
	}

	@Test
	void cancelStopsBeforeTheNextImageAndKeepsTheFinishedOnes() throws IOException {
		FolderFixture f = FolderFixture.create(dir, false);
		// As if Escape was pressed during the first image.
		FolderBatch.Summary s = FolderBatch.run(dir, f.csv, null, bestOnly(), done -> done >= 1);

		assertEquals(1, s.done);
		assertEquals(3, s.listed);
		assertEquals("Cancelled after 1 of 3 images; the finished ones are kept.", s.note);
		f.checkImage(dir, "a.png");
		assertFalse(outputsExist(dir, "b.png"));
		assertFalse(outputsExist(dir, "c.png"));
		List<String> rows = FolderFixture.resultRows(dir);
		assertEquals(3, rows.size(), "sam_results.csv lists exactly the finished image: " + rows);
		assertTrue(rows.stream().allMatch(r -> r.startsWith("a.png,")), rows.toString());
		assertEquals(List.of(), FolderFixture.partFiles(dir), "no partial file");
		f.checkInputsUntouched();
	}

	@Test
	void anInterruptDuringAnImageFinishesThatImageCompletelyThenStops() throws IOException {
		FolderFixture f = FolderFixture.create(dir, false);
		// The interrupt arrives as image 2 starts (a macro abort, say): its files are still written whole.
		FolderBatch.Summary s = FolderBatch.run(dir, f.csv, null, bestOnly(), done -> {
			if (done == 1) Thread.currentThread().interrupt();
			return false;
		});
		assertEquals(List.of(), s.problems);
		assertTrue(Thread.interrupted(), "the interrupt is left set for the caller");
		assertEquals(2, s.done);
		assertEquals("Cancelled after 2 of 3 images; the finished ones are kept.", s.note);
		f.checkImage(dir, "a.png");
		f.checkImage(dir, "b.png");
		assertFalse(outputsExist(dir, "c.png"));
		assertEquals(6, FolderFixture.resultRows(dir).size());
		assertEquals(List.of(), FolderFixture.partFiles(dir));
	}

	@Test
	void outputFolderAndKeepAllMasks() throws IOException {
		FolderFixture f = FolderFixture.create(dir, false);
		Path out = dir.resolve("results/run 1"); // created if needed
		SegmentSettings s = new SegmentSettings(); // keep all masks
		FolderBatch.Summary summary = FolderBatch.run(dir, f.csv, out, s);
		assertEquals(3, summary.done);
		assertEquals(9, summary.objects);
		for (String image : FolderFixture.SOURCES.keySet()) {
			assertFalse(outputsExist(dir, image), "nothing beside the images when an output folder is given");
			short[] labels = FolderFixture.labels(out, image);
			int max = 0;
			for (short v : labels) max = Math.max(max, v & 0xffff);
			assertEquals(3, max, image + ": still one label per object");
		}
		// Single clicks give three masks each, the two-point object and the box one: 7 clicks × 3 + 2.
		List<String> rows = FolderFixture.resultRows(out);
		assertEquals(7 * 3 + 2, rows.size());
		assertEquals(7 * 3 + 2, summary.masks);
		assertEquals(9, FolderFixture.roiSet(out.resolve("a" + FolderBatch.ROIS_SUFFIX)).size());
		List<String> aRanks = rows.stream().filter(r -> r.startsWith("a.png,3,")).map(r -> r.split(",")[7])
			.collect(Collectors.toList());
		assertEquals(List.of("1", "2", "3"), aRanks, "the first click's three masks in rank order");

		// A second run replaces its own outputs.
		FolderBatch.Summary again = FolderBatch.run(dir, f.csv, out, bestOnly());
		assertEquals(3, again.done);
		assertEquals(9, FolderFixture.resultRows(out).size());
		assertEquals(3, FolderFixture.roiSet(out.resolve("a" + FolderBatch.ROIS_SUFFIX)).size());
		assertEquals(List.of(), FolderFixture.partFiles(dir));
	}

	@Test
	void aResultsFileThatIsNotOursIsNeverReplaced() throws IOException {
		FolderFixture f = FolderFixture.create(dir, false);
		Path theirs = dir.resolve(FolderBatch.RESULTS_FILE);
		Files.write(theirs, "sample,weight\nx,3\n".getBytes(StandardCharsets.UTF_8));
		SamException e = assertThrows(SamException.class, () -> FolderBatch.run(dir, f.csv, null, bestOnly()));
		assertEquals(theirs + " exists and was not written by Segment Folder; move it away or choose another output folder "
			+ "(nothing was done).", e.getMessage());
		assertEquals("sample,weight\nx,3\n", Files.readString(theirs));
		for (String image : FolderFixture.SOURCES.keySet()) assertFalse(outputsExist(dir, image));
	}

	@Test
	void whatStopsTheWholeRunIsOneClearMessage() throws IOException {
		SamException e = assertThrows(SamException.class, () -> FolderBatch.run(dir.resolve("nope"), null, null, bestOnly()));
		assertTrue(e.getMessage().startsWith("The images folder " + dir.resolve("nope") + " does not exist"), e.getMessage());
		e = assertThrows(SamException.class, () -> FolderBatch.run(dir, null, null, bestOnly()));
		assertTrue(e.getMessage().startsWith("The prompts CSV " + dir.resolve("prompts.csv") + " does not exist"), e.getMessage());
		Files.write(dir.resolve("prompts.csv"), "image,x,y\n".getBytes(StandardCharsets.UTF_8));
		e = assertThrows(SamException.class, () -> FolderBatch.run(dir, null, null, bestOnly()));
		assertTrue(e.getMessage().startsWith("The prompts CSV's header (line 1) is 'image,x,y'"), e.getMessage());
		Files.write(dir.resolve("prompts.csv"), new byte[] { 'f', 'i', 'l', 'e', ',', 'x', ',', 'y', '\n', (byte) 0xff, (byte) 0xfe });
		e = assertThrows(SamException.class, () -> FolderBatch.run(dir, null, null, bestOnly()));
		assertTrue(e.getMessage().endsWith("it is not UTF-8 text (save it as CSV UTF-8)."), e.getMessage());
		assertFalse(Files.exists(dir.resolve(FolderBatch.RESULTS_FILE)), "nothing written");

		// A model that does not load: not even the output folder is made.
		FolderFixture f = FolderFixture.create(dir, false);
		SegmentSettings noModel = bestOnly();
		noModel.model = dir.resolve("no model here").toString();
		Path out = dir.resolve("results");
		e = assertThrows(SamException.class, () -> FolderBatch.run(dir, f.csv, out, noModel));
		assertTrue(e.getMessage().contains("no model here"), e.getMessage());
		assertFalse(Files.exists(out), "no output folder made");
	}

	@Test
	void objectsSamCannotTakeAreReportedByLineAndTheOthersComplete() throws IOException {
		Files.copy(io.github.samij.core.TestModel.repositoryFile("sample-data/dsb2018-dev/dsb003.png"), dir.resolve("a.png"));
		Files.write(dir.resolve("a.png_sam_labels.tif"), new byte[] { 1 }); // a look-alike that is not an output
		Nuclei gt = new Nuclei("dsb003", 256, 256);
		int[] p = gt.interior(1);
		String csv = "file,x,y,slice\n"
			+ "a.png,900,10,\n" // 2: outside the image
			+ "a.png," + p[0] + "," + p[1] + ",2\n" // 3: no slice 2
			+ "a.png," + p[0] + "," + p[1] + ",\n" // 4: fine
			+ "a_sam_labels.png,1,1,\n"; // 5: no such image
		Files.write(dir.resolve("prompts.csv"), csv.getBytes(StandardCharsets.UTF_8));
		int log = BatchMacrosTest.logLength();
		FolderBatch.Summary s = FolderBatch.run(dir, null, null, bestOnly());
		assertEquals(1, s.done);
		assertEquals(1, s.objects);
		assertEquals(List.of(
			"prompts.csv line 2: a.png: Point (900, 10) lies outside the 256×256 image; click inside the image. Object skipped.",
			"prompts.csv line 3: a.png: slice 2 does not exist (the image has 1 plane); object skipped.",
			"prompts.csv line 5: a_sam_labels.png was not found in " + dir + "; skipped."), s.problems);
		List<String> logged = BatchMacrosTest.logSince(log);
		for (String problem : s.problems) assertTrue(logged.contains("Segment Anything: " + problem), logged.toString());
		short[] labels = FolderFixture.labels(dir, "a.png");
		assertEquals(1, labels[p[1] * 256 + p[0]], "the good object got label 1");
		List<String> rows = FolderFixture.resultRows(dir);
		assertEquals(1, rows.size());
		assertTrue(rows.get(0).startsWith("a.png,4,,1,1,\"(" + p[0] + ", " + p[1] + ")\",1,"), rows.get(0));
		assertTrue(Files.exists(dir.resolve("a.png_sam_labels.tif")), "an unrelated file is left alone");
		assertEquals(1, Files.size(dir.resolve("a.png_sam_labels.tif")));

		// Thresholds nothing passes: the object is reported, the (empty) outputs are still written.
		FolderBatch.Summary none;
		SegmentSettings strict = bestOnly();
		strict.minIou = 0.999;
		strict.minStability = 0.999;
		Files.write(dir.resolve("prompts.csv"), ("file,x,y\na.png," + p[0] + "," + p[1] + "\n").getBytes(StandardCharsets.UTF_8));
		none = FolderBatch.run(dir, null, null, strict);
		assertEquals(1, none.problems.size());
		assertTrue(none.problems.get(0).startsWith("prompts.csv line 2: a.png: No mask passed min_iou=0.999 and "
			+ "min_stability=0.999"), none.problems.get(0));
		assertEquals(0, FolderFixture.resultRows(dir).size());
		assertEquals(0, FolderFixture.roiSet(dir.resolve("a" + FolderBatch.ROIS_SUFFIX)).size());
		for (short v : FolderFixture.labels(dir, "a.png")) assertEquals(0, v);
	}

	@Test
	void outputsThatWouldReplaceAListedImageAreRefused() throws IOException {
		Path img = io.github.samij.core.TestModel.repositoryFile("sample-data/dsb2018-dev/dsb003.png");
		Files.copy(img, dir.resolve("a.png"));
		Files.copy(img, dir.resolve("a_sam_labels.tif")); // an input that happens to carry our suffix
		Files.createDirectories(dir.resolve("sub"));
		Files.copy(img, dir.resolve("sub/a.png"));
		Nuclei gt = new Nuclei("dsb003", 256, 256);
		int[] p = gt.interior(1);
		String csv = "file,x,y\n"
			+ "a.png," + p[0] + "," + p[1] + "\n" // 2
			+ "a_sam_labels.tif," + p[0] + "," + p[1] + "\n" // 3
			+ "sub/a.png," + p[0] + "," + p[1] + "\n"; // 4
		Files.write(dir.resolve("prompts.csv"), csv.getBytes(StandardCharsets.UTF_8));
		byte[] before = Files.readAllBytes(dir.resolve("a_sam_labels.tif"));
		Path out = dir.resolve("out");
		FolderBatch.Summary s = FolderBatch.run(dir, null, out, bestOnly());
		assertEquals(List.of(
			"prompts.csv line 4: the outputs of sub/a.png would overwrite those of another image of the same name written "
				+ "earlier in this run; skipped."), s.problems.stream().filter(x -> x.contains("line 4")).collect(Collectors.toList()));
		assertEquals(2, s.done, "a.png and a_sam_labels.tif (whose outputs are a_sam_labels_sam_labels.tif...)");
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("a_sam_labels.tif"))));

		// Beside the images, a.png's label image would replace the listed image a_sam_labels.tif.
		Files.write(dir.resolve("prompts.csv"), ("file,x,y\na.png," + p[0] + "," + p[1] + "\na_sam_labels.tif,1,1\n")
			.getBytes(StandardCharsets.UTF_8));
		s = FolderBatch.run(dir, null, null, bestOnly());
		assertEquals(List.of("prompts.csv line 2: the outputs of a.png would overwrite an image the CSV lists; rename one; "
			+ "skipped."), s.problems);
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("a_sam_labels.tif"))), "the input is intact");
	}

	@Test
	void theMenuCommandReportsAMissingFolderInOneLogLine() {
		int log = BatchMacrosTest.logLength();
		ImageJFixture.macro("run('Segment Folder...', 'folder=[" + dir.resolve("none") + "] prompts=[] output=[]');");
		List<String> lines = BatchMacrosTest.logSince(log);
		assertEquals(1, lines.size(), lines.toString());
		assertTrue(lines.get(0).startsWith("Segment Anything: The images folder " + dir.resolve("none") + " does not exist"),
			lines.get(0));
		assertTrue(IJ.getLog().indexOf("Exception", log) < 0);
	}
}
