package io.github.samij.core;

import io.github.samij.core.mask.MaskGeometry;

/**
 * Ground-truth nuclei of a DSB 2018 image (sample-data/dsb2018-dev): areas, boxes, interior
 * points and IoUs, for prompt tests here and in the other modules.
 */
public final class Nuclei {

	public final String name;
	public final int width;
	public final int height;
	public final int[] labels;
	/** The number of nuclei; in the original images (not a crop) they are labelled 1..count. */
	public final int count;
	private final int maxLabel;

	public Nuclei(String name, int width, int height) {
		this(name, width, height, TestImages.labels(name));
	}

	private Nuclei(String name, int width, int height, int[] labels) {
		this.name = name;
		this.width = width;
		this.height = height;
		this.labels = labels;
		if (labels.length != width * height) throw new IllegalArgumentException(name + " is not " + width + "x" + height);
		this.count = (int) java.util.Arrays.stream(labels).filter(l -> l > 0).distinct().count();
		this.maxLabel = java.util.Arrays.stream(labels).max().orElse(0);
	}

	/** The ground truth of {@link TestImages#tiled}: n × n copies, each copy's nuclei labelled apart. */
	public Nuclei tiled(int n) {
		int w = width * n, h = height * n;
		int[] mosaic = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int l = labels[(y % height) * width + x % width];
				mosaic[y * w + x] = l == 0 ? 0 : l + maxLabel * ((y / height) * n + x / width);
			}
		return new Nuclei(name + " x" + n, w, h, mosaic);
	}

	/** The ground truth of the rectangle at (x, y) of w × h, labels as they are. */
	public Nuclei crop(int x, int y, int w, int h) {
		int[] part = new int[w * h];
		for (int j = 0; j < h; j++) System.arraycopy(labels, (y + j) * width + x, part, j * w, w);
		return new Nuclei(name + " crop", w, h, part);
	}

	/** The nucleus's area in pixels. */
	public long area(int label) {
		long a = 0;
		for (int l : labels) if (l == label) a++;
		return a;
	}

	/** {x0, y0, x1, y1} with x1, y1 exclusive. */
	public int[] box(int label) {
		int x0 = width, y0 = height, x1 = -1, y1 = -1;
		for (int i = 0; i < labels.length; i++)
			if (labels[i] == label) {
				int x = i % width, y = i / width;
				x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
			}
		return new int[] { x0, y0, x1, y1 };
	}

	/** The nucleus's pixel farthest from anything outside it (the protocol's click): inside even when concave. */
	public int[] interior(int label) {
		return MaskGeometry.interiorPoint(mask(label), width, height, true);
	}

	/**
	 * {a, b}: the two nuclei of at least {@code minArea} pixels whose interior points lie nearest each
	 * other, for a click on one and a background click on its neighbour.
	 */
	public int[] nearestPair(long minArea) {
		int a = 0, b = 0;
		double nearest = Double.MAX_VALUE;
		for (int i = 1; i <= count; i++)
			for (int j = 1; j <= count; j++) {
				if (i == j || area(i) < minArea || area(j) < minArea) continue;
				int[] p = interior(i), q = interior(j);
				double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
				if (d < nearest) {
					nearest = d;
					a = i;
					b = j;
				}
			}
		return new int[] { a, b };
	}

	/** The nucleus as a mask (1 inside). */
	public byte[] mask(int label) {
		byte[] m = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] == label) m[i] = 1;
		return m;
	}

	/** The label at a pixel (0 background). */
	public int at(int x, int y) {
		return labels[y * width + x];
	}

	/** IoU of the pixels where {@code predicted == predictedLabel} with ground-truth nucleus {@code label}. */
	public double iou(short[] predicted, int predictedLabel, int label) {
		long inter = 0, union = 0;
		for (int i = 0; i < labels.length; i++) {
			boolean p = (predicted[i] & 0xffff) == predictedLabel, g = labels[i] == label;
			if (p && g) inter++;
			if (p || g) union++;
		}
		return union == 0 ? 0 : (double) inter / union;
	}

	/**
	 * How many nuclei an instance label image (same size, 0 background) matches one to one at
	 * IoU > 0.5 — a match at that level is unique — the true positives of the DSB 2018 metric's
	 * AP@0.5.
	 */
	public int matched(int[] predicted) {
		int maxP = 0;
		for (int p : predicted) maxP = Math.max(maxP, p);
		long[] areaP = new long[maxP + 1], areaT = new long[maxLabel + 1];
		java.util.Map<Long, Long> overlap = new java.util.HashMap<>();
		for (int i = 0; i < labels.length; i++) {
			areaP[predicted[i]]++;
			areaT[labels[i]]++;
			if (predicted[i] > 0 && labels[i] > 0) overlap.merge((long) predicted[i] << 32 | labels[i], 1L, Long::sum);
		}
		int n = 0;
		for (java.util.Map.Entry<Long, Long> e : overlap.entrySet()) {
			int p = (int) (e.getKey() >>> 32), t = (int) (long) e.getKey();
			if (e.getValue() > 0.5 * (areaP[p] + areaT[t] - e.getValue())) n++;
		}
		return n;
	}

	/** AP@0.5 of an instance label image with {@code objects} objects: TP / (TP + FP + FN). */
	public double ap50(int[] predicted, int objects) {
		int tp = matched(predicted);
		return (double) tp / (objects + count - tp);
	}
}
