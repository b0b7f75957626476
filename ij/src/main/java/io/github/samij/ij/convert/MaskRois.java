package io.github.samij.ij.convert;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Converts Segment Anything binary masks into ImageJ 1 selections, and picks connected
 * components out of them.
 * <p>
 * A mask is a row-major {@code byte[]} of {@code width * height} pixels in which any
 * non-zero value means "inside". The arrays passed in are never modified.
 * <p>
 * <b>Connectivity.</b> Components are <em>8-connected</em>: pixels touching only at a
 * corner belong to the same component. This matches {@link #toRoi}, whose tracing
 * (ImageJ's {@link ThresholdToSelection}) runs one outline through such corners, and
 * ImageJ's Analyze Particles, which also treats particles as 8-connected; so a
 * component picked here is one object of the ROI. It also suits SAM, whose masks are
 * upsampled from a 256&times;256 grid: a thin oblique structure comes out as a
 * staircase of corner-touching pixels that 4-connectivity would shatter into fragments.
 * <p>
 * <b>Thread safety:</b> stateless; every method may be called from any thread.
 */
public final class MaskRois {

	private MaskRois() {}

	/**
	 * Traces a mask into an ImageJ selection whose pixels are exactly the inside pixels.
	 * <p>
	 * Outlines follow the pixel edges (no smoothing or simplification), holes are kept,
	 * and every component is kept. A single component without holes comes back as a
	 * non-composite ROI (a rectangle or a traced polygon); anything else as a
	 * {@link ij.gui.ShapeRoi}.
	 *
	 * @param mask row-major pixels, non-zero = inside; not modified
	 * @param width mask width in pixels, &gt; 0
	 * @param height mask height in pixels, &gt; 0
	 * @return the selection, or {@code null} if the mask has no inside pixel or the calling thread
	 *         is interrupted (ImageJ's tracing stops then)
	 * @throws IllegalArgumentException if the sizes do not match the array
	 */
	public static Roi toRoi(byte[] mask, int width, int height) {
		checkSize(mask, width, height);
		int[] box = insideBounds(mask, width, height);
		return box == null ? null : toRoi(mask, width, height, new int[] { box[0], box[1], box[2] - box[0], box[3] - box[1] }, 0, 0);
	}

	/**
	 * {@link #toRoi(byte[], int, int)} for a mask whose inside pixels are known to lie in
	 * {@code bounds} ({x, y, width, height} in the mask), placed at (offsetX, offsetY) in the image:
	 * the mask is not scanned for its bounds.
	 *
	 * @return the selection, or {@code null} if the calling thread is interrupted
	 */
	public static Roi toRoi(byte[] mask, int width, int height, int[] bounds, int offsetX, int offsetY) {
		checkSize(mask, width, height);
		int x0 = bounds[0], y0 = bounds[1], w = bounds[2], h = bounds[3];
		// Tracing costs time per pixel of the processor, not per pixel of the outline: a nucleus
		// in a large image is traced on its bounding box and moved back into place.
		byte[] crop = mask;
		if (w != width || h != height) {
			crop = new byte[w * h];
			for (int j = 0; j < h; j++) System.arraycopy(mask, (y0 + j) * width + x0, crop, j * w, w);
		}
		// Wraps the array without copying; thresholding with NO_LUT_UPDATE only records the
		// range and never writes pixels.
		ByteProcessor ip = new ByteProcessor(w, h, crop);
		ip.setThreshold(1, 255, ImageProcessor.NO_LUT_UPDATE);
		// A fresh instance per call: the plugin keeps per-conversion state in fields.
		// It traces pixel edges and keeps holes; on an interrupted thread it gives up (null).
		Roi roi = new ThresholdToSelection().convert(ip);
		int dx = x0 + offsetX, dy = y0 + offsetY;
		if (roi != null && (dx != 0 || dy != 0)) roi.setLocation(roi.getXBase() + dx, roi.getYBase() + dy);
		return roi;
	}

	/** {minX, minY, maxX + 1, maxY + 1} of the inside pixels, or {@code null} if there are none. */
	private static int[] insideBounds(byte[] mask, int width, int height) {
		int minX = width, minY = -1, maxX = -1, maxY = -1;
		for (int y = 0; y < height; y++) {
			int row = y * width, first = -1, last = -1;
			for (int x = 0; x < width; x++)
				if (mask[row + x] != 0) {
					first = x;
					break;
				}
			if (first < 0) continue;
			for (int x = width - 1; x >= first; x--)
				if (mask[row + x] != 0) {
					last = x;
					break;
				}
			if (minY < 0) minY = y;
			maxY = y;
			minX = Math.min(minX, first);
			maxX = Math.max(maxX, last);
		}
		return minY < 0 ? null : new int[] { minX, minY, maxX + 1, maxY + 1 };
	}

	/**
	 * Returns the 8-connected component of the mask containing pixel {@code (x, y)}.
	 * <p>
	 * If that pixel is not inside (or lies outside the image), the component nearest to
	 * the point is returned instead: the one holding the inside pixel with the smallest
	 * Euclidean distance to {@code (x, y)} (ties go to the first such pixel in row-major
	 * order). So a click just beside a thin mask still selects it. Holes of the
	 * component are not filled.
	 *
	 * @param mask row-major pixels, non-zero = inside; not modified
	 * @param width mask width in pixels, &gt; 0
	 * @param height mask height in pixels, &gt; 0
	 * @param x column of the point
	 * @param y row of the point
	 * @return a new mask holding the input's values on the component's pixels and zero
	 *         elsewhere; all zero only if the mask is empty
	 * @throws IllegalArgumentException if the sizes do not match the array
	 */
	public static byte[] componentAt(byte[] mask, int width, int height, int x, int y) {
		return componentsNear(mask, width, height, new int[][] { { x, y } });
	}

	/**
	 * Returns the union of the components {@link #componentAt} picks for each point, for
	 * prompts with several points.
	 *
	 * @param mask row-major pixels, non-zero = inside; not modified
	 * @param width mask width in pixels, &gt; 0
	 * @param height mask height in pixels, &gt; 0
	 * @param points the points as {@code {x, y}} pairs
	 * @return a new mask holding the input's values on the chosen components' pixels and
	 *         zero elsewhere; all zero if the mask is empty or no point is given
	 * @throws IllegalArgumentException if the sizes do not match the array or a point is
	 *         not a pair
	 */
	public static byte[] componentsNear(byte[] mask, int width, int height, int[][] points) {
		checkSize(mask, width, height);
		byte[] out = new byte[mask.length];
		int[] stack = new int[64]; // reused by every fill, grown as needed
		for (int[] p : points) {
			if (p.length != 2) throw new IllegalArgumentException("A point must be {x, y}, got " + p.length + " values");
			int seed = nearestInside(mask, width, height, p[0], p[1]);
			if (seed < 0) break; // empty mask: nothing to pick for any point
			// A seed inside a component an earlier point picked needs no second fill.
			if (out[seed] == 0) stack = fill(mask, width, height, seed, out, stack);
		}
		return out;
	}

	/** Index of the inside pixel nearest to (x, y), or -1 if the mask is empty. */
	private static int nearestInside(byte[] mask, int width, int height, int x, int y) {
		if (x >= 0 && x < width && y >= 0 && y < height && mask[y * width + x] != 0)
			return y * width + x;
		int best = -1;
		long bestD2 = Long.MAX_VALUE;
		for (int j = 0; j < height; j++) {
			long dy = j - (long) y;
			// Rows farther away than the best match so far cannot beat it.
			if (dy * dy >= bestD2) {
				if (j > y) break;
				continue;
			}
			for (int i = 0, k = j * width; i < width; i++, k++) {
				if (mask[k] == 0) continue;
				long dx = i - (long) x, d2 = dx * dx + dy * dy;
				if (d2 < bestD2) {
					bestD2 = d2;
					best = k;
				}
			}
		}
		return best;
	}

	/**
	 * Copies the 8-connected component of {@code seed} from mask into out. Scanline fill
	 * with an explicit stack, since components can have millions of pixels: each popped
	 * seed grows into its whole horizontal run, and the runs of the rows above and below
	 * that touch it, diagonals included (columns l-1 to r+1), are pushed by their first
	 * pixel. Runs are always filled whole, so an unfilled seed means an unfilled run.
	 * Returns the (possibly grown) stack.
	 */
	private static int[] fill(byte[] mask, int width, int height, int seed, byte[] out, int[] stack) {
		int size = 0;
		stack[size++] = seed;
		while (size > 0) {
			int k = stack[--size];
			if (out[k] != 0) continue;
			int y = k / width, row = y * width, l = k - row, r = l;
			while (l > 0 && mask[row + l - 1] != 0) l--;
			while (r < width - 1 && mask[row + r + 1] != 0) r++;
			System.arraycopy(mask, row + l, out, row + l, r - l + 1);
			for (int ny = y - 1; ny <= y + 1; ny += 2) {
				if (ny < 0 || ny >= height) continue;
				boolean inRun = false;
				for (int n = ny * width + Math.max(l - 1, 0), end = ny * width + Math.min(r + 1, width - 1); n <= end; n++) {
					boolean open = mask[n] != 0 && out[n] == 0;
					if (open && !inRun) {
						if (size == stack.length) stack = Arrays.copyOf(stack, 2 * size);
						stack[size++] = n;
					}
					inRun = open;
				}
			}
		}
		return stack;
	}

	private static void checkSize(byte[] mask, int width, int height) {
		Objects.requireNonNull(mask, "mask");
		if (width <= 0 || height <= 0 || (long) width * height != mask.length)
			throw new IllegalArgumentException("Mask of " + mask.length + " bytes does not match " + width + "x" + height);
	}
}
