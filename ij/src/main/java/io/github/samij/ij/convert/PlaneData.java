package io.github.samij.ij.convert;

import ij.ImagePlus;

import io.github.samij.core.SamException;
import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * What SAM's input for one plane of an ImageJ image is made of: the raw pixel arrays of the channels
 * used (one, or two or three as red, green, blue), the image type, and the display settings that
 * map them to 0..255 (display ranges of 16- and 32-bit channels, the colour table of 8-bit colour).
 * It converts a window of the plane to a {@link SamImage} and says which {@link Key} that input has.
 * <p>
 * The arrays are the image's own (a view, read on the caller's thread) or copies (a snapshot, taken
 * where the image is safe to read and then readable from any thread); a snapshot is immutable.
 */
final class PlaneData {

	final int imageId;
	final String title;
	final int width;
	final int height;
	final int type;
	/** 1-based stack index of each channel used, in red, green, blue order. */
	final int[] stackIndexes;
	/** The raw pixel array of each channel used. */
	final Object[] pixels;
	/** The display range of each channel (16- and 32-bit), else {@code null}. */
	final IntensityRange[] ranges;
	/** Red, green and blue of the colour table (8-bit colour), else {@code null}. */
	final byte[][] lut;
	/** {@code true}: one channel as grey (or RGB as it is); {@code false}: channels as red, green, blue. */
	final boolean single;

	PlaneData(ImagePlus imp, int[] stackIndexes, Object[] pixels, IntensityRange[] ranges, byte[][] lut, boolean single) {
		this.imageId = imp.getID();
		this.title = imp.getTitle();
		this.width = imp.getWidth();
		this.height = imp.getHeight();
		this.type = imp.getType();
		this.stackIndexes = stackIndexes;
		this.pixels = pixels;
		this.ranges = ranges;
		this.lut = lut;
		this.single = single;
	}

	/** The same settings with copies of the pixel arrays: the image may change afterwards. */
	PlaneData copy(ImagePlus imp) {
		Object[] copies = new Object[pixels.length];
		for (int i = 0; i < copies.length; i++) copies[i] = rows(pixels[i], null);
		return new PlaneData(imp, stackIndexes, copies, ranges, lut, single);
	}

	/**
	 * The cache key of the window's input ({@code null}: the whole plane): the image's identity, the
	 * planes and the settings that make SAM's input, and {@code stamps}, one checksum of the window's
	 * raw pixels per channel, which tell a real change from anything else ImageJ reports.
	 */
	Key key(Crop window, long[] stamps) {
		return new Key(this, window, stamps);
	}

	/** A checksum of the window's raw pixels of channel {@code c}. */
	long stamp(int c, Crop window) {
		return Checksum.of(pixels[c], width, window);
	}

	/** The window ({@code null}: the whole plane) as SAM's input, keyed by {@code key}. */
	SamImage convert(Crop window, Object key) {
		int w = window == null ? width : window.width, h = window == null ? height : window.height;
		if (single) {
			Object px = rows(pixels[0], window);
			switch (type) {
				case ImagePlus.COLOR_RGB:
					return SamImage.rgb(w, h, (int[]) px).withKey(key);
				case ImagePlus.COLOR_256:
					byte[] index = (byte[]) px, r = new byte[index.length], g = new byte[index.length], b = new byte[index.length];
					for (int i = 0; i < index.length; i++) {
						int v = index[i] & 0xff;
						r[i] = lut[0][v];
						g[i] = lut[1][v];
						b[i] = lut[2][v];
					}
					return SamImage.planes(w, h, r, g, b).withKey(key);
				default:
					return SamImage.gray8(w, h, gray(0, px, w, h)).withKey(key);
			}
		}
		byte[][] rgb = new byte[3][];
		for (int c = 0; c < 3; c++) rgb[c] = c < pixels.length ? gray(c, rows(pixels[c], window), w, h) : new byte[w * h];
		return SamImage.planes(w, h, rgb[0], rgb[1], rgb[2]).withKey(key);
	}

	/** Channel {@code c}'s window as 8-bit grey: raw for 8-bit (and 8-bit colour's indexes), mapped through the display range otherwise. */
	private byte[] gray(int c, Object px, int w, int h) {
		switch (type) {
			case ImagePlus.GRAY8:
			case ImagePlus.COLOR_256:
				return (byte[]) px;
			case ImagePlus.GRAY16:
				return SamImage.gray16(w, h, (short[]) px, ranges[c]).grayPlane();
			case ImagePlus.GRAY32:
				return SamImage.gray32(w, h, (float[]) px, ranges[c]).grayPlane();
			default:
				throw new SamException("Image '" + title + "' has a type SAM cannot take; convert it to 8-bit, 16-bit, 32-bit "
					+ "or RGB (Image › Type).");
		}
	}

	/** A new array holding the window's rows of a row-major plane ({@code null} window: all of it). */
	private Object rows(Object source, Crop window) {
		if (window == null) {
			int n = Array.getLength(source);
			Object copy = Array.newInstance(source.getClass().getComponentType(), n);
			System.arraycopy(source, 0, copy, 0, n);
			return copy;
		}
		Object out = Array.newInstance(source.getClass().getComponentType(), window.width * window.height);
		for (int y = 0; y < window.height; y++)
			System.arraycopy(source, (window.y + y) * width + window.x, out, y * window.width, window.width);
		return out;
	}

	/**
	 * Identifies the encoder input of a window of a plane of an open image: equal keys mean equal
	 * pixels. Immutable value.
	 */
	static final class Key {
		private final int imageId;
		private final int type;
		private final boolean single;
		private final int[] stackIndexes;
		private final double[] ranges;
		private final int lut;
		private final Crop window;
		private final long[] stamps;

		Key(PlaneData d, Crop window, long[] stamps) {
			this.imageId = d.imageId;
			this.type = d.type;
			this.single = d.single;
			this.stackIndexes = d.stackIndexes.clone();
			this.ranges = new double[2 * d.stackIndexes.length];
			if (d.ranges != null)
				for (int c = 0; c < d.ranges.length; c++) {
					ranges[2 * c] = d.ranges[c].min();
					ranges[2 * c + 1] = d.ranges[c].max();
				}
			this.lut = d.lut == null ? 0 : Arrays.deepHashCode(d.lut);
			this.window = window;
			this.stamps = stamps.clone();
		}

		@Override
		public boolean equals(Object o) {
			if (!(o instanceof Key)) return false;
			Key k = (Key) o;
			return imageId == k.imageId && type == k.type && single == k.single && lut == k.lut
				&& Arrays.equals(stackIndexes, k.stackIndexes) && Arrays.equals(ranges, k.ranges)
				&& Objects.equals(window, k.window) && Arrays.equals(stamps, k.stamps);
		}

		@Override
		public int hashCode() {
			return Objects.hash(imageId, Arrays.hashCode(stackIndexes), Arrays.hashCode(stamps), window);
		}

		@Override
		public String toString() {
			return "image " + imageId + " planes " + Arrays.toString(stackIndexes) + (window == null ? "" : " window " + window);
		}
	}
}
