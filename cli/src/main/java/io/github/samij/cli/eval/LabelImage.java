package io.github.samij.cli.eval;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ground-truth instance label image: 0 background, 1..K one object each (any positive values;
 * they need not be consecutive), with each object's pixels and tight bounding box. Immutable.
 */
public final class LabelImage {

	/** One ground-truth object. */
	public static final class GtObject {
		public final int label;
		/** Row-major pixel indices, ascending (raster order). */
		public final int[] pixels;
		/** Inclusive pixel bounds: the first and last column and row the object occupies. */
		public final int minX, minY, maxX, maxY;

		GtObject(int label, int[] pixels, int width) {
			this.label = label;
			this.pixels = pixels;
			int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
			for (int i : pixels) {
				int x = i % width, y = i / width;
				x0 = Math.min(x0, x);
				x1 = Math.max(x1, x);
				y0 = Math.min(y0, y);
				y1 = Math.max(y1, y);
			}
			this.minX = x0;
			this.minY = y0;
			this.maxX = x1;
			this.maxY = y1;
		}

		public int area() {
			return pixels.length;
		}

		/** Bounding box width and height in pixels. */
		public int boxWidth() {
			return maxX - minX + 1;
		}

		public int boxHeight() {
			return maxY - minY + 1;
		}
	}

	public final int width;
	public final int height;
	private final int[] labels;

	public LabelImage(int width, int height, int[] labels) {
		if (labels.length != width * height) throw new IllegalArgumentException("labels do not fit " + width + "x" + height);
		this.width = width;
		this.height = height;
		this.labels = labels;
	}

	/**
	 * Labels from a grey image with integer samples (8- or 16-bit PNG, TIFF, ...).
	 *
	 * @throws IllegalArgumentException for colour images, whose values are not labels
	 */
	public static LabelImage of(BufferedImage img) {
		ColorModel cm = img.getColorModel();
		Raster raster = img.getRaster();
		if (raster.getNumBands() != 1 && !(cm instanceof IndexColorModel))
			throw new IllegalArgumentException("a label image must have one grey channel of integer labels; this one has "
				+ raster.getNumBands() + " bands");
		int w = img.getWidth(), h = img.getHeight();
		// Indexed images: the index is the label.
		return new LabelImage(w, h, raster.getSamples(0, 0, w, h, 0, new int[w * h]));
	}

	public int at(int x, int y) {
		return labels[y * width + x];
	}

	/** The objects, by ascending label, each with its pixels in raster order. */
	public List<GtObject> objects() {
		int max = 0;
		for (int l : labels) {
			if (l < 0) throw new IllegalArgumentException("negative label " + l);
			max = Math.max(max, l);
		}
		int[] count = new int[max + 1];
		for (int l : labels) count[l]++;
		int[][] pixels = new int[max + 1][];
		for (int l = 1; l <= max; l++) if (count[l] > 0) pixels[l] = new int[count[l]];
		int[] fill = new int[max + 1];
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l > 0) pixels[l][fill[l]++] = i;
		}
		List<GtObject> out = new ArrayList<>();
		for (int l = 1; l <= max; l++) if (pixels[l] != null) out.add(new GtObject(l, pixels[l], width));
		return out;
	}

	/** A copy of the labels, row-major. */
	public int[] labels() {
		return Arrays.copyOf(labels, labels.length);
	}
}
