package io.github.samij.core.prompt;

import io.github.samij.core.SamException;

import java.util.Locale;

/**
 * Which of SAM's four decoder masks to return.
 * <ul>
 * <li>{@link #MULTI}: the three ambiguity masks (tokens 1..3: subpart, part, whole) ranked by
 * predicted IoU — for a single click, which is ambiguous.</li>
 * <li>{@link #SINGLE}: the single-mask output (token 0), which SAM trains for unambiguous prompts.</li>
 * <li>{@link #AUTO}: one click alone → {@code MULTI}; a box, several points or a refinement →
 * {@code SINGLE} (as the official {@code SamPredictor} recommends).</li>
 * </ul>
 */
public enum MaskMode {
	AUTO, MULTI, SINGLE;

	/** The mode actually used for {@code prompt}: never {@code AUTO}. */
	public MaskMode resolve(Prompt prompt) {
		if (this != AUTO) return this;
		return prompt.isSingleClick() ? MULTI : SINGLE;
	}

	/** Parses "auto", "multi" or "single" (any case), with a clear message otherwise. */
	public static MaskMode parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new SamException("Unknown mode '" + text + "': use auto, multi or single.");
		}
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
