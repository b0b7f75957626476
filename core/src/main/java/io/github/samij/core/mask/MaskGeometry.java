package io.github.samij.core.mask;

/**
 * Geometry of binary masks (row-major, non-zero inside): the exact Euclidean distance transform
 * and the interior point farthest from the boundary — the click SAM's evaluation protocol uses,
 * and the prompt a propagation derives from the previous slice's mask. Unlike a centroid, that
 * point always lies inside, even for concave or touching objects. Stateless and thread-safe.
 */
public final class MaskGeometry {

	private static final double INF = 1e20;

	private MaskGeometry() { }

	/**
	 * Squared Euclidean distance of each inside pixel to the nearest outside pixel (0 outside),
	 * by Felzenszwalb and Huttenlocher's separable algorithm. The image border counts as outside
	 * only if {@code borderIsOutside}; otherwise an object touching the border is measured from its
	 * other edges alone.
	 */
	public static double[] squaredDistances(byte[] mask, int width, int height, boolean borderIsOutside) {
		int pad = borderIsOutside ? 1 : 0;
		int w = width + 2 * pad, h = height + 2 * pad;
		double[] d = new double[w * h];
		boolean anyOutside = false;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int sx = x - pad, sy = y - pad;
				boolean inside = sx >= 0 && sy >= 0 && sx < width && sy < height && mask[sy * width + sx] != 0;
				d[y * w + x] = inside ? INF : 0;
				anyOutside |= !inside;
			}
		if (!anyOutside) {
			double[] all = new double[width * height];
			java.util.Arrays.fill(all, Double.POSITIVE_INFINITY);
			return all;
		}
		int n = Math.max(w, h);
		double[] f = new double[n], out = new double[n], z = new double[n + 1];
		int[] v = new int[n];
		for (int x = 0; x < w; x++) { // columns
			for (int y = 0; y < h; y++) f[y] = d[y * w + x];
			transform1d(f, h, out, v, z);
			for (int y = 0; y < h; y++) d[y * w + x] = out[y];
		}
		for (int y = 0; y < h; y++) { // rows
			System.arraycopy(d, y * w, f, 0, w);
			transform1d(f, w, out, v, z);
			System.arraycopy(out, 0, d, y * w, w);
		}
		if (pad == 0) return d;
		double[] cropped = new double[width * height];
		for (int y = 0; y < height; y++)
			System.arraycopy(d, (y + 1) * w + 1, cropped, y * width, width);
		return cropped;
	}

	/** The lower envelope of parabolas rooted at f (Felzenszwalb & Huttenlocher 2012). */
	private static void transform1d(double[] f, int n, double[] out, int[] v, double[] z) {
		int k = 0;
		v[0] = 0;
		z[0] = Double.NEGATIVE_INFINITY;
		z[1] = Double.POSITIVE_INFINITY;
		for (int q = 1; q < n; q++) {
			double s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
			while (s <= z[k]) {
				k--;
				s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
			}
			k++;
			v[k] = q;
			z[k] = s;
			z[k + 1] = Double.POSITIVE_INFINITY;
		}
		k = 0;
		for (int q = 0; q < n; q++) {
			while (z[k + 1] < q) k++;
			double dq = q - v[k];
			out[q] = dq * dq + f[v[k]];
		}
	}

	/**
	 * The inside pixel farthest from the outside (ties: first in raster order), as {x, y};
	 * {@code null} for an empty mask.
	 */
	public static int[] interiorPoint(byte[] mask, int width, int height, boolean borderIsOutside) {
		double[] d = squaredDistances(mask, width, height, borderIsOutside);
		int best = -1;
		for (int i = 0; i < d.length; i++)
			if (mask[i] != 0 && (best < 0 || d[i] > d[best])) best = i;
		return best < 0 ? null : new int[] { best % width, best / width };
	}

	/**
	 * The interior point of a mask ({@link #interiorPoint(byte[], int, int, boolean)}), in image
	 * coordinates; {@code null} when empty. For a windowed mask every edge of the window counts as
	 * outside (everything past it is), also where it meets the image's border.
	 */
	public static int[] interiorPoint(Mask mask, boolean borderIsOutside) {
		int[] w = mask.window();
		int[] p = interiorPoint(mask.pixels(), w[2], w[3], borderIsOutside || mask.isWindowed());
		return p == null ? null : new int[] { p[0] + w[0], p[1] + w[1] };
	}

	/** Pixel IoU of two masks of one image, whatever their windows (1 when both are empty). */
	public static double iou(Mask a, Mask b) {
		int[] wa = a.window(), wb = b.window();
		int x0 = Math.max(wa[0], wb[0]), y0 = Math.max(wa[1], wb[1]);
		int x1 = Math.min(wa[0] + wa[2], wb[0] + wb[2]), y1 = Math.min(wa[1] + wa[3], wb[1] + wb[3]);
		long inter = 0;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++)
				if (a.contains(x, y) && b.contains(x, y)) inter++;
		long union = a.area() + b.area() - inter;
		return union == 0 ? 1 : (double) inter / union;
	}

	/** Pixel IoU of two masks of the same size (1 when both are empty). */
	public static double iou(byte[] a, byte[] b) {
		long inter = 0, union = 0;
		for (int i = 0; i < a.length; i++) {
			boolean x = a[i] != 0, y = b[i] != 0;
			if (x && y) inter++;
			if (x || y) union++;
		}
		return union == 0 ? 1 : (double) inter / union;
	}
}
