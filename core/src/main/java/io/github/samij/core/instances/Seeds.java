package io.github.samij.core.instances;

import io.github.samij.core.image.Otsu;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.SegmentAllSettings.Objects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Candidate object centres found in the image itself, one SAM prompt each: the peaks of the
 * image smoothed by a Gaussian (σ = {@value #SIGMA} pixels), on the objects' side of the intensity
 * range, that stand out from their surroundings by at least the prominence — the peaks ImageJ's
 * Find Maxima counts with a prominence ("noise tolerance"). The prominence is {@value #PROMINENCE}
 * of the image's grey range (0.5th to 99.5th percentile), at least 2 grey levels, so it follows
 * the image's contrast; a flat image has no seeds.
 * <p>
 * Which side is "the objects'": bright on a dark background (fluorescence) or dark on a bright
 * one (bright-field, stained tissue). {@link Objects#AUTO} takes the objects to be the minority
 * of the pixels on either side of Otsu's threshold.
 * <p>
 * Works on the grey values SAM sees (the mean of the three channels of the 8-bit input). Stateless
 * and thread-safe.
 */
final class Seeds {

	/** Smoothing of the grey image before peaks are found, in pixels: removes noise peaks, keeps nuclei a few pixels wide. */
	static final double SIGMA = 2;
	/** The prominence as a fraction of the grey range: low enough for dim nuclei beside bright ones (0.1 finds fewer on the dev set). */
	static final double PROMINENCE = 0.05;

	/** The seeds found and the side they were taken from. */
	static final class Found {
		/** x, y pairs (pixel centres), strongest peak first. */
		final int[] points;
		final boolean bright;

		Found(int[] points, boolean bright) {
			this.points = points;
			this.bright = bright;
		}

		int count() {
			return points.length / 2;
		}
	}

	private Seeds() { }

	/** The grey values SAM sees: the mean of the three channels, 0..255. */
	static int[] gray(SamImage image) {
		int n = image.width() * image.height();
		byte[] r = image.plane(0), g = image.plane(1), b = image.plane(2);
		int[] gray = new int[n];
		if (image.isGray()) for (int i = 0; i < n; i++) gray[i] = r[i] & 0xff;
		else for (int i = 0; i < n; i++) gray[i] = ((r[i] & 0xff) + (g[i] & 0xff) + (b[i] & 0xff) + 1) / 3;
		return gray;
	}

	/** The seeds of a grey image (values 0..255, row-major). */
	static Found find(int[] gray, int width, int height, Objects objects) {
		long[] histogram = Otsu.histogram(gray);
		boolean bright = objects == Objects.AUTO ? Otsu.brightIsMinority(histogram) : objects == Objects.BRIGHT;
		float[] smooth = Gaussian.blur(gray, width, height, SIGMA, !bright);
		double range = percentile(histogram, gray.length, 0.995) - percentile(histogram, gray.length, 0.005);
		float prominence = (float) Math.max(2, PROMINENCE * range);
		return new Found(peaks(smooth, width, height, prominence), bright);
	}

	/**
	 * One seed in each piece of the image's threshold foreground that the objects found so far leave
	 * mostly uncovered: Otsu's threshold on the objects' side, holes filled, pieces of at least
	 * {@code minArea} pixels less than half covered; the seed is the piece's innermost pixel (the
	 * farthest from its outline, the first in raster order on a tie). Finds the dim or crowded
	 * objects whose peaks the prominence missed.
	 */
	static int[] uncovered(int[] gray, int width, int height, boolean bright, long minArea, BitSet covered) {
		int n = width * height;
		byte[] mask = Otsu.foreground(gray, Otsu.histogram(gray), bright);
		int[] label = Regions.components(Regions.fillHoles(mask, width, height), width, height);
		int[] depth = Regions.depth(label, width, height);
		int count = 0;
		for (int l : label) count = Math.max(count, l);
		int[] size = new int[count + 1], hidden = new int[count + 1], inner = new int[count + 1];
		Arrays.fill(inner, -1);
		for (int i = 0; i < n; i++) {
			int l = label[i];
			if (l == 0) continue;
			size[l]++;
			if (covered.get(i)) hidden[l]++;
			if (inner[l] < 0 || depth[i] > depth[inner[l]]) inner[l] = i;
		}
		List<Integer> seeds = new ArrayList<>();
		for (int l = 1; l <= count; l++)
			if (size[l] >= Math.max(1, minArea) && 2 * hidden[l] < size[l]) seeds.add(inner[l]);
		int[] points = new int[2 * seeds.size()];
		for (int k = 0; k < seeds.size(); k++) {
			points[2 * k] = seeds.get(k) % width;
			points[2 * k + 1] = seeds.get(k) / width;
		}
		return points;
	}

	private static int percentile(long[] histogram, long total, double q) {
		long rank = (long) Math.ceil(q * total), seen = 0;
		for (int v = 0; v < 256; v++) {
			seen += histogram[v];
			if (seen >= Math.max(1, rank)) return v;
		}
		return 255;
	}

	/**
	 * The peaks (8-connected regional maxima, a plateau counted once) whose prominence is at least
	 * {@code prominence}: no path from the peak to a higher pixel stays above
	 * {@code value − prominence}. Tallest first, ties in raster order.
	 */
	static int[] peaks(float[] v, int width, int height, float prominence) {
		int n = width * height;
		List<Integer> candidates = new ArrayList<>();
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x;
				if (isLocalMaximum(v, width, height, x, y)) candidates.add(i);
			}
		Integer[] order = candidates.toArray(new Integer[0]);
		Arrays.sort(order, (a, b) -> v[a] != v[b] ? Float.compare(v[b], v[a]) : Integer.compare(a, b));
		// visited[i] == the run that reached pixel i; a reused array, so each flood costs only what it visits.
		int[] visited = new int[n];
		boolean[] claimed = new boolean[n]; // plateau pixels of peaks already kept or dropped
		int[] queue = new int[n];
		List<int[]> kept = new ArrayList<>();
		int run = 0;
		for (int start : order) {
			if (claimed[start]) continue;
			run++;
			float top = v[start], floor = top - prominence;
			boolean real = true;
			int head = 0, tail = 0;
			queue[tail++] = start;
			visited[start] = run;
			flood:
			while (head < tail) {
				int p = queue[head++];
				int px = p % width, py = p / width;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int qx = px + dx, qy = py + dy;
						if ((dx == 0 && dy == 0) || qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
						int q = qy * width + qx;
						if (visited[q] == run || v[q] <= floor) continue;
						// A higher pixel, or an equal one of a plateau already decided, means this is not a peak.
						if (v[q] > top || (v[q] == top && claimed[q])) {
							real = false;
							break flood;
						}
						visited[q] = run;
						queue[tail++] = q;
					}
			}
			// The peak's plateau is decided with it, whatever the flood found.
			for (int k = 0; k < tail; k++)
				if (v[queue[k]] == top) claimed[queue[k]] = true;
			if (real) kept.add(new int[] { start % width, start / width });
		}
		int[] points = new int[2 * kept.size()];
		for (int k = 0; k < kept.size(); k++) {
			points[2 * k] = kept.get(k)[0];
			points[2 * k + 1] = kept.get(k)[1];
		}
		return points;
	}

	private static boolean isLocalMaximum(float[] v, int width, int height, int x, int y) {
		float c = v[y * width + x];
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int qx = x + dx, qy = y + dy;
				if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
				if (v[qy * width + qx] > c) return false;
			}
		return true;
	}
}
