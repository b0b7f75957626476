package io.github.samij.ij;

import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * Where a mask's text label goes and what a click mark looks like, shared by the live preview and
 * the command line's overlay.png so that a user finds labels and clicks drawn alike in both.
 * <p>
 * Stateless and thread-safe; the list of taken areas belongs to the caller, which must not share
 * it between threads while a label is placed.
 */
public final class OverlayGeometry {

	private OverlayGeometry() { }

	/**
	 * The area of a {@code width} × {@code height} label for an object whose bounding box starts at
	 * ({@code left}, {@code top}): just above the box if there is room, else just inside it; kept
	 * inside the {@code imageWidth} × {@code imageHeight} image; then moved down, wrapping to the top,
	 * until it overlaps nothing in {@code taken} or has moved {@code maxMoves} times (a crowded image
	 * has no free place, and a label over another beats none). The area is added to {@code taken}.
	 */
	public static Rectangle placeLabel(int left, int top, int width, int height, int imageWidth, int imageHeight,
		List<Rectangle> taken, int maxMoves)
	{
		int x = clamp(left, 0, imageWidth - width);
		int y = top - height - 2;
		if (y < 0) y = top + 3;
		Rectangle r = new Rectangle(x, clamp(y, 0, imageHeight - height), width, height);
		for (int moves = 0; overlaps(r, taken) && moves < maxMoves; moves++) {
			r.y += height + 2;
			if (r.y + height > imageHeight) r.y = 0;
		}
		taken.add(r);
		return r;
	}

	/**
	 * A click's mark centred on ({@code cx}, {@code cy}): a + with arms of {@code arm} for a
	 * foreground point, a smaller × for a background one, so the two differ by shape, not only colour.
	 */
	public static Path2D.Double clickMark(double cx, double cy, double arm, boolean foreground) {
		double a = foreground ? arm : arm * 0.75;
		Path2D.Double mark = new Path2D.Double();
		if (foreground) {
			mark.append(new Line2D.Double(cx - a, cy, cx + a, cy), false);
			mark.append(new Line2D.Double(cx, cy - a, cx, cy + a), false);
		}
		else {
			mark.append(new Line2D.Double(cx - a, cy - a, cx + a, cy + a), false);
			mark.append(new Line2D.Double(cx - a, cy + a, cx + a, cy - a), false);
		}
		return mark;
	}

	private static boolean overlaps(Rectangle r, List<Rectangle> taken) {
		for (Rectangle t : taken)
			if (t.intersects(r)) return true;
		return false;
	}

	/** A label wider than the image starts at {@code lo}, its left edge visible. */
	private static int clamp(int v, int lo, int hi) {
		return Math.max(lo, Math.min(v, Math.max(lo, hi)));
	}
}
