package io.github.samij.core.model;

import java.util.Arrays;

/**
 * One prompt laid out as SAM decoders take it: points in the encoder's 1024-pixel frame labelled 1
 * (foreground) or 0 (background), then the box's corners labelled 2 and 3; for a SAM 1 decoder
 * without a box, one padding point (0, 0) labelled −1 ends the list, as that export expects (a SAM
 * 2 decoder pads in its graph).
 * A mask to refine is SAM's 256 × 256 low-res logits. Build one with {@link #builder}; immutable
 * once built, provided the caller does not change the mask it handed in.
 */
public final class DecoderInput {

	final float[] coords;
	final float[] labels;
	/** {@code null}: no mask to refine. */
	final float[] maskInput;
	final int imageWidth;
	final int imageHeight;

	private DecoderInput(float[] coords, float[] labels, float[] maskInput, int imageWidth, int imageHeight) {
		this.coords = coords;
		this.labels = labels;
		this.maskInput = maskInput;
		this.imageWidth = imageWidth;
		this.imageHeight = imageHeight;
	}

	/** Points in the family's convention for an image of width × height pixels (a SAM 1 decoder's {@code orig_im_size}). */
	public static Builder builder(ModelFamily family, int imageWidth, int imageHeight) {
		return new Builder(imageWidth, imageHeight, family.padsPrompts());
	}

	/** Number of points the decoder gets, padding or box corners included. */
	int points() {
		return labels.length;
	}

	/** Collects points and at most one box; use from one thread. */
	public static final class Builder {
		private final int imageWidth;
		private final int imageHeight;
		private final boolean padding;
		private float[] coords = new float[8];
		private float[] labels = new float[4];
		private int n;
		private float[] box;
		private float[] maskInput;

		private Builder(int imageWidth, int imageHeight, boolean padding) {
			this.imageWidth = imageWidth;
			this.imageHeight = imageHeight;
			this.padding = padding;
		}

		/** A click at (x, y) in the 1024 frame. */
		public Builder point(double x, double y, boolean foreground) {
			add(x, y, foreground ? 1 : 0);
			return this;
		}

		/** The box from (x0, y0) to (x1, y1) in the 1024 frame; it goes after the points. */
		public Builder box(double x0, double y0, double x1, double y1) {
			box = new float[] { (float) x0, (float) y0, (float) x1, (float) y1 };
			return this;
		}

		/** The low-res logits (256 × 256) of the mask to refine; not copied. */
		public Builder maskInput(float[] lowResLogits) {
			maskInput = lowResLogits;
			return this;
		}

		public DecoderInput build() {
			if (box != null) {
				add(box[0], box[1], 2);
				add(box[2], box[3], 3);
			}
			else if (padding) {
				add(0, 0, -1); // the padding point the SAM 1 export expects when there is no box
			}
			return new DecoderInput(Arrays.copyOf(coords, 2 * n), Arrays.copyOf(labels, n), maskInput, imageWidth, imageHeight);
		}

		private void add(double x, double y, float label) {
			if (n == labels.length) {
				labels = Arrays.copyOf(labels, 2 * n);
				coords = Arrays.copyOf(coords, 4 * n);
			}
			coords[2 * n] = (float) x;
			coords[2 * n + 1] = (float) y;
			labels[n++] = label;
		}
	}
}
