package io.github.samij.core;

import java.nio.FloatBuffer;

/**
 * An image embedding [1, 256, 64, 64] from the encoder, with the geometry needed to map prompts
 * and masks between the original image and SAM's 1024 frame. The data live in native (direct)
 * memory so the decoder reads them without a copy.
 * <p>
 * Immutable and thread-safe: the buffer is never written after encoding, and every reader gets
 * its own {@linkplain #data() view}.
 */
public final class Embedding {

	/** Floats in one embedding: 256 × 64 × 64 (4 MiB). */
	public static final int FLOATS = 256 * 64 * 64;
	static final long[] SHAPE = { 1, 256, 64, 64 };

	private final FloatBuffer data;
	private final int width;
	private final int height;
	private final int resizedWidth;
	private final int resizedHeight;
	private final Object key;

	Embedding(FloatBuffer data, int width, int height, Object key) {
		this.data = data;
		this.width = width;
		this.height = height;
		int[] resized = Preprocessor.resizedSize(width, height);
		this.resizedWidth = resized[0];
		this.resizedHeight = resized[1];
		this.key = key;
	}

	/** A fresh read-only view of the embedding data (position 0). */
	public FloatBuffer data() {
		return data.duplicate().rewind();
	}

	/** Original image width in pixels. */
	public int width() {
		return width;
	}

	/** Original image height in pixels. */
	public int height() {
		return height;
	}

	/** Width of the image inside SAM's 1024 frame. */
	int resizedWidth() {
		return resizedWidth;
	}

	/** Height of the image inside SAM's 1024 frame. */
	int resizedHeight() {
		return resizedHeight;
	}

	/** Factor from original pixel coordinates to SAM's 1024 frame. */
	public double scale() {
		return (double) Preprocessor.SIDE / Math.max(width, height);
	}

	/** The cache key of the image this came from, or {@code null}. */
	public Object key() {
		return key;
	}

	/** Native bytes held by this embedding. */
	public long bytes() {
		return (long) FLOATS * Float.BYTES;
	}
}
