package io.github.samij.core.draw;

/**
 * The colours every SAM-IJ picture uses, as 0xRRGGBB (or 0xAARRGGBB where a colour is
 * translucent), so that the ImageJ preview, the ROIs and the command line's overlay.png look alike:
 * masks by rank from the Okabe–Ito palette, which stays distinct with the common colour vision
 * deficiencies (rank 1 yellow, 2 sky blue, 3 reddish purple), foreground clicks green and background
 * clicks red (their marks also differ by shape), dark rims so that every line shows on light and
 * dark images. Stateless.
 */
public final class Palette {

	private static final int[] RANKS = { 0xF0E442, 0x56B4E9, 0xCC79A7 };
	private static final String[] RANK_NAMES = { "yellow", "sky blue", "reddish purple" };

	/** A foreground click's mark. */
	public static final int FOREGROUND = 0x00E040;
	/** A background click's mark. */
	public static final int BACKGROUND = 0xFF3030;
	/** A box prompt. */
	public static final int BOX = 0xFFFFFF;
	/** The dark rim under every line, translucent. */
	public static final int RIM = 0xAA000000;
	/** Behind a label's text, translucent. */
	public static final int LABEL_BACKGROUND = 0xBE000000;

	private Palette() { }

	/** The colour of rank {@code rank} (1-based); ranks beyond three reuse the last colour. */
	public static int rank(int rank) {
		return RANKS[index(rank)];
	}

	/** The colour's name, for help texts: "yellow", "sky blue", "reddish purple". */
	public static String rankName(int rank) {
		return RANK_NAMES[index(rank)];
	}

	private static int index(int rank) {
		return Math.max(0, Math.min(rank, RANKS.length) - 1);
	}
}
