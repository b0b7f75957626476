package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.ImageProcessor;

import io.github.samij.ij.convert.MaskRois;

import java.awt.Rectangle;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MaskRoisTest {

	// ---- toRoi -------------------------------------------------------------------------

	@Test
	void filledRectangleGivesItsBoundsExactly() {
		int w = 40, h = 30;
		byte[] mask = rect(w, h, 5, 7, 12, 9);
		Roi roi = exact(mask, w, h);
		assertNotNull(roi);
		assertEquals(new Rectangle(5, 7, 12, 9), roi.getBounds());
		assertFalse(roi instanceof ShapeRoi, "one hole-free component should not be composite");
	}

	@Test
	void ringKeepsItsHole() {
		int w = 64, h = 48;
		byte[] mask = ring(w, h, 30, 22, 15, 6, (byte) 1);
		Roi roi = exact(mask, w, h);
		assertTrue(roi instanceof ShapeRoi, "a ring needs a composite ROI");
		assertFalse(roi.contains(30, 22), "centre of the hole");
		assertFalse(roi.contains(35, 22), "edge of the hole");
		assertTrue(roi.contains(37, 22), "ring just outside the hole");
		assertTrue(roi.contains(30, 8), "top of the ring");
	}

	@Test
	void twoBlobsAreBothKept() {
		int w = 80, h = 40;
		byte[] a = disc(w, h, 15, 20, 8), b = rect(w, h, 50, 10, 20, 15);
		byte[] both = or(a, b);
		Roi roi = exact(both, w, h);
		assertTrue(roi instanceof ShapeRoi);
		assertTrue(roi.contains(15, 20));
		assertTrue(roi.contains(60, 17));
		assertFalse(roi.contains(35, 20), "gap between the blobs");
	}

	@Test
	void singlePixel() {
		byte[] mask = new byte[10 * 8];
		mask[3 * 10 + 4] = 1;
		Roi roi = exact(mask, 10, 8);
		assertEquals(new Rectangle(4, 3, 1, 1), roi.getBounds());
	}

	@Test
	void fullMaskCoversTheImage() {
		byte[] mask = rect(17, 11, 0, 0, 17, 11);
		Roi roi = exact(mask, 17, 11);
		assertEquals(new Rectangle(0, 0, 17, 11), roi.getBounds());
	}

	@Test
	void emptyMaskGivesNull() {
		assertNull(MaskRois.toRoi(new byte[12 * 9], 12, 9));
	}

	@Test
	void shapesTouchingEveryBorder() {
		int w = 50, h = 30;
		// Discs centred on each edge and a corner, so outlines run along the image border.
		byte[] mask = or(or(disc(w, h, 0, 15, 6), disc(w, h, 49, 15, 6)),
			or(disc(w, h, 25, 0, 6), or(disc(w, h, 25, 29, 6), rect(w, h, 44, 0, 6, 4))));
		exact(mask, w, h);
	}

	@Test
	void anyNonZeroValueIsInsideAndTheMaskIsNotModified() {
		int w = 6, h = 5;
		byte[] mask = new byte[w * h];
		mask[7] = 1;
		mask[8] = (byte) 255;
		mask[9] = (byte) 128;
		mask[14] = 127;
		byte[] before = mask.clone();
		exact(mask, w, h);
		assertArrayEquals(before, mask);
	}

	@Test
	void checkerboardIsExact() {
		// Worst case for tracing: every inside pixel touches the others only at corners.
		int w = 21, h = 13;
		byte[] mask = new byte[w * h];
		for (int i = 0; i < mask.length; i++)
			mask[i] = (byte) ((i % w + i / w) % 2);
		exact(mask, w, h);
	}

	@Test
	void randomMasksRoundTripExactly() {
		int w = 300, h = 200;
		for (long seed = 1; seed <= 8; seed++) {
			// Smoothed noise gives blobs with holes, bays and diagonal pinches; raw noise
			// (no smoothing) gives thousands of tiny, corner-touching pieces.
			int passes = seed <= 6 ? 3 : 0;
			byte[] mask = smoothedNoise(w, h, seed, passes, 0.45 + 0.02 * seed);
			exact(mask, w, h);
		}
	}

	@Test
	void largeMaskWithManyBlobsIsExact() {
		int w = 2048, h = 2048;
		byte[] mask = manyBlobs(w, h, 400, 42);
		long t0 = System.nanoTime();
		Roi roi = MaskRois.toRoi(mask, w, h);
		long ms = (System.nanoTime() - t0) / 1_000_000;
		System.out.println("MaskRois.toRoi on 2048x2048 with 400 blobs: " + ms + " ms");
		assertExact(mask, w, h, roi);
	}

	@Test
	void rejectsMismatchedSizes() {
		assertThrows(IllegalArgumentException.class, () -> MaskRois.toRoi(new byte[10], 3, 3));
		assertThrows(IllegalArgumentException.class, () -> MaskRois.componentAt(new byte[10], 5, 3, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> MaskRois.toRoi(new byte[0], 0, 0));
	}

	// ---- componentAt / componentsNear ----------------------------------------------------

	@Test
	void componentAtPicksOnlyTheClickedBlob() {
		int w = 80, h = 40;
		byte[] a = disc(w, h, 15, 20, 8), b = rect(w, h, 50, 10, 20, 15);
		byte[] both = or(a, b);
		byte[] before = both.clone();
		assertArrayEquals(a, MaskRois.componentAt(both, w, h, 15, 20));
		assertArrayEquals(b, MaskRois.componentAt(both, w, h, 69, 24));
		assertArrayEquals(before, both, "input must not be modified");
	}

	@Test
	void componentAtOutsidePicksTheNearestBlob() {
		int w = 80, h = 40;
		// Disc a spans x 7..23, rectangle b spans x 50..69.
		byte[] a = disc(w, h, 15, 20, 8), b = rect(w, h, 50, 10, 20, 15);
		byte[] both = or(a, b);
		assertArrayEquals(a, MaskRois.componentAt(both, w, h, 30, 20), "7 px from a, 20 from b");
		assertArrayEquals(b, MaskRois.componentAt(both, w, h, 45, 20), "22 px from a, 5 from b");
		// Off to the side: (40, 2) is 12.8 px from b's corner (50, 10), about 23 px from a.
		assertArrayEquals(b, MaskRois.componentAt(both, w, h, 40, 2));
		// Points beyond the image still find the nearest blob.
		assertArrayEquals(a, MaskRois.componentAt(both, w, h, -50, 20));
		assertArrayEquals(b, MaskRois.componentAt(both, w, h, 200, -100));
	}

	@Test
	void componentAtJustBesideAThinLine() {
		int w = 30, h = 30;
		byte[] line = rect(w, h, 10, 2, 1, 25), dot = rect(w, h, 25, 15, 2, 2);
		byte[] mask = or(line, dot);
		assertArrayEquals(line, MaskRois.componentAt(mask, w, h, 12, 15));
		assertArrayEquals(line, MaskRois.componentAt(mask, w, h, 9, 0));
	}

	@Test
	void diagonalNeighboursAreOneComponent() {
		// 8-connectivity: a zigzag whose pixels touch only at corners (both diagonal
		// directions) is one object, matching the single outline toRoi traces of it; a pixel
		// one empty column away is a separate object.
		int w = 8, h = 7;
		byte[] stairs = new byte[w * h], lone = new byte[w * h];
		int[][] zigzag = { { 1, 1 }, { 2, 2 }, { 3, 3 }, { 2, 4 }, { 1, 5 } };
		for (int[] p : zigzag)
			stairs[p[1] * w + p[0]] = 1;
		lone[3 * w + 5] = 1; // (5,3)
		byte[] mask = or(stairs, lone);
		assertArrayEquals(stairs, MaskRois.componentAt(mask, w, h, 1, 1));
		assertArrayEquals(stairs, MaskRois.componentAt(mask, w, h, 1, 5));
		assertArrayEquals(lone, MaskRois.componentAt(mask, w, h, 5, 3));

		Roi roi = exact(stairs, w, h);
		assertFalse(roi instanceof ShapeRoi, "the staircase is traced as one polygon");
	}

	@Test
	void componentKeepsItsHoleAndItsValues() {
		int w = 40, h = 40;
		byte[] ring = ring(w, h, 20, 20, 12, 5, (byte) 255);
		byte[] island = disc(w, h, 20, 20, 2); // inside the hole, separate component
		byte[] mask = or(ring, island);
		assertArrayEquals(ring, MaskRois.componentAt(mask, w, h, 20, 9), "hole not filled, 255 kept");
		assertArrayEquals(island, MaskRois.componentAt(mask, w, h, 20, 20));
		// A click in the hole but off the island goes to whichever is nearer.
		assertArrayEquals(island, MaskRois.componentAt(mask, w, h, 20, 23));
		assertArrayEquals(ring, MaskRois.componentAt(mask, w, h, 20, 25));
	}

	@Test
	void componentsOfRandomMasksPartitionTheMask() {
		// Picking a component at every inside pixel must tile the mask without overlap,
		// each component must be closed under 8-neighbourhood (nothing connected left
		// out), and each must trace to a ROI that is exact on its own.
		int w = 120, h = 90;
		byte[] mask = smoothedNoise(w, h, 7, 2, 0.5);
		byte[] covered = new byte[mask.length];
		int components = 0;
		for (int k = 0; k < mask.length; k++) {
			if (mask[k] == 0 || covered[k] != 0) continue;
			byte[] c = MaskRois.componentAt(mask, w, h, k % w, k / w);
			assertTrue(c[k] != 0);
			for (int i = 0; i < c.length; i++) {
				if (c[i] == 0) continue;
				assertEquals(0, covered[i], "components overlap");
				covered[i] = 1;
				int x = i % w, y = i / w;
				for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, h - 1); ny++)
					for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, w - 1); nx++)
						assertFalse(mask[ny * w + nx] != 0 && c[ny * w + nx] == 0, "neighbour of a component left out");
			}
			exact(c, w, h);
			components++;
		}
		assertArrayEquals(binary(mask), covered);
		assertTrue(components > 3, "test mask should have several components, has " + components);
	}

	@Test
	void componentsNearUnitesThePickedComponents() {
		int w = 90, h = 40;
		byte[] a = disc(w, h, 10, 20, 6), b = disc(w, h, 45, 20, 6), c = disc(w, h, 80, 20, 6);
		byte[] mask = or(or(a, b), c);
		assertArrayEquals(or(a, c), MaskRois.componentsNear(mask, w, h, new int[][] { { 10, 20 }, { 88, 39 } }));
		assertArrayEquals(b, MaskRois.componentsNear(mask, w, h, new int[][] { { 45, 20 }, { 46, 21 } }));
		assertArrayEquals(new byte[w * h], MaskRois.componentsNear(mask, w, h, new int[0][]));
		assertThrows(IllegalArgumentException.class, () -> MaskRois.componentsNear(mask, w, h, new int[][] { { 1 } }));
	}

	@Test
	void emptyMaskHasNoComponent() {
		assertArrayEquals(new byte[20], MaskRois.componentAt(new byte[20], 5, 4, 2, 2));
		assertArrayEquals(new byte[20], MaskRois.componentsNear(new byte[20], 5, 4, new int[][] { { 0, 0 }, { 4, 3 } }));
	}

	@Test
	void hugeComponentNeedsNoRecursion() {
		// A full 2048x2048 mask is one 4M-pixel component: recursion would overflow.
		int w = 2048, h = 2048;
		byte[] mask = rect(w, h, 0, 0, w, h);
		assertArrayEquals(mask, MaskRois.componentAt(mask, w, h, 1000, 1000));
	}

	// ---- helpers ---------------------------------------------------------------------

	/** Fails unless the ROI's pixels over the whole image are exactly the mask's inside pixels. */
	/** The mask traced into a ROI, checked to cover exactly its pixels. */
	private static Roi exact(byte[] mask, int w, int h) {
		Roi roi = MaskRois.toRoi(mask, w, h);
		assertNotNull(roi, "a mask with inside pixels traces into a ROI");
		assertExact(mask, w, h, roi);
		return roi;
	}

	private static void assertExact(byte[] mask, int w, int h, Roi roi) {
		assertNotNull(roi);
		byte[] expected = binary(mask), actual = rasterise(roi, w, h);
		int wrong = 0, first = -1;
		for (int i = 0; i < expected.length; i++) {
			if (expected[i] == actual[i]) continue;
			if (wrong++ == 0) first = i;
		}
		if (wrong > 0)
			fail(wrong + " pixels differ, first at (" + first % w + ", " + first / w + "), expected inside="
				+ (expected[first] != 0) + "; roi " + roi);
	}

	/** The ROI as a 0/1 mask over the full image: its mask placed at its bounds (null mask = whole bounds). */
	private static byte[] rasterise(Roi roi, int w, int h) {
		byte[] out = new byte[w * h];
		Rectangle r = roi.getBounds();
		ImageProcessor m = roi.getMask();
		for (int y = 0; y < r.height; y++)
			for (int x = 0; x < r.width; x++) {
				if (m != null && m.get(x, y) == 0) continue;
				int ix = r.x + x, iy = r.y + y;
				if (ix < 0 || iy < 0 || ix >= w || iy >= h) fail("ROI pixel outside the image: " + ix + "," + iy);
				out[iy * w + ix] = 1;
			}
		return out;
	}

	private static byte[] binary(byte[] mask) {
		byte[] b = new byte[mask.length];
		for (int i = 0; i < b.length; i++)
			b[i] = (byte) (mask[i] != 0 ? 1 : 0);
		return b;
	}

	private static byte[] or(byte[] a, byte[] b) {
		byte[] c = new byte[a.length];
		for (int i = 0; i < c.length; i++)
			c[i] = a[i] != 0 ? a[i] : b[i];
		return c;
	}

	private static byte[] rect(int w, int h, int x0, int y0, int rw, int rh) {
		byte[] m = new byte[w * h];
		for (int y = y0; y < y0 + rh; y++)
			for (int x = x0; x < x0 + rw; x++)
				m[y * w + x] = 1;
		return m;
	}

	/** Pixels whose centre lies within r of (cx, cy), clipped to the image. */
	private static byte[] disc(int w, int h, int cx, int cy, int r) {
		byte[] m = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m[y * w + x] = 1;
		return m;
	}

	/** A disc of radius {@code outer} without the disc of radius {@code inner}, {@code value} inside. */
	private static byte[] ring(int w, int h, int cx, int cy, int outer, int inner, byte value) {
		byte[] m = disc(w, h, cx, cy, outer), hole = disc(w, h, cx, cy, inner);
		for (int i = 0; i < m.length; i++) m[i] = m[i] != 0 && hole[i] == 0 ? value : 0;
		return m;
	}

	/** Uniform noise, box-blurred (3x3) the given number of times, then thresholded. */
	private static byte[] smoothedNoise(int w, int h, long seed, int passes, double threshold) {
		Random rnd = new Random(seed);
		double[] v = new double[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = rnd.nextDouble();
		for (int p = 0; p < passes; p++) {
			double[] s = new double[v.length];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double sum = 0;
					int n = 0;
					for (int yy = Math.max(y - 1, 0); yy <= Math.min(y + 1, h - 1); yy++)
						for (int xx = Math.max(x - 1, 0); xx <= Math.min(x + 1, w - 1); xx++, n++)
							sum += v[yy * w + xx];
					s[y * w + x] = sum / n;
				}
			v = s;
		}
		byte[] m = new byte[v.length];
		for (int i = 0; i < m.length; i++)
			m[i] = (byte) (v[i] > threshold ? 1 : 0);
		return m;
	}

	/** Random ellipses, every third with a hole, possibly overlapping and cut by the border. */
	private static byte[] manyBlobs(int w, int h, int count, long seed) {
		Random rnd = new Random(seed);
		byte[] m = new byte[w * h];
		for (int b = 0; b < count; b++) {
			int cx = rnd.nextInt(w), cy = rnd.nextInt(h);
			double rx = 4 + rnd.nextInt(40), ry = 4 + rnd.nextInt(40);
			boolean ring = b % 3 == 0;
			for (int y = (int) Math.max(cy - ry, 0); y <= Math.min(cy + ry, h - 1); y++)
				for (int x = (int) Math.max(cx - rx, 0); x <= Math.min(cx + rx, w - 1); x++) {
					double d = sq((x - cx) / rx) + sq((y - cy) / ry);
					if (d <= 1 && !(ring && d < 0.25)) m[y * w + x] = 1;
				}
		}
		return m;
	}

	private static double sq(double v) {
		return v * v;
	}
}
