package io.github.samij.core.image;

/**
 * How a model family puts an image into its square 1024 × 1024 input frame, which prompts and masks
 * are mapped through: SAM 1 keeps the aspect ratio and pads, SAM 2 stretches. Both normalise with
 * the same ImageNet mean and standard deviation (SAM 2's 0..1 values are SAM 1's 0..255 ones / 255).
 */
public enum Framing {

	/** SAM 1: resized so the longest side is 1024, aspect kept, padded at the right and bottom. */
	LONGEST_SIDE,

	/** SAM 2: resized to 1024 × 1024, aspect not kept, no padding. */
	STRETCHED;

	/** The side of the square input frame. */
	public static final int SIDE = 1024;

	/** The factors {x, y} from an image of width × height pixels to the frame (before rounding to pixels). */
	public double[] scales(int width, int height) {
		if (this == STRETCHED) return new double[] { (double) SIDE / width, (double) SIDE / height };
		double scale = (double) SIDE / Math.max(width, height);
		return new double[] { scale, scale };
	}

	/** The size {width, height} an image of width × height takes in the frame (the rest is padding). */
	public int[] resizedSize(int width, int height) {
		if (this == STRETCHED) return new int[] { SIDE, SIDE };
		// Rounded as SAM's ResizeLongestSide does.
		double scale = (double) SIDE / Math.max(width, height);
		return new int[] { Math.max(1, (int) (width * scale + 0.5)), Math.max(1, (int) (height * scale + 0.5)) };
	}
}
