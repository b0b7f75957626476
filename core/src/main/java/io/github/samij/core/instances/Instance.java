package io.github.samij.core.instances;

import java.io.Serializable;
import java.util.Locale;

/**
 * One object of a {@link SegmentAll} result: its label in the label image, SAM's scores for the
 * mask it came from, and where it lies. Immutable and thread-safe.
 */
public final class Instance implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int label;
	private final int token;
	private final float iou;
	private final float stability;
	private final long area;
	private final int[] bbox;
	private final double promptX;
	private final double promptY;

	Instance(int label, int token, float iou, float stability, long area, int[] bbox, double promptX, double promptY) {
		this.label = label;
		this.token = token;
		this.iou = iou;
		this.stability = stability;
		this.area = area;
		this.bbox = bbox;
		this.promptX = promptX;
		this.promptY = promptY;
	}

	/** 1, 2, …: the value of this object's pixels in {@link Instances#labels()}. */
	public int label() {
		return label;
	}

	/** The decoder token of the mask kept: 0 for a refined (single-mask) one, 1..3 for one of a click's three. */
	public int token() {
		return token;
	}

	/** SAM's predicted IoU of the mask. */
	public float iou() {
		return iou;
	}

	/** The mask's stability score (IoU of the mask at logit +1 and at −1). */
	public float stability() {
		return stability;
	}

	/** Pixels of the object in the label image (after overlaps were resolved). */
	public long area() {
		return area;
	}

	/** {x, y, width, height} of the object's pixels. A copy. */
	public int[] bbox() {
		return bbox.clone();
	}

	/** The point prompt the object was found from, x (image pixels, continuous coordinates). */
	public double promptX() {
		return promptX;
	}

	public double promptY() {
		return promptY;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "#%d IoU=%.3f S=%.3f area=%d bbox=%d,%d,%d,%d", label, iou, stability, area, bbox[0],
			bbox[1], bbox[2], bbox[3]);
	}
}
