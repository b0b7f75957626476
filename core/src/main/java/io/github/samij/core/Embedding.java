package io.github.samij.core;

import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.prompt.Crop;

import java.nio.FloatBuffer;

/**
 * An image embedding [1, 256, 64, 64] from the encoder, of a whole image or of a
 * {@linkplain #window() window} of it, with the geometry needed to map prompts and masks between
 * the image and SAM's 1024 frame. The data live in native (direct) memory so the decoder reads them
 * without a copy.
 * <p>
 * Immutable and thread-safe: the buffer is never written after encoding, and every reader gets
 * its own {@linkplain #data() view}.
 */
public final class Embedding {

	/** Floats in one embedding: 256 × 64 × 64 (4 MiB). */
	public static final int FLOATS = 256 * 64 * 64;

	private final FloatBuffer data;
	private final int width;
	private final int height;
	private final Crop window;
	private final Object key;

	Embedding(FloatBuffer data, int width, int height, Crop window, Object key) {
		this.data = data;
		this.width = width;
		this.height = height;
		this.window = window;
		this.key = key;
	}

	/** A fresh read-only view of the embedding data (position 0). */
	public FloatBuffer data() {
		return data.duplicate().rewind();
	}

	/** Width in pixels of what was encoded: the image, or the window. */
	public int width() {
		return width;
	}

	/** Height in pixels of what was encoded: the image, or the window. */
	public int height() {
		return height;
	}

	/** The window of the image that was encoded, or {@code null} for the whole image. */
	public Crop window() {
		return window;
	}

	/** The width of the image prompts and masks refer to. */
	public int imageWidth() {
		return window == null ? width : window.imageWidth;
	}

	/** The height of the image prompts and masks refer to. */
	public int imageHeight() {
		return window == null ? height : window.imageHeight;
	}

	/** Factor from the encoded pixels' coordinates to SAM's 1024 frame. */
	public double scale() {
		return (double) Preprocessor.SIDE / Math.max(width, height);
	}

	/** The cache key of what was encoded, or {@code null}. */
	public Object key() {
		return key;
	}

	/** Native bytes held by this embedding. */
	public long bytes() {
		return (long) FLOATS * Float.BYTES;
	}
}
