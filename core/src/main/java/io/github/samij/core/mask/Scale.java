package io.github.samij.core.mask;

import java.util.Locale;

/**
 * Which level of SAM's ambiguity hierarchy a mask is, named by its area among the three multi-mask
 * outputs (the token order is not a documented scale order and differs between models).
 * {@link #SINGLE} labels the single-mask output, which has no place in that hierarchy, and
 * {@link #OBJECT} one object of a Segment All result.
 */
public enum Scale {
	SUBPART, PART, WHOLE, SINGLE, OBJECT;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
