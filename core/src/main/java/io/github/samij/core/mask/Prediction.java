package io.github.samij.core.mask;

import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The masks SAM returned for one prompt, in rank order, with the prompt and the mode actually used.
 * Immutable and thread-safe.
 */
public final class Prediction {

	private final Prompt prompt;
	private final MaskMode mode;
	private final List<Mask> masks;

	private Prediction(Prompt prompt, MaskMode mode, List<Mask> masks) {
		this.prompt = prompt;
		this.mode = mode;
		this.masks = Collections.unmodifiableList(masks);
	}

	/**
	 * The prediction of {@code masks} (as the upscaler made them, in token order) for {@code prompt}:
	 * ranked by {@code ranking} and, in multi-mask mode, named subpart / part / whole by area (the
	 * token order is not a documented scale order); a single mask is {@link Scale#SINGLE}.
	 *
	 * @param mode {@link MaskMode#MULTI} or {@link MaskMode#SINGLE}: the mode actually used
	 */
	public static Prediction ranked(Prompt prompt, MaskMode mode, List<Mask> masks, Ranking ranking) {
		List<Mask> byArea = new ArrayList<>(masks);
		byArea.sort(Comparator.comparingLong(Mask::area).thenComparingInt(Mask::token));
		List<Mask> ordered = ranking.order(masks);
		List<Mask> ranked = new ArrayList<>(masks.size());
		for (int r = 0; r < ordered.size(); r++) {
			Mask m = ordered.get(r);
			ranked.add(m.ranked(r + 1, mode == MaskMode.SINGLE ? Scale.SINGLE : Scale.values()[byArea.indexOf(m)]));
		}
		return new Prediction(prompt, mode, ranked);
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
