package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.samij.core.mask.Mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OverlapsTest {

	private static final int W = 100, H = 60;

	/** A filled rectangle as a compact mask (its window is the rectangle). */
	static Candidate rect(int x, int y, int w, int h, float iou) {
		byte[] px = new byte[w * h];
		Arrays.fill(px, Mask.INSIDE);
		return new Candidate(Mask.object(0, 1, iou, 0.97f, new int[] { x, y, w, h }, px, W, H), x + w / 2.0, y + h / 2.0);
	}

	private static int at(Overlaps.Resolved r, int x, int y) {
		return r.labels[y * W + x];
	}

	@Test
	void aMaskThatIsTheUnionOfOthersIsDroppedAndTheyStay() {
		List<Candidate> c = List.of(rect(10, 10, 30, 12, 0.99f), rect(10, 10, 15, 12, 0.90f), rect(25, 10, 15, 12, 0.91f));
		Overlaps.Resolved r = Overlaps.resolve(c, W, H, 15);
		assertEquals(2, r.objects.size());
		assertEquals(1, at(r, 10, 10));
		assertEquals(2, at(r, 25, 10));
		assertEquals(0.90f, r.objects.get(0).iou());
		assertEquals(180, r.objects.get(0).area());
	}

	@Test
	void aSmallObjectInsideALargerOneLiesOnTopAndBothStay() {
		Overlaps.Resolved r = Overlaps.resolve(List.of(rect(20, 20, 10, 10, 0.92f), rect(10, 10, 40, 30, 0.95f)), W, H, 15);
		assertEquals(2, r.objects.size());
		assertEquals(1, at(r, 10, 10), "numbered in raster order of their first pixel: the cell first");
		assertEquals(2, at(r, 25, 25));
		assertEquals(1200 - 100, r.objects.get(0).area(), "the cell's area is what is visible of it");
		assertArrayEquals(new int[] { 10, 10, 40, 30 }, r.objects.get(0).bbox());
		assertArrayEquals(new int[] { 20, 20, 10, 10 }, r.objects.get(1).bbox());
	}

	@Test
	void duplicatesGoByBoxSuppressionKeepingTheHigherPredictedIou() {
		Overlaps.Resolved r = Overlaps.resolve(List.of(rect(70, 5, 10, 11, 0.90f), rect(70, 5, 10, 10, 0.95f)), W, H, 15);
		assertEquals(1, r.objects.size());
		assertEquals(0.95f, r.objects.get(0).iou());
		assertEquals(100, r.objects.get(0).area());
	}

	@Test
	void objectsBelowTheMinimumAreaAreDropped() {
		Overlaps.Resolved r = Overlaps.resolve(List.of(rect(1, 1, 3, 3, 0.99f), rect(50, 50, 4, 4, 0.99f)), W, H, 15);
		assertEquals(1, r.objects.size());
		assertEquals(16, r.objects.get(0).area());
		assertEquals(0, at(r, 2, 2));
	}

	@Test
	void thousandsOfObjectsKeepTheirOwnLabels() {
		// 2,400 one-pixel-apart 1 × 1 squares do not fit W × H; use a larger image of 3 × 3 squares instead.
		int side = 300, n = 0;
		List<Candidate> c = new ArrayList<>();
		for (int y = 0; y + 3 <= side; y += 4)
			for (int x = 0; x + 3 <= side; x += 4) {
				byte[] px = new byte[9];
				Arrays.fill(px, Mask.INSIDE);
				c.add(new Candidate(Mask.object(0, 1, 0.9f, 0.97f, new int[] { x, y, 3, 3 }, px, side, side), x + 1.5, y + 1.5));
				n++;
			}
		Overlaps.Resolved r = Overlaps.resolve(c, side, side, 1);
		assertEquals(n, r.objects.size());
		assertEquals(5625, n);
		for (int k = 0; k < n; k++) assertEquals(9, r.objects.get(k).area());
		assertEquals(n, r.labels[(side - 4) * side + side - 4], "the last square has the last label");
	}
}
