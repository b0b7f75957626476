package io.github.samij.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.samij.core.image.SamImage;

import org.junit.jupiter.api.Test;

class OtsuBaselineTest {

	/** A 20 × 10 grey image: two bright squares (one with a dark hole), a bright speck and a dark background. */
	private static SamImage image() {
		int w = 20, h = 10;
		byte[] g = new byte[w * h];
		for (int y = 1; y <= 6; y++)
			for (int x = 1; x <= 6; x++) g[y * w + x] = (byte) 200;
		g[3 * w + 3] = 20; // a hole
		for (int y = 2; y <= 7; y++)
			for (int x = 10; x <= 15; x++) g[y * w + x] = (byte) 180;
		g[9 * w + 19] = (byte) 220; // a speck of one pixel
		return SamImage.gray8(w, h, g);
	}

	@Test
	void thresholdFillHolesComponentsAndSmallOnesDropped() {
		int[] labels = OtsuBaseline.segment(image(), true);
		assertEquals(1, labels[3 * 20 + 3], "the hole is filled");
		assertEquals(1, labels[1 * 20 + 1]);
		assertEquals(2, labels[2 * 20 + 10]);
		assertEquals(0, labels[9 * 20 + 19], "components under 15 pixels are dropped");
		assertEquals(0, labels[0]);
	}

	@Test
	void darkObjectsAreAtOrBelowTheThreshold() {
		int[] labels = OtsuBaseline.segment(image(), false);
		assertEquals(1, labels[0], "the dark background is the object");
		assertEquals(1, labels[1 * 20 + 1], "the bright squares are its holes, filled");
		assertEquals(0, labels[9 * 20 + 19], "the speck on the border is no hole");
	}
}
