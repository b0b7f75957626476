package io.github.samij.cli.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The protocol's click on hand-made shapes: inside the object, at the true maximum of the distance
 * to the nearest background pixel (other objects and the outside of the image count as background),
 * ties to the first pixel in raster order. The maximum is checked against brute force.
 */
class ClickPointTest {

	/** Checks the click of every object of {@code labels} against brute force; returns the clicks by label order. */
	private static int[][] checkAll(LabelImage labels) {
		List<LabelImage.GtObject> objects = labels.objects();
		int[][] clicks = new int[objects.size()][];
		for (int k = 0; k < objects.size(); k++) {
			LabelImage.GtObject o = objects.get(k);
			int[] c = ClickPoint.of(o, labels.width);
			assertEquals(o.label, labels.at(c[0], c[1]), "the click lies inside object " + o.label);
			// Brute force: the largest depth, and the first pixel in raster order that has it.
			long best = -1;
			int bestIndex = -1;
			for (int i : o.pixels) {
				long d = ClickPoint.squaredDepthBruteForce(labels, o.label, i % labels.width, i / labels.width);
				if (d > best) {
					best = d;
					bestIndex = i;
				}
			}
			assertEquals(best, ClickPoint.squaredDepthBruteForce(labels, o.label, c[0], c[1]),
				"object " + o.label + ": the click is at the maximum of the distance transform");
			assertArrayEquals(new int[] { bestIndex % labels.width, bestIndex / labels.width }, c,
				"object " + o.label + ": ties go to the first pixel in raster order");
			clicks[k] = c;
		}
		return clicks;
	}

	private static LabelImage paint(int w, int h, Shape... shapes) {
		int[] l = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int s = 0; s < shapes.length; s++)
					if (shapes[s].contains(x, y)) l[y * w + x] = s + 1;
		return new LabelImage(w, h, l);
	}

	private interface Shape {
		boolean contains(int x, int y);
	}

	@Test
	void concaveCShapeIsClickedInItsThickestPartNotInTheGap() {
		// A "C": a 40 × 40 square with a 26 × 16 bite out of its right side. Its centroid (about
		// x = 24, y = 29) lies in the bite, outside the object.
		Shape c = (x, y) -> x >= 10 && x < 50 && y >= 10 && y < 50 && !(x >= 24 && y >= 22 && y < 38);
		LabelImage labels = paint(60, 60, c);
		int[] click = checkAll(labels)[0];
		long sx = 0, sy = 0, n = 0;
		for (int y = 0; y < 60; y++)
			for (int x = 0; x < 60; x++)
				if (c.contains(x, y)) {
					sx += x;
					sy += y;
					n++;
				}
		int cx = (int) Math.round((double) sx / n), cy = (int) Math.round((double) sy / n);
		assertEquals(0, labels.at(cx, cy), "the centroid is outside the C, which is why the protocol does not use it");
		assertTrue(click[0] < 24, "the click is in the C's back, left of the bite: " + click[0]);
	}

	@Test
	void twoTouchingDiscsAsTwoObjectsAreEachClickedAtTheirOwnCentre() {
		// Discs of radius 14 and 9 whose edges touch: the shared edge is background for each.
		Shape big = (x, y) -> (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 14 * 14;
		Shape small = (x, y) -> !big.contains(x, y) && (x - 42) * (x - 42) + (y - 20) * (y - 20) <= 9 * 9;
		LabelImage labels = paint(60, 40, big, small);
		int[][] clicks = checkAll(labels);
		assertArrayEquals(new int[] { 20, 20 }, clicks[0]);
		// The big disc's pixels are background for the small one, so the small disc's deepest pixel
		// is near its centre but not necessarily on it; it stays in the small disc.
		assertEquals(2, labels.at(clicks[1][0], clicks[1][1]));
		assertTrue(Math.abs(clicks[1][0] - 42) <= 2 && Math.abs(clicks[1][1] - 20) <= 2,
			"near the small disc's centre, away from the contact: " + java.util.Arrays.toString(clicks[1]));
	}

	@Test
	void twoTouchingDiscsAsOneObjectAreClickedInTheLargerDisc() {
		Shape both = (x, y) -> (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 14 * 14
			|| (x - 42) * (x - 42) + (y - 20) * (y - 20) <= 9 * 9;
		LabelImage labels = paint(60, 40, both);
		assertArrayEquals(new int[] { 20, 20 }, checkAll(labels)[0], "not the waist between the discs");
	}

	@Test
	void anObjectTouchingTheBorderIsClickedAwayFromTheBorder() {
		// A 10-pixel-wide strip along the left border: beyond the border is background, so the
		// deepest column is the middle of the strip (x = 4 and x = 5 tie; raster order picks x = 4),
		// not x = 0 as it would be if the border did not count.
		LabelImage strip = paint(40, 20, (x, y) -> x < 10);
		int[] c = checkAll(strip)[0];
		assertEquals(4, c[0]);
		// Rows 0..19 are all equally deep in the middle columns except near the top and bottom
		// borders: the deepest pixels are in rows 4..15; raster order picks the first of them.
		assertEquals(4, c[1]);

		// A half-disc cut by the top border is clicked below its cut edge, inside.
		LabelImage half = paint(50, 30, (x, y) -> (x - 25) * (x - 25) + (y + 2) * (y + 2) <= 15 * 15);
		int[] h = checkAll(half)[0];
		assertNotEquals(0, h[1], "not on the border row");
	}

	@Test
	void everyTieGoesToTheFirstPixelInRasterOrder() {
		// A 6 × 4 rectangle: depths 1 and 2 only; the first depth-2 pixel in raster order is (x0+1, y0+1).
		LabelImage rect = paint(20, 20, (x, y) -> x >= 5 && x < 11 && y >= 7 && y < 11);
		assertArrayEquals(new int[] { 6, 8 }, checkAll(rect)[0]);
	}

	@Test
	void randomBlobsWithNeighboursMatchBruteForce() {
		Random r = new Random(11);
		for (int trial = 0; trial < 30; trial++) {
			int w = 8 + r.nextInt(25), h = 8 + r.nextInt(25);
			int[] l = new int[w * h];
			for (int i = 0; i < l.length; i++) l[i] = r.nextDouble() < 0.7 ? 1 + r.nextInt(3) : 0;
			checkAll(new LabelImage(w, h, l));
		}
	}

	@Test
	void boxAndAreaFollowThePixels() {
		LabelImage rect = paint(20, 20, (x, y) -> x >= 5 && x < 11 && y >= 7 && y < 11);
		LabelImage.GtObject o = rect.objects().get(0);
		assertEquals(24, o.area());
		assertEquals(5, o.minX);
		assertEquals(10, o.maxX);
		assertEquals(7, o.minY);
		assertEquals(10, o.maxY);
		assertEquals(6, o.boxWidth());
		assertEquals(4, o.boxHeight());
	}
}
