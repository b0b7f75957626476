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

	/** The rank-1 mask. */
	public Mask best() {
		return masks.get(0);
	}
}
