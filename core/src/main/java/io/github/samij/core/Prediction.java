package io.github.samij.core;

import java.util.Collections;
import java.util.List;

/**
 * The masks SAM returned for one prompt, in rank order (highest predicted IoU first), with the
 * prompt and the mode actually used. Immutable and thread-safe.
 */
public final class Prediction {

	private final Prompt prompt;
	private final MaskMode mode;
	private final List<Mask> masks;

	Prediction(Prompt prompt, MaskMode mode, List<Mask> masks) {
		this.prompt = prompt;
		this.mode = mode;
		this.masks = Collections.unmodifiableList(masks);
	}

	public Prompt prompt() {
		return prompt;
	}

	/** {@link MaskMode#MULTI} or {@link MaskMode#SINGLE}: {@code AUTO} resolved. */
	public MaskMode mode() {
		return mode;
	}

	/** The masks by rank: {@code masks().get(0)} has rank 1. */
	public List<Mask> masks() {
		return masks;
	}

	/**
	 * This prediction, made on {@code crop}, as masks of the whole image answering
	 * {@code original} (the prompt in image coordinates). The masks carry no low-res logits: those
	 * belong to the crop's embedding, and refining needs the whole image's.
	 *
	 * @throws IllegalArgumentException if the masks are not the crop's size or the crop does not
	 *         fit the image
	 */
	Prediction uncropped(Crop crop, Prompt original) {
		List<Mask> placed = new java.util.ArrayList<>(masks.size());
		for (Mask m : masks) {
			if (m.width() != crop.width || m.height() != crop.height)
				throw new IllegalArgumentException("A " + m.width() + "×" + m.height() + " mask is not from the crop " + crop);
			placed.add(m.placedAt(crop.x, crop.y, crop.imageWidth, crop.imageHeight));
		}
		return new Prediction(original, mode, placed);
	}

	/** The rank-1 mask. */
	public Mask best() {
		return masks.get(0);
	}
}
