package io.github.samij.core.instances;

import io.github.samij.core.mask.Mask;

/** A mask kept from one prompt, before overlaps are resolved: compact (its pixels cover its neighbourhood only). Immutable. */
final class Candidate {

	final Mask mask;
	final double x;
	final double y;

	Candidate(Mask mask, double x, double y) {
		this.mask = mask;
		this.x = x;
		this.y = y;
	}
}
