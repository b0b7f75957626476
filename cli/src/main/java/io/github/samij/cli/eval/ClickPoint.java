package io.github.samij.cli.eval;

import io.github.samij.core.mask.MaskGeometry;

/**
 * The protocol's click: the object's pixel at the maximum of its interior Euclidean distance
 * transform, ties going to the first in raster order (row by row, left to right).
 * <p>
 * <b>What counts as background.</b> Every pixel that is not the object: background, other objects
 * (so two touching nuclei are separated by their shared edge), and the pixels beyond the image
 * border. The last rule is the one of the SAM and RITM evaluation code, which pads the mask with
 * background before the distance transform: an object cut by the border is clicked away from the
 * border, where a user would click it ({@link #openBorder} gives the click under the other rule).
 * Distances are exact (squared integer Euclidean distances, Felzenszwalb–Huttenlocher,
 * {@link MaskGeometry}), so ties are exact.
 * <p>
 * The transform runs on the object's bounding box: its one-pixel frame is background under this
 * rule (outside the object, or outside the image), so the result equals the whole-image transform.
 * <p>
 * Stateless and thread-safe.
 */
public final class ClickPoint {

	private ClickPoint() { }

	/** {x, y} of the click on {@code object} in a {@code width}-wide label image. */
	public static int[] of(LabelImage.GtObject object, int width) {
		int bw = object.boxWidth(), bh = object.boxHeight();
		byte[] crop = new byte[bw * bh];
		for (int i : object.pixels) crop[(i / width - object.minY) * bw + (i % width - object.minX)] = 1;
		int[] p = MaskGeometry.interiorPoint(crop, bw, bh, true);
		return new int[] { p[0] + object.minX, p[1] + object.minY };
	}

	/**
	 * The click under the other border rule, for the sensitivity check: pixels beyond the image
	 * border are <em>not</em> background, so an object cut by the border is measured from its other
	 * edges only (as {@code scipy.ndimage.distance_transform_edt} on the unpadded mask does).
	 */
	public static int[] openBorder(LabelImage.GtObject object, int width, int height) {
		// The bounding box grown by one pixel where the image goes on: that frame is background.
		int x0 = Math.max(0, object.minX - 1), y0 = Math.max(0, object.minY - 1);
		int x1 = Math.min(width - 1, object.maxX + 1), y1 = Math.min(height - 1, object.maxY + 1);
		int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
		byte[] crop = new byte[bw * bh];
		for (int i : object.pixels) crop[(i / width - y0) * bw + (i % width - x0)] = 1;
		int[] p = MaskGeometry.interiorPoint(crop, bw, bh, false);
		return new int[] { p[0] + x0, p[1] + y0 };
	}

	/** The squared distance of pixel (x, y) of {@code object} to the nearest background, by brute force (for tests). */
	static long squaredDepthBruteForce(LabelImage labels, int label, int x, int y) {
		long best = Long.MAX_VALUE;
		for (int v = -1; v <= labels.height; v++)
			for (int u = -1; u <= labels.width; u++) {
				boolean inside = u >= 0 && v >= 0 && u < labels.width && v < labels.height && labels.at(u, v) == label;
				if (inside) continue;
				long d = (long) (u - x) * (u - x) + (long) (v - y) * (v - y);
				if (d < best) best = d;
			}
		return best;
	}
}
