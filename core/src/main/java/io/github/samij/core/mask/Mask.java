package io.github.samij.core.mask;

import io.github.samij.core.prompt.Crop;

import java.util.Locale;

/**
 * One mask SAM returned for a prompt, with its scores, in the coordinates of the image. Its pixels
 * cover a {@linkplain #window() window} of the image: the whole image, or for a prompt segmented in
 * a window around it ({@link Crop}) that window only, so a click in a large image holds three
 * window-sized masks, not three image-sized ones.
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
	private final int x;
	private final int y;
	private final int windowWidth;
	private final int windowHeight;
	private final byte[] pixels;
	private final float[] lowResLogits;

	Mask(int token, int rank, Scale scale, float iou, float stability, long area, int[] bbox, Crop window, int windowWidth,
		int windowHeight, byte[] pixels, float[] lowResLogits)
	{
		this.token = token;
		this.rank = rank;
		this.scale = scale;
		this.iou = iou;
		this.stability = stability;
		this.area = area;
		this.bbox = bbox;
		this.x = window == null ? 0 : window.x;
		this.y = window == null ? 0 : window.y;
		this.width = window == null ? windowWidth : window.imageWidth;
		this.height = window == null ? windowHeight : window.imageHeight;
		this.windowWidth = windowWidth;
		this.windowHeight = windowHeight;
		this.pixels = pixels;
		this.lowResLogits = lowResLogits;
	}

	/**
	 * One object of a Segment All result as a mask: rank {@code label}, {@link Scale#OBJECT}, SAM's
	 * scores of the mask it came from, its pixels covering the window {x, y, width, height} of a
	 * {@code imageWidth × imageHeight} image (non-zero inside; not copied).
	 */
	public static Mask object(int label, int token, float iou, float stability, int[] window, byte[] pixels, int imageWidth,
		int imageHeight)
	{
		Crop crop = Crop.of(window[0], window[1], window[2], window[3], imageWidth, imageHeight);
		return new Mask(token, label, Scale.OBJECT, iou, stability, 0, new int[4], crop, window[2], window[3], pixels, null)
			.withPixels(pixels);
	}

	/** The same mask with another rank and scale. */
	Mask ranked(int newRank, Scale newScale) {
		Crop window = isWindowed() ? Crop.of(x, y, windowWidth, windowHeight, width, height) : null;
		return new Mask(token, newRank, newScale, iou, stability, area, bbox, window, windowWidth, windowHeight, pixels,
			lowResLogits);
	}

	/**
	 * This mask's token, rank and scores with other pixels of the same window, e.g. only some of its
	 * pieces; area and bounding box are those of the new pixels, and there are no low-res logits
	 * (they were the old pixels').
	 *
	 * @param windowPixels {@link #window()}-sized, non-zero inside
	 */
	public Mask withPixels(byte[] windowPixels) {
		if (windowPixels.length != pixels.length)
			throw new IllegalArgumentException(windowPixels.length + " pixels do not fit a " + windowWidth + "×" + windowHeight
				+ " window");
		long n = 0;
		int minX = windowWidth, minY = windowHeight, maxX = -1, maxY = -1;
		for (int j = 0, i = 0; j < windowHeight; j++)
			for (int k = 0; k < windowWidth; k++, i++)
				if (windowPixels[i] != 0) {
					n++;
					minX = Math.min(minX, k);
					maxX = Math.max(maxX, k);
					minY = Math.min(minY, j);
					maxY = j;
				}
		int[] box = n == 0 ? new int[4] : new int[] { x + minX, y + minY, maxX - minX + 1, maxY - minY + 1 };
		Crop window = isWindowed() ? Crop.of(x, y, windowWidth, windowHeight, width, height) : null;
		return new Mask(token, rank, scale, iou, stability, n, box, window, windowWidth, windowHeight, windowPixels, null);
	}

	/** The decoder's mask token: 0 the single-mask output, 1..3 the ambiguity masks. */
	public int token() {
		return token;
	}

	/** 1 for the first mask of the ranking (by default the highest predicted IoU). */
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

	/** Bounding box {x, y, width, height} in image pixels; all zero for an empty mask. Do not modify. */
	public int[] bbox() {
		return bbox;
	}

	/** The image's width. */
	public int width() {
		return width;
	}

	/** The image's height. */
	public int height() {
		return height;
	}

	public boolean isEmpty() {
		return area == 0;
	}

	/** {x, y, width, height}: the part of the image {@link #pixels()} covers (a new array). */
	public int[] window() {
		return new int[] { x, y, windowWidth, windowHeight };
	}

	/** {@code true} when the pixels cover a window, not the whole image. */
	public boolean isWindowed() {
		return windowWidth != width || windowHeight != height;
	}

	/**
	 * The {@linkplain #window() window}'s pixels, row-major, {@link #INSIDE} (255) inside and 0
	 * outside; every pixel outside the window is outside the mask. Not a copy: do not modify.
	 */
	public byte[] pixels() {
		return pixels;
	}

	/** Whether image pixel (px, py) is inside the mask. */
	public boolean contains(int px, int py) {
		int wx = px - x, wy = py - y;
		return wx >= 0 && wy >= 0 && wx < windowWidth && wy < windowHeight && pixels[wy * windowWidth + wx] != 0;
	}

	/** The mask at the image's size, row-major: {@link #pixels()} itself when not windowed, else a new array. */
	public byte[] imagePixels() {
		if (!isWindowed()) return pixels;
		byte[] out = new byte[width * height];
		for (int j = 0; j < windowHeight; j++) System.arraycopy(pixels, j * windowWidth, out, (y + j) * width + x, windowWidth);
		return out;
	}

	/**
	 * SAM's 256 × 256 low-res logits of this mask, for refinement
	 * ({@link io.github.samij.core.prompt.Prompt#withMaskInput}); {@code null} for a windowed mask,
	 * whose logits belong to that window, not to the image. Do not modify.
	 */
	public float[] lowResLogits() {
		return lowResLogits;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "rank %d %s (token %d) IoU=%.3f S=%.3f area=%d", rank, scale, token, iou, stability,
			area);
	}
}
