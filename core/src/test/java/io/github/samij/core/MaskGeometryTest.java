package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.mask.MaskGeometry;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MaskGeometryTest {

	/** Brute force: squared distance of each inside pixel to the nearest outside pixel. */
	private static double[] bruteForce(byte[] mask, int w, int h, boolean border) {
		double[] d = new double[w * h];
		for (int i = 0; i < d.length; i++) {
			if (mask[i] == 0) continue;
			int x = i % w, y = i / w;
			double best = Double.POSITIVE_INFINITY;
			if (border) {
				best = Math.min(Math.min(Math.pow(x + 1, 2), Math.pow(w - x, 2)), Math.min(Math.pow(y + 1, 2), Math.pow(h - y, 2)));
			}
			for (int j = 0; j < d.length; j++)
				if (mask[j] == 0) best = Math.min(best, Math.pow(j % w - x, 2) + Math.pow(j / w - y, 2));
			d[i] = best;
		}
		return d;
	}

	@Test
	void exactOnRandomMasks() {
		Random r = new Random(7);
		for (int trial = 0; trial < 20; trial++) {
			int w = 5 + r.nextInt(30), h = 5 + r.nextInt(30);
			byte[] m = new byte[w * h];
			for (int i = 0; i < m.length; i++) m[i] = (byte) (r.nextDouble() < 0.8 ? 1 : 0);
			for (boolean border : new boolean[] { true, false })
				assertArrayEquals(bruteForce(m, w, h, border), MaskGeometry.squaredDistances(m, w, h, border), 1e-9);
		}
	}

	@Test
	void interiorPointOfAConcaveShapeIsInside() {
		int w = 60, h = 60;
		byte[] c = new byte[w * h];
		for (int y = 10; y < 50; y++)
			for (int x = 10; x < 50; x++)
				if (x < 22 || y < 22 || y >= 38) c[y * w + x] = 1; // a "C": its centroid lies in the gap
		int[] p = MaskGeometry.interiorPoint(c, w, h, true);
		assertEquals(1, c[p[1] * w + p[0]]);
	}

	@Test
	void touchingDiscsGiveTheCentreOfTheLarger() {
		int w = 100, h = 60;
		byte[] m = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (Math.hypot(x - 30, y - 30) <= 20 || Math.hypot(x - 62, y - 30) <= 12) m[y * w + x] = 1;
		assertArrayEquals(new int[] { 30, 30 }, MaskGeometry.interiorPoint(m, w, h, true));
	}

	@Test
	void borderRuleDecidesForObjectsTouchingTheBorder() {
		int w = 40, h = 20;
		byte[] m = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < 10; x++) m[y * w + x] = 1; // a strip along the left border
		int[] outside = MaskGeometry.interiorPoint(m, w, h, true);
		int[] open = MaskGeometry.interiorPoint(m, w, h, false);
		assertTrue(outside[0] == 4 || outside[0] == 5, "border as background: the strip's middle column " + outside[0]);
		assertEquals(0, open[0], "border open: the point farthest from the strip's right edge");
		assertNull(MaskGeometry.interiorPoint(new byte[w * h], w, h, true));
		assertEquals(1.0, MaskGeometry.iou(new byte[4], new byte[4]));
	}
}
