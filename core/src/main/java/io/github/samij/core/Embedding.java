package io.github.samij.core;

import io.github.samij.core.image.Framing;
import io.github.samij.core.prompt.Crop;

import java.nio.FloatBuffer;

/**
 * What the encoder made of a whole image or of a {@linkplain #window() window} of it: the
 * embedding [1, 256, 64, 64], and for SAM 2 also its two high-resolution feature maps (16 MiB in
 * all, against 4 MiB for SAM 1), with the geometry needed to map prompts and masks between the
 * image and the model's 1024 frame ({@link Framing}). The data live in native (direct) memory so
 * the decoder reads them without a copy.
 * <p>
 * Immutable and thread-safe: the buffers are never written after encoding, and every reader gets
 * its own {@linkplain #features() views}.
 */
public final class Embedding {

	/** Floats in one SAM 1 embedding: 256 × 64 × 64 (4 MiB), the unit of the cache's default budget. */
	public static final int FLOATS = 256 * 64 * 64;

	private final FloatBuffer[] features;
	private final Framing framing;
	private final int width;
	private final int height;
	private final Crop window;
	private final Object key;

	Embedding(FloatBuffer[] features, Framing framing, int width, int height, Crop window, Object key) {
		this.features = features;
		this.framing = framing;
		this.width = width;
		this.height = height;
		this.window = window;
		this.key = key;
	}

	/** Fresh views of the encoder's outputs (position 0), in the model's order; the embedding first. */
	public FloatBuffer[] features() {
		FloatBuffer[] views = new FloatBuffer[features.length];
		for (int i = 0; i < views.length; i++) views[i] = features[i].duplicate().rewind();
		return views;
	}

	/** How the encoded image was put into the model's frame. */
	public Framing framing() {
		return framing;
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

	/** The cache key of what was encoded, or {@code null}. */
	public Object key() {
		return key;
	}

	/** Native bytes held by this embedding. */
	public long bytes() {
		long floats = 0;
		for (FloatBuffer f : features) floats += f.capacity();
		return floats * Float.BYTES;
	}
}
