package io.github.samij.ij.convert;

import io.github.samij.core.draw.Palette;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/**
 * The core's {@link Palette} and click marks as AWT colours and shapes, for ROIs and the live
 * preview: outlines by rank (rank 1 stands out most), the same as the command line's overlay.
 * Stateless.
 */
public final class RankColors {

	private RankColors() { }

	/** The colour of rank {@code rank} (1-based); ranks beyond three reuse the last colour. */
	public static Color of(int rank) {
		return new Color(Palette.rank(rank));
	}

	/** A palette colour, 0xRRGGBB or, with {@code alpha}, 0xAARRGGBB. */
	public static Color color(int rgb, boolean alpha) {
		return new Color(rgb, alpha);
	}

	/** A {@link io.github.samij.core.draw.Layout#clickMark click mark} as a shape. */
	public static Path2D.Double shape(double[][] segments) {
		Path2D.Double path = new Path2D.Double();
		for (double[] s : segments) path.append(new Line2D.Double(s[0], s[1], s[2], s[3]), false);
		return path;
	}
}
