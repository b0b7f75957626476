package io.github.samij.core.draw;

import io.github.samij.core.mask.Mask;

import java.util.List;
import java.util.Locale;

/**
 * Where a mask's label goes, what it says, and what a click mark looks like, shared by the ImageJ
 * preview and the command line's overlay.png so that a user finds labels and clicks drawn alike in
 * both. Rectangles are {x, y, width, height} in image pixels.
 * <p>
 * Stateless and thread-safe; the list of taken areas belongs to the caller, which must not share it
 * between threads while a label is placed.
 */
public final class Layout {

	private Layout() { }

	/** A mask's label: "#1 part IoU 0.95". */
	public static String label(Mask m) {
		return String.format(Locale.ROOT, "#%d %s IoU %.2f", m.rank(), m.scale(), m.iou());
	}

	/**
	 * The area of a {@code width} × {@code height} label for an object whose bounding box starts at
	 * ({@code left}, {@code top}): just above the box if there is room, else just inside it; kept
	 * inside the {@code imageWidth} × {@code imageHeight} image; then moved down, wrapping to the top,
	 * until it overlaps nothing in {@code taken} or has moved {@code maxMoves} times (a crowded image
	 * has no free place, and a label over another beats none). The area is added to {@code taken}.
	 */
	public static int[] placeLabel(int left, int top, int width, int height, int imageWidth, int imageHeight,
		List<int[]> taken, int maxMoves)
	{
		int x = clamp(left, 0, imageWidth - width);
		int y = top - height - 2;
		if (y < 0) y = top + 3;
		int[] r = { x, clamp(y, 0, imageHeight - height), width, height };
		for (int moves = 0; overlaps(r, taken) && moves < maxMoves; moves++) {
			r[1] += height + 2;
			if (r[1] + height > imageHeight) r[1] = 0;
		}
		taken.add(r);
		return r;
	}

	/**
	 * A click's mark centred on ({@code cx}, {@code cy}) as two line segments {x0, y0, x1, y1}: a +
	 * with arms of {@code arm} for a foreground point, a smaller × for a background one, so the two
	 * differ by shape, not only colour.
	 */
	public static double[][] clickMark(double cx, double cy, double arm, boolean foreground) {
		if (foreground) return new double[][] { { cx - arm, cy, cx + arm, cy }, { cx, cy - arm, cx, cy + arm } };
		double a = arm * 0.75;
		return new double[][] { { cx - a, cy - a, cx + a, cy + a }, { cx - a, cy + a, cx + a, cy - a } };
	}

	/** The square {x, y, w, h} a click mark of arm {@code reach} at (cx, cy) keeps labels away from. */
	public static int[] around(double cx, double cy, double reach) {
		int r = (int) Math.ceil(reach);
		return new int[] { (int) cx - r, (int) cy - r, 2 * r, 2 * r };
	}

	private static boolean overlaps(int[] r, List<int[]> taken) {
		for (int[] t : taken)
			if (r[0] < t[0] + t[2] && t[0] < r[0] + r[2] && r[1] < t[1] + t[3] && t[1] < r[1] + r[3]) return true;
		return false;
	}

	/** A label wider than the image starts at {@code lo}, its left edge visible. */
	private static int clamp(int v, int lo, int hi) {
		return Math.max(lo, Math.min(v, Math.max(lo, hi)));
	}
}
