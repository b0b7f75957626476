package io.github.samij.core.image;

/**
 * Otsu's threshold of a 256-bin histogram: the level {@code t} that maximises the between-class
 * variance of the classes {@code ≤ t} and {@code > t}. Used to tell bright objects from dark ones
 * and by the classical baseline Segment All is measured against. Stateless and thread-safe.
 */
public final class Otsu {

	private Otsu() { }

	/** The threshold; 0 for a histogram with fewer than two occupied levels. */
	public static int threshold(long[] histogram) {
		long total = 0;
		double sum = 0;
		for (int v = 0; v < histogram.length; v++) {
			total += histogram[v];
			sum += (double) v * histogram[v];
		}
		double sumBelow = 0, best = -1;
		long below = 0;
		int threshold = 0;
		for (int t = 0; t < histogram.length; t++) {
			below += histogram[t];
			sumBelow += (double) t * histogram[t];
			if (below == 0) continue;
			long above = total - below;
			if (above == 0) break;
			double meanBelow = sumBelow / below, meanAbove = (sum - sumBelow) / above;
			double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
			if (between > best) {
				best = between;
				threshold = t;
			}
		}
		return threshold;
	}

	/**
	 * Whether the pixels above the threshold are at most half of all: then the objects are taken to
	 * be bright on a dark background (fluorescence), else dark on a bright one (bright-field, stained
	 * tissue) — objects are the minority of an image.
	 */
	public static boolean brightIsMinority(long[] histogram) {
		int t = threshold(histogram);
		long above = 0, total = 0;
		for (int v = 0; v < histogram.length; v++) {
			total += histogram[v];
			if (v > t) above += histogram[v];
		}
		return above * 2 <= total;
	}

	/**
	 * The objects' side of Otsu's threshold of a grey image (values 0..255): 255 where a pixel is
	 * above the threshold when {@code bright}, at or below it when not; 0 elsewhere.
	 */
	public static byte[] foreground(int[] gray, long[] histogram, boolean bright) {
		int t = threshold(histogram);
		byte[] mask = new byte[gray.length];
		for (int i = 0; i < gray.length; i++)
			if (bright ? gray[i] > t : gray[i] <= t) mask[i] = (byte) 255;
		return mask;
	}

	/** The 256-bin histogram of grey values 0..255. */
	public static long[] histogram(int[] gray) {
		long[] h = new long[256];
		for (int v : gray) h[v]++;
		return h;
	}
}
