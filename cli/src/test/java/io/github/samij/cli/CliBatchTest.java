package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.eval.InstanceScore;
import io.github.samij.core.Nuclei;
import io.github.samij.core.Segmenter;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam-ij batch} on a folder of DSB 2018 images with the real default model, against the ground truth. */
class CliBatchTest {

	@TempDir
	Path tmp;

	/** A folder with dsb000 and dsb003 as a.png and b.png. */
	static Path folder(Path dir) throws Exception {
		Path images = Files.createDirectories(dir.resolve("images"));
		Files.copy(TestImages.dsb("dsb000"), images.resolve("a.png"));
		Files.copy(TestImages.dsb("dsb003"), images.resolve("b.png"));
		return images;
	}

	static int[] labels(Path tif) throws Exception {
		BufferedImage img = ImageIO.read(tif.toFile());
		assertEquals(DataBuffer.TYPE_USHORT, img.getRaster().getDataBuffer().getDataType(), "16-bit labels");
		return img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, new int[img.getWidth() * img.getHeight()]);
	}

	@Test
	void promptsFromACsvGiveLabelImagesOfTheNucleiAndOneRowPerMask() throws Exception {
		Path images = folder(tmp);
		Nuclei a = new Nuclei("dsb000", 256, 256), b = new Nuclei("dsb003", 256, 256);
		int[] click = a.interior(1), box = b.box(2);
		Files.writeString(images.resolve("prompts.csv"), String.join("\n", "file,x,y,x0,y0,x1,y1",
			"a.png," + click[0] + "," + click[1] + ",,,,",
			"b.png,,," + box[0] + "," + box[1] + "," + box[2] + "," + box[3],
			"b.png,not-a-number,3,,,,",
			"gone.png,10,10,,,,", ""));
		Path out = tmp.resolve("out");
		Invocation run = Invocation.ok("batch", "--folder", images.toString(), "--out", out.toString());
		assertTrue(run.err.contains("sam-ij: note: prompts.csv line 4:"), run.err);
		assertTrue(run.err.contains("sam-ij: note: prompts.csv line 5: gone.png was not found in"), run.err);
		assertTrue(run.out.startsWith("Batch: 2 of 3 image(s) done, 2 object(s) labelled, 4 mask row(s) in "), run.out);

		int[] la = labels(out.resolve("a" + BatchFiles.LABELS_SUFFIX)), lb = labels(out.resolve("b" + BatchFiles.LABELS_SUFFIX));
		assertTrue(iou(la, 1, a.labels, 1) >= 0.7, "the click's best mask is nucleus 1: " + iou(la, 1, a.labels, 1));
		assertTrue(iou(lb, 1, b.labels, 2) >= 0.8, "the box's mask is nucleus 2: " + iou(lb, 1, b.labels, 2));

		List<String> rows = Files.readAllLines(out.resolve(BatchFiles.RESULTS_FILE), StandardCharsets.UTF_8);
		assertEquals(BatchFiles.HEADER, rows.get(0));
		assertEquals(5, rows.size(), "three masks for the click, one for the box: " + rows);
		assertTrue(rows.get(1).startsWith("a.png,2,,1,1,\"(" ) && rows.get(4).startsWith("b.png,3,,1,1,\"box "), rows.toString());
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(List.of("a_sam_labels.tif", "b_sam_labels.tif", BatchFiles.RESULTS_FILE),
				files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()), "no temporary file is left");
		}
	}

	@Test
	void anImageIsEncodedOnceForAllItsObjects() throws Exception {
		Path images = folder(tmp);
		Files.writeString(images.resolve("prompts.csv"), "file,x0,y0,x1,y1\na.png,10,10,60,60\na.png,100,100,160,150\n"
			+ "a.png,20,150,90,220\n");
		BatchPlan plan = BatchCommand.plan(BatchCommand.declare().parse(List.of("--folder", images.toString(), "--out",
			tmp.resolve("out").toString())));
		plan.prepare();
		Segmenter segmenter = new Segmenter(SharedSegmenter.get().model(), Segmenter.DEFAULT_CACHE_BYTES);
		long before = segmenter.model().encoderRuns();
		ImageTask.Result r = ImageTask.run(plan, plan.entries().get(0), segmenter);
		assertEquals(3, r.objects);
		assertEquals(1, segmenter.model().encoderRuns() - before, "three boxes, one encode");
	}

	@Test
	void allSegmentsEveryNucleusOfEveryImage() throws Exception {
		Path images = folder(tmp);
		Invocation run = Invocation.ok("batch", "--folder", images.toString(), "--all");
		assertTrue(run.out.startsWith("Batch: 2 of 2 image(s) done, "), run.out);
		int[] la = labels(images.resolve("a" + BatchFiles.LABELS_SUFFIX));
		Nuclei a = new Nuclei("dsb000", 256, 256);
		int count = java.util.Arrays.stream(la).max().getAsInt();
		InstanceScore score = InstanceScore.of(la, a.labels);
		assertTrue(score.ap(0) >= 0.75, "AP@0.5 " + score.ap(0) + " with " + count + " objects");
		List<String> rows = Files.readAllLines(images.resolve(BatchFiles.RESULTS_FILE), StandardCharsets.UTF_8);
		assertEquals(count, rows.stream().filter(r -> r.startsWith("a.png,")).count(), "one row per object of a.png");
	}

	@Test
	void anImageLargerThanATileIsReadRegionByRegionAndItsNucleiFound() throws Exception {
		// 700 × 600 of a mosaic of dsb000, as an RGB TIFF in strips; tiles of 512 make four tiles.
		SamImage mosaic = LargeImages.mosaic();
		Path images = Files.createDirectories(tmp.resolve("large"));
		LargeImages.writeTiff(images.resolve("mosaic.tif"));

		try (RegionReader regions = RegionReader.open(images.resolve("mosaic.tif"))) {
			SamImage region = regions.pixels(Crop.of(300, 200, 64, 32, 700, 600)), expected = mosaic.crop(300, 200, 64, 32);
			for (int c = 0; c < 3; c++) assertArrayEquals(expected.plane(c), region.plane(c), "a region's pixels are the image's");
		}

		Invocation run = Invocation.ok("batch", "--folder", images.toString(), "--all", "--tile", "512");
		assertTrue(run.out.startsWith("Batch: 1 of 1 image(s) done, "), run.out);
		int[] predicted = labels(images.resolve("mosaic" + BatchFiles.LABELS_SUFFIX));
		Nuclei truth = LargeImages.truth();
		int count = java.util.Arrays.stream(predicted).max().getAsInt();
		assertTrue(truth.ap50(predicted, count) >= 0.7, "AP@0.5 " + truth.ap50(predicted, count) + " with " + count + " objects");
	}

	@Test
	void anImageTooLargeForTheBatchIsOneNoteAndTheOthersRun() throws Exception {
		Path images = folder(tmp);
		// A sparse file: the header of a 50,000² 8-bit TIFF and 2.5 GB of pixels that take no disk space.
		Files.write(images.resolve("huge.tif"), tiffHeader(50_000, 50_000));
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(images.resolve("huge.tif").toFile(), "rw")) {
			f.setLength(200 + 50_000L * 50_000L);
		}
		Invocation run = Invocation.ok("batch", "--folder", images.toString(), "--all");
		assertTrue(run.err.contains("sam-ij: note: huge.tif cannot be read: it is 50000x50000 pixels, more than the "
			+ ImageTask.MAX_PIXELS + " a label image of the batch holds; crop it into parts, or segment it with SamImgLib2 into a "
			+ "cell label image; skipped."), run.err);
		assertTrue(run.out.startsWith("Batch: 2 of 3 image(s) done, "), run.out);
		assertFalse(Files.exists(images.resolve("huge" + BatchFiles.LABELS_SUFFIX)));
		assertTrue(Files.exists(images.resolve("a" + BatchFiles.LABELS_SUFFIX)));
	}

	/** The header of an 8-bit grey, uncompressed TIFF of w × h pixels in one strip at offset 200, without the pixels. */
	private static byte[] tiffHeader(int w, int h) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 9 * 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 9);
		int[][] entries = { { 256, 4, w }, { 257, 4, h }, { 258, 3, 8 }, { 259, 3, 1 }, { 262, 3, 1 }, { 273, 4, 200 },
			{ 277, 3, 1 }, { 278, 4, h }, { 279, 4, w * h } };
		for (int[] e : entries) {
			b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
			if (e[1] == 3) b.putShort((short) e[2]).putShort((short) 0);
			else b.putInt(e[2]);
		}
		return b.putInt(0).array();
	}

	@Test
	void badInputIsOneLineAndWritesNothing() throws Exception {
		Path images = folder(tmp);
		Invocation noFolder = Invocation.of("batch", "--folder", tmp.resolve("nope").toString(), "--all");
		assertEquals(Main.USAGE, noFolder.status);
		assertEquals(1, noFolder.errLines().length, noFolder.err);
		assertTrue(noFolder.err.startsWith("sam-ij: --folder '"), noFolder.err);

		Invocation noCsv = Invocation.of("batch", "--folder", images.toString());
		assertEquals(Main.USAGE, noCsv.status);
		assertTrue(noCsv.err.contains("prompts.csv' does not exist"), noCsv.err);

		Invocation both = Invocation.of("batch", "--folder", images.toString(), "--all", "--prompts", "x.csv");
		assertEquals("sam-ij: give --prompts CSV or --all, not both", both.err.trim());

		Files.writeString(images.resolve(BatchFiles.RESULTS_FILE), "my own table\n");
		Invocation theirs = Invocation.of("batch", "--folder", images.toString(), "--all");
		assertEquals(Main.FAILURE, theirs.status);
		assertTrue(theirs.err.contains("was not written by Segment Folder"), theirs.err);
		assertEquals("my own table\n", Files.readString(images.resolve(BatchFiles.RESULTS_FILE)), "their file is intact");
		assertFalse(Files.exists(images.resolve("a" + BatchFiles.LABELS_SUFFIX)), "nothing written");
	}

	private static double iou(int[] predicted, int p, int[] truth, int t) {
		long inter = 0, union = 0;
		for (int i = 0; i < truth.length; i++) {
			boolean a = predicted[i] == p, b = truth[i] == t;
			if (a && b) inter++;
			if (a || b) union++;
		}
		return (double) inter / union;
	}
}
