package io.github.samij.core.image;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Crop;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An image as the SAM encoder sees it: width × height pixels of 8-bit red, green and blue. Grey
 * images share one plane for all three channels (SAM's rule: replicate grey to RGB), so an 8-bit
 * grey image is wrapped without a copy. 16- and 32-bit data are mapped to 0..255 through an
 * {@link IntensityRange} chosen by the caller.
 * <p>
 * The {@linkplain #key() key} identifies the image (and slice) for the embedding cache: two
 * images with equal keys must have equal pixels. A {@code null} key means "never cache". As an
 * {@link ImageSource}, a window of this image is keyed by this key and the window.
 * <p>
 * Immutable once built, provided the caller does not change the wrapped arrays; safe to share
 * between threads.
 */
public final class SamImage implements ImageSource {

	/** Pixels are indexed by int, so width × height must stay below this. */
	private static final long MAX_PIXELS = Integer.MAX_VALUE;

	private final int width;
	private final int height;
	private final byte[] red;
	private final byte[] green;
	private final byte[] blue;
	private final Object key;

	private SamImage(int width, int height, byte[] red, byte[] green, byte[] blue, Object key) {
		this.width = width;
		this.height = height;
		this.red = red;
		this.green = green;
		this.blue = blue;
		this.key = key;
	}

	/** 8-bit grey, row-major; wrapped, not copied. */
	public static SamImage gray8(int width, int height, byte[] pixels) {
		checkSize(width, height, pixels.length);
		return new SamImage(width, height, pixels, pixels, pixels, null);
	}

	/** 16-bit grey (unsigned), mapped to 0..255 through {@code range}. */
	public static SamImage gray16(int width, int height, short[] pixels, IntensityRange range) {
		checkSize(width, height, pixels.length);
		byte[] mapped = new byte[pixels.length];
		for (int i = 0; i < pixels.length; i++)
			mapped[i] = (byte) range.toByte(pixels[i] & 0xffff);
		return gray8(width, height, mapped);
	}

	/** 32-bit float grey, mapped to 0..255 through {@code range}; NaN becomes 0. */
	public static SamImage gray32(int width, int height, float[] pixels, IntensityRange range) {
		checkSize(width, height, pixels.length);
		byte[] mapped = new byte[pixels.length];
		for (int i = 0; i < pixels.length; i++)
			mapped[i] = (byte) range.toByte(pixels[i]);
		return gray8(width, height, mapped);
	}

	/** Packed RGB ({@code 0xRRGGBB}, the upper byte ignored), as ImageJ's ColorProcessor and AWT hold it. */
	public static SamImage rgb(int width, int height, int[] packed) {
		checkSize(width, height, packed.length);
		byte[] r = new byte[packed.length], g = new byte[packed.length], b = new byte[packed.length];
		for (int i = 0; i < packed.length; i++) {
			int c = packed[i];
			r[i] = (byte) (c >> 16);
			g[i] = (byte) (c >> 8);
			b[i] = (byte) c;
		}
		return new SamImage(width, height, r, g, b, null);
	}

	/** Three 8-bit planes, e.g. three channels of a hyperstack; wrapped, not copied. */
	public static SamImage planes(int width, int height, byte[] red, byte[] green, byte[] blue) {
		checkSize(width, height, red.length);
		checkSize(width, height, green.length);
		checkSize(width, height, blue.length);
		return new SamImage(width, height, red, green, blue, null);
	}

	/** The same pixels with a cache key (e.g. the image's ID and slice); see the class comment. */
	public SamImage withKey(Object cacheKey) {
		return new SamImage(width, height, red, green, blue, cacheKey);
	}

	/**
	 * The same pixels keyed by their content (size and CRC-32 of each plane): equal encoder input
	 * means equal embedding, so an unchanged slice is never encoded twice and an edited one never
	 * reuses a stale embedding, whatever window or stack it comes from.
	 */
	public SamImage withContentKey() {
		List<Long> key = new ArrayList<>(5);
		key.add((long) width);
		key.add((long) height);
		for (int c = 0; c < (isGray() ? 1 : 3); c++) {
			CRC32 crc = new CRC32();
			crc.update(plane(c));
			key.add(crc.getValue());
		}
		return withKey(key);
	}

	@Override
	public Object key(Crop window) {
		return window == null || key == null ? key : List.of("crop", key, window.x, window.y, window.width, window.height);
	}

	@Override
	public SamImage pixels(Crop window) {
		return window == null ? this : crop(window.x, window.y, window.width, window.height);
	}

	/**
	 * The pixels of a rectangle of this image, keyed by this image's key and the rectangle (or not
	 * keyed, if this image is not).
	 *
	 * @throws IllegalArgumentException if the rectangle is empty or reaches outside the image
	 */
	public SamImage crop(int x, int y, int w, int h) {
		if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > width || y + h > height)
			throw new IllegalArgumentException(w + "×" + h + " at (" + x + ", " + y + ") is not inside " + width + "×" + height);
		byte[] r = crop(red, x, y, w, h);
		byte[] g = isGray() ? r : crop(green, x, y, w, h), b = isGray() ? r : crop(blue, x, y, w, h);
		return new SamImage(w, h, r, g, b, key(Crop.of(x, y, w, h, width, height)));
	}

	private byte[] crop(byte[] plane, int x, int y, int w, int h) {
		byte[] out = new byte[w * h];
		for (int j = 0; j < h; j++) System.arraycopy(plane, (y + j) * width + x, out, j * w, w);
		return out;
	}

	private static void checkSize(int width, int height, int length) {
		if (width < 1 || height < 1)
			throw new SamException("The image is " + width + "×" + height + " pixels; SAM needs at least one pixel.");
		if ((long) width * height > MAX_PIXELS || (long) width * height != length)
			throw new SamException("Pixel data of " + length + " values does not fit a " + width + "×" + height + " image.");
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	public Object key() {
		return key;
	}

	/** {@code true} when all three channels are one plane (grey). */
	public boolean isGray() {
		return red == green && green == blue;
	}

	/** The one plane of a grey image (e.g. 16-bit data after mapping). Not a copy: do not modify. */
	public byte[] grayPlane() {
		if (!isGray()) throw new IllegalStateException("not a grey image");
		return red;
	}

	/** Channel {@code c} (0 red, 1 green, 2 blue) as a row-major plane; not a copy: do not modify. */
	public byte[] plane(int c) {
		return c == 0 ? red : c == 1 ? green : blue;
	}
}
