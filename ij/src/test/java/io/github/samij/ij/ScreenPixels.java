package io.github.samij.ij;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Checks on screen captures, for the tests of both packages that look at what ImageJ really drew
 * (the README screenshot, the live preview). Stateless and thread-safe.
 */
public final class ScreenPixels {

	private ScreenPixels() { }

	/** Pixels within a small tolerance of {@code c} (screen colour depth, antialiasing). */
	public static long countNear(BufferedImage image, Color c) {
		long n = 0;
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				if (Math.abs(((rgb >> 16) & 255) - c.getRed()) <= 12 && Math.abs(((rgb >> 8) & 255) - c.getGreen()) <= 12
					&& Math.abs((rgb & 255) - c.getBlue()) <= 12) n++;
			}
		return n;
	}
}
