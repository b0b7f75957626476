package io.github.samij.core;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

/**
 * An image SAM can segment, known by a cache key before its pixels are read: a front end keys its
 * images by what identifies them (an open image's identity, its plane and display settings) and
 * converts pixels only when the embedding is not cached. A {@link SamImage} is its own source,
 * keyed by its content or by the key it was given.
 * <p>
 * Implementations say in their own javadoc from which threads they may be read.
 */
public interface ImageSource {

	int width();

	int height();

	/**
	 * The cache key of the encoder input for {@code window} ({@code null}: the whole image): equal
	 * keys must mean equal pixels. {@code null} means "never cache".
	 */
	Object key(Crop window);

	/** The pixels SAM encodes for {@code window} ({@code null}: the whole image). Read on a cache miss only. */
	SamImage pixels(Crop window);
}
