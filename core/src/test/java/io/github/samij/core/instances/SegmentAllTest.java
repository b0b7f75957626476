package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.Nuclei;
import io.github.samij.core.Progress;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.SamImage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Segment All on real images with the real model, against the DSB 2018 ground truth. */
class SegmentAllTest {

	private static Instances run(SamImage image, SegmentAllSettings settings) {
		return new SegmentAll(SharedSegmenter.get(), settings).run(image, Progress.NONE, () -> false);
	}

	/** What every result must satisfy: areas and boxes are those of the label image, labels 1..K in raster order. */
	static void assertConsistent(Instances found) {
		int w = found.width();
		long[] area = new long[found.count() + 1];
		int[][] box = new int[found.count() + 1][];
		int nextFirst = 1;
		for (int i = 0; i < found.labels().length; i++) {
			int l = found.labels()[i], x = i % w, y = i / w;
			if (l == 0) continue;
			if (box[l] == null) {
				assertEquals(nextFirst++, l, "labels are numbered in the raster order of their first pixel");
				box[l] = new int[] { x, y, x, y };
			}
			area[l]++;
			box[l][0] = Math.min(box[l][0], x);
			box[l][2] = Math.max(box[l][2], x);
			box[l][3] = y;
		}
		for (Instance o : found.objects()) {
			int[] b = box[o.label()];
			assertEquals(area[o.label()], o.area(), o.toString());
			assertArrayEquals(new int[] { b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1 }, o.bbox(), o.toString());
			assertEquals(o.area(), count(found.mask(o).pixels()), "the object's mask is its pixels in the label image");
		}
	}

	private static long count(byte[] pixels) {
		long n = 0;
		for (byte b : pixels) if (b != 0) n++;
		return n;
	}

	@Test
	void findsTheNucleiOfAFluorescenceImage() {
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		Instances found = run(TestImages.load(TestImages.dsb("dsb000")), SegmentAllSettings.DEFAULT);
		assertConsistent(found);
		// The protocol's classical baseline scores AP@0.5 = 0.62 here.
		double ap = truth.ap50(found.labels(), found.count());
		assertTrue(ap >= 0.75, "AP@0.5 " + ap + ": " + truth.matched(found.labels()) + " of " + truth.count + " nuclei matched, "
			+ found.count() + " objects");
		assertEquals(Boolean.TRUE, found.run().bright, "fluorescence: bright objects");
		assertTrue(found.run().decoded >= found.count() && found.run().points >= found.count(), "one prompt per object at least");
		for (Instance o : found.objects()) {
			assertTrue(o.iou() >= 0.88f && o.stability() >= 0.95f, "every object passes the thresholds: " + o);
			assertTrue(o.area() >= 15, o.toString());
		}
		assertTrue(found.notes().isEmpty(), found.notes().toString());
	}

	@Test
	void darkObjectsOnABrightBackgroundAreSeededOnTheDarkSide() {
		Nuclei truth = new Nuclei("dsb002", 320, 256);
		Instances found = run(TestImages.load(TestImages.dsb("dsb002")), SegmentAllSettings.DEFAULT);
		assertEquals(Boolean.FALSE, found.run().bright, "stained tissue: dark nuclei");
		assertConsistent(found);
		assertTrue(truth.matched(found.labels()) >= truth.count / 3, truth.matched(found.labels()) + " of " + truth.count);
		Instances wrongSide = run(TestImages.load(TestImages.dsb("dsb002")),
			SegmentAllSettings.DEFAULT.withObjects(SegmentAllSettings.Objects.BRIGHT));
		assertEquals(Boolean.TRUE, wrongSide.run().bright);
		assertTrue(truth.matched(wrongSide.labels()) < truth.matched(found.labels()), "seeds on the wrong side find fewer nuclei");
	}

	@Test
	void theGridFindsObjectsAsSamsAutomaticMaskGeneratorDoes() {
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		SegmentAllSettings grid = SegmentAllSettings.DEFAULT.withPrompts(SegmentAllSettings.Prompts.GRID).withPointsPerSide(12);
		Instances found = run(TestImages.load(TestImages.dsb("dsb000")), grid);
		assertConsistent(found);
		assertEquals(144, found.run().points);
		assertEquals(144, found.run().decoded + found.run().skipped, "each grid point decoded once or skipped");
		assertTrue(found.run().skipped > 0, "points inside accepted objects are skipped");
		assertTrue(truth.matched(found.labels()) >= 8, truth.matched(found.labels()) + " of " + truth.count);
		assertEquals(null, found.run().bright);
	}

	@Test
	void aFlatImageHasNoObjectsAndSaysSo() {
		byte[] grey = new byte[200 * 100];
		Arrays.fill(grey, (byte) 90);
		Instances found = run(SamImage.gray8(200, 100, grey), SegmentAllSettings.DEFAULT);
		assertEquals(0, found.count());
		assertEquals(0, found.run().decoded);
		assertEquals(List.of("The image is flat (every pixel has the grey value 90): there are no objects to find."),
			found.notes());
		assertTrue(Arrays.stream(found.labels()).allMatch(l -> l == 0));
	}

	@Test
	void cancelStopsBetweenPromptsAndLeavesNothing() {
		AtomicInteger polls = new AtomicInteger();
		List<Double> fractions = new ArrayList<>();
		SegmentAll all = new SegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT);
		// Cancelled at the third poll: after the encoding and one batch of prompts.
		assertThrows(CancellationException.class, () -> all.run(TestImages.load(TestImages.dsb("dsb005")),
			(message, fraction) -> fractions.add(fraction), () -> polls.incrementAndGet() >= 3));
		assertEquals(3, polls.get());
		assertTrue(fractions.size() >= 2 && fractions.get(fractions.size() - 1) > 0 && fractions.get(fractions.size() - 1) < 1,
			"progress was reported before the cancel: " + fractions);
		assertFalse(fractions.contains(1.0));
	}

	@Test
	void anImageLargerThanSamsViewWorksAndWarns() {
		// dsb000 (256 × 256) at the left of a 4200 × 256 strip of its background grey.
		SamImage tile = TestImages.load(TestImages.dsb("dsb000"));
		int w = 4200, h = 256;
		int[] gray = Seeds.gray(tile);
		byte[] strip = new byte[w * h];
		Arrays.fill(strip, (byte) gray[0]);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < 256; x++) strip[y * w + x] = (byte) gray[y * 256 + x];
		Instances found = run(SamImage.gray8(w, h, strip), SegmentAllSettings.DEFAULT);
		assertConsistent(found);
		assertEquals(w * h, found.labels().length);
		assertEquals(found.count() == 0 ? 2 : 1, found.notes().size(), "the size note (and, if nothing was found, that): "
			+ found.notes());
		assertTrue(found.notes().get(0).startsWith("The image is 4200×256: SAM sees it at 1024 pixels on its longest side"),
			found.notes().get(0));
		for (Instance o : found.objects()) assertTrue(o.bbox()[0] < 256 + 8, "objects only where the nuclei are: " + o);
	}
}
