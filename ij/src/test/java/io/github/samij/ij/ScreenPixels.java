package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;

/**
 * Checks on screen captures, for the tests of both packages that look at what ImageJ really drew
 * (the README screenshot, the live preview). Stateless and thread-safe.
 */
public final class ScreenPixels {

	private ScreenPixels() { }

	/**
	 * Waits until the screen in {@code area} stops changing — two captures in a row alike, the window
	 * system having placed and painted what was asked of it — and returns that capture. Fails after
	 * {@code millis}.
	 */
	public static BufferedImage stable(Robot robot, Rectangle area, long millis) throws Exception {
		long end = System.currentTimeMillis() + millis;
		EventQueue.invokeAndWait(() -> { });
		robot.waitForIdle();
		BufferedImage last = robot.createScreenCapture(area);
		while (true) {
			Thread.sleep(50);
			EventQueue.invokeAndWait(() -> { });
			robot.waitForIdle();
			BufferedImage now = robot.createScreenCapture(area);
			if (same(last, now)) return now;
			if (System.currentTimeMillis() > end) fail("the screen at " + area + " kept changing for " + millis + " ms");
			last = now;
		}
	}

	private static boolean same(BufferedImage a, BufferedImage b) {
		for (int y = 0; y < a.getHeight(); y++)
			for (int x = 0; x < a.getWidth(); x++)
				if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
		return true;
	}

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
