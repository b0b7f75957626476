package io.github.samij.ij;

import java.awt.Color;

/**
 * Outline colours by rank, the same as the command line's overlay: rank 1 stands out most.
 * Chosen from the Okabe–Ito palette so they stay distinct for colour-blind users.
 */
public final class RankColors {

	private static final Color[] COLORS = { new Color(0xF0E442), new Color(0x56B4E9), new Color(0xCC79A7) };

	private RankColors() { }

	/** The colour of rank {@code rank} (1-based); ranks beyond three reuse the last colour. */
	public static Color of(int rank) {
		return COLORS[Math.max(0, Math.min(rank, COLORS.length) - 1)];
	}
}
