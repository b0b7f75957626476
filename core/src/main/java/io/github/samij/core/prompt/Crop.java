package io.github.samij.core.prompt;

import io.github.samij.core.SamException;

/**
 * A square window of the image around a prompt, for objects too small to segment on the whole
 * image. SAM sees every image at 1024 pixels on its longest side, so in a 4000-pixel image a
 * 20-pixel nucleus shrinks to 5 pixels and is lost; encoding a 512-pixel window around the click
 * instead shows it to SAM at 40 pixels.
 * <p>
 * The window is {@code side} pixels wide and high, or larger when the prompt's points and box need
 * more room (their extent plus a quarter on each side), centred on the prompt to within an eighth
 * of its size (windows snap to a grid of a quarter of their size, so nearby clicks reuse one
 * encoding), and shifted to lie inside the image; a window that would cover the whole image is no
 * crop at all. A value: equal windows of equal images are equal. Immutable and thread-safe.
 */
public final class Crop {

	public final int x, y, width, height;
	/** The size of the image the window is cut from. */
	public final int imageWidth, imageHeight;

	private Crop(int x, int y, int width, int height, int imageWidth, int imageHeight) {
		this.x = x;
		this.y = y;
		this.width = width;
		this.height = height;
		this.imageWidth = imageWidth;
		this.imageHeight = imageHeight;
	}

	/**
	 * The window at (x, y) of width × height pixels in an imageWidth × imageHeight image.
	 *
	 * @throws IllegalArgumentException if the window is empty or reaches outside the image
	 */
	public static Crop of(int x, int y, int width, int height, int imageWidth, int imageHeight) {
		if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > imageWidth || y + height > imageHeight)
			throw new IllegalArgumentException(width + "×" + height + " at (" + x + ", " + y + ") is not inside " + imageWidth
				+ "×" + imageHeight);
		return new Crop(x, y, width, height, imageWidth, imageHeight);
	}

	/**
	 * The window of {@code side} pixels around {@code prompt} in a width × height image, or
	 * {@code null} when it would cover the whole image, {@code side} is 0, or the prompt refines a
	 * mask (its logits, or an outline's, are in the whole image's frame).
	 *
	 * @throws SamException when {@code side} is negative
	 */
	public static Crop around(Prompt prompt, int side, int width, int height) {
		if (side < 0) throw new SamException("The crop size must be 0 (the whole image) or more pixels, got " + side + ".");
		if (side == 0 || prompt.hasMaskInput()) return null;
		double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY,
			y1 = Double.NEGATIVE_INFINITY;
		for (Prompt.Point p : prompt.points()) {
			x0 = Math.min(x0, p.x);
			y0 = Math.min(y0, p.y);
			x1 = Math.max(x1, p.x);
			y1 = Math.max(y1, p.y);
		}
		Prompt.Box b = prompt.box();
		if (b != null) {
			x0 = Math.min(x0, b.x0);
			y0 = Math.min(y0, b.y0);
			x1 = Math.max(x1, b.x1);
			y1 = Math.max(y1, b.y1);
		}
		if (x0 > x1) return null; // an empty prompt: checkInside reports it
		// Whole pixels that hold the prompt: the window may never cut it.
		int left = (int) Math.floor(x0), top = (int) Math.floor(y0), right = (int) Math.ceil(x1), bottom = (int) Math.ceil(y1);
		int s = (int) Math.max(side, Math.ceil(1.5 * Math.max(x1 - x0, y1 - y0)));
		s = Math.max(s, Math.max(right - left, bottom - top) + 1);
		int w = Math.min(s, width), h = Math.min(s, height);
		if (w == width && h == height) return null;
		return new Crop(place((x0 + x1) / 2, w, left, right, width), place((y0 + y1) / 2, h, top, bottom, height), w, h,
			width, height);
	}

	/**
	 * The window's start on one axis: centred, snapped to a grid of a quarter of the window (so
	 * clicks near each other share one window, and one encoder run), then moved to hold [lo, hi],
	 * then inside [0, size].
	 */
	private static int place(double centre, int extent, int lo, int hi, int size) {
		int step = Math.max(1, extent / 4);
		int start = (int) Math.round((centre - extent / 2.0) / step) * step;
		start = Math.max(Math.min(start, lo), hi - extent);
		return clamp(start, 0, size - extent);
	}

	private static int clamp(int v, int lo, int hi) {
		return Math.max(lo, Math.min(v, hi));
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Crop)) return false;
		Crop c = (Crop) o;
		return x == c.x && y == c.y && width == c.width && height == c.height && imageWidth == c.imageWidth
			&& imageHeight == c.imageHeight;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(x, y, width, height, imageWidth, imageHeight);
	}

	@Override
	public String toString() {
		return width + "×" + height + " at (" + x + ", " + y + ")";
	}
}
