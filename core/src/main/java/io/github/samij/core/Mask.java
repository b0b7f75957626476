package io.github.samij.core;

/**
 * One mask SAM returned for a prompt, at the original image size, with its scores.
 * <p>
 * Immutable in practice and thread-safe: the arrays are not copied on access, so callers must not
 * modify them.
 */
public final class Mask {

	/** Pixel value inside the mask in {@link #pixels()}; outside is 0. */
	public static final byte INSIDE = (byte) 255;

	private final int token;
	private final int rank;
	private final Scale scale;
	private final float iou;
	private final float stability;
	private final long area;
	private final int[] bbox;
	private final int width;
	private final int height;
	private final byte[] pixels;
	private final float[] lowResLogits;

	Mask(int token, int rank, Scale scale, float iou, float stability, long area, int[] bbox, int width, int height,
		byte[] pixels, float[] lowResLogits)
	{
		this.token = token;
		this.rank = rank;
		this.scale = scale;
		this.iou = iou;
		this.stability = stability;
		this.area = area;
		this.bbox = bbox;
		this.width = width;
		this.height = height;
		this.pixels = pixels;
		this.lowResLogits = lowResLogits;
	}

	/** The decoder's mask token: 0 the single-mask output, 1..3 the ambiguity masks. */
	public int token() {
		return token;
	}

	/** 1 for the highest predicted IoU among the returned masks. */
	public int rank() {
		return rank;
	}

	public Scale scale() {
		return scale;
	}

	/** SAM's predicted IoU for this mask. */
	public float iou() {
		return iou;
	}

	/**
	 * Stability score: the IoU between the mask thresholded at logit +1 and at logit −1 (SAM's
	 * automatic mode keeps masks with stability ≥ 0.95). Low values expose ragged masks the IoU
	 * head is over-confident about. 0 for an empty mask.
	 */
	public float stability() {
		return stability;
	}

	/** Number of pixels inside. */
	public long area() {
		return area;
	}

	/** Bounding box {x, y, width, height} in pixels; all zero for an empty mask. Do not modify. */
	public int[] bbox() {
		return bbox;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public boolean isEmpty() {
		return area == 0;
	}

	/** Row-major binary mask, {@link #INSIDE} (255) inside, 0 outside. Not a copy: do not modify. */
	public byte[] pixels() {
		return pixels;
	}

	/**
	 * SAM's 256 × 256 low-res logits of this mask, for refinement ({@link Prompt#withMaskInput});
	 * {@code null} for a mask segmented in a window around the prompt ({@link Crop}), whose logits
	 * belong to that window, not to the image. Do not modify.
	 */
	public float[] lowResLogits() {
		return lowResLogits;
	}

	/**
	 * This mask moved by (x, y) into a width × height image that holds it. Its low-res logits belong
	 * to the window it was segmented in, so the moved mask has none.
	 */
	Mask placedAt(int x, int y, int imageWidth, int imageHeight) {
		if (x < 0 || y < 0 || x + width > imageWidth || y + height > imageHeight)
			throw new IllegalArgumentException("A " + width + "×" + height + " mask at (" + x + ", " + y + ") does not fit a "
				+ imageWidth + "×" + imageHeight + " image");
		byte[] out = new byte[imageWidth * imageHeight];
		for (int j = 0; j < height; j++) System.arraycopy(pixels, j * width, out, (y + j) * imageWidth + x, width);
		int[] moved = area == 0 ? bbox : new int[] { bbox[0] + x, bbox[1] + y, bbox[2], bbox[3] };
		return new Mask(token, rank, scale, iou, stability, area, moved, imageWidth, imageHeight, out, null);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "rank %d %s (token %d) IoU=%.3f S=%.3f area=%d", rank, scale, token,
			iou, stability, area);
	}
}
