package io.github.samij.ij;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.lang.reflect.Array;

/**
 * One plane of an ImageJ image as SAM's encoder input. 8-bit and RGB pixels are taken as they are
 * (8-bit with a colour LUT through the LUT); 16- and 32-bit pixels are mapped to 0..255 through
 * the <em>display range</em> of their channel (Image › Adjust › Brightness/Contrast), so SAM sees
 * what the user sees. For multi-channel images the caller picks the channels that form the RGB
 * input: none (the plane's own channel, as grey), one (as grey), or two or three (red, green,
 * blue). The result is keyed by content, so an unchanged plane is encoded once.
 * Stateless and thread-safe; reads but never changes the image.
 */
public final class ImageInput {

	/** Use the plane's own channel. */
	public static final int[] OWN_CHANNEL = {};

	private ImageInput() { }

	/** The image's current plane. */
	public static SamImage of(ImagePlus imp) {
		return of(imp, Plane.current(imp), OWN_CHANNEL);
	}

	/** Plane {@code plane} of the image, its RGB input made of {@code channels} (1-based). */
	public static SamImage of(ImagePlus imp, Plane plane, int[] channels) {
		return of(imp, plane, channels, null);
	}

	/**
	 * A window of plane {@code plane} ({@code null}: all of it), its RGB input made of
	 * {@code channels} (1-based). Only the window's pixels are converted, so a window of a large image
	 * costs what the window costs.
	 */
	public static SamImage of(ImagePlus imp, Plane plane, int[] channels, Crop window) {
		if (imp.getType() == ImagePlus.COLOR_RGB || channels.length <= 1) {
			Plane p = channels.length == 1 ? plane.withChannel(check(imp, channels[0])) : plane;
			return single(imp, p, window).withContentKey();
		}
		if (channels.length > 3)
			throw new SamException("SAM takes at most three channels as red, green and blue; " + channels.length + " were given.");
		int w = window == null ? imp.getWidth() : window.width, h = window == null ? imp.getHeight() : window.height;
		byte[][] rgb = new byte[3][];
		for (int i = 0; i < 3; i++)
			rgb[i] = i < channels.length ? gray(imp, plane.withChannel(check(imp, channels[i])), window) : new byte[w * h];
		return SamImage.planes(w, h, rgb[0], rgb[1], rgb[2]).withContentKey();
	}

	/**
	 * Plane {@code plane} of the image as SAM's input made of {@code channels}: only the window SAM
	 * encodes is converted, keyed by its content. Read it from one thread.
	 */
	public static ImageSource source(ImagePlus imp, Plane plane, int[] channels) {
		return new ImageSource() {
			private Crop converted;
			private SamImage pixels;

			@Override
			public int width() {
				return imp.getWidth();
			}

			@Override
			public int height() {
				return imp.getHeight();
			}

			@Override
			public Object key(Crop window) {
				return pixels(window).key();
			}

			@Override
			public SamImage pixels(Crop window) {
				if (pixels == null || !java.util.Objects.equals(window, converted)) {
					pixels = of(imp, plane, channels, window);
					converted = window;
				}
				return pixels;
			}
		};
	}

	/** Parses "" (own channel), "2" or "1,2,3". */
	public static int[] parseChannels(String text) {
		if (text == null || text.isBlank()) return OWN_CHANNEL;
		String[] parts = text.trim().split("\\s*,\\s*");
		int[] c = new int[parts.length];
		try {
			for (int i = 0; i < parts.length; i++) c[i] = Integer.parseInt(parts[i]);
		}
		catch (NumberFormatException e) {
			throw new SamException("channels must be empty (the current channel), one channel number, or up to three "
				+ "separated by commas such as 1,2,3; got '" + text + "'.");
		}
		return c;
	}

	private static int check(ImagePlus imp, int channel) {
		if (channel < 1 || channel > imp.getNChannels())
			throw new SamException("Image '" + imp.getTitle() + "' has " + imp.getNChannels() + " channel(s); channel "
				+ channel + " does not exist.");
		return channel;
	}

	private static SamImage single(ImagePlus imp, Plane plane, Crop window) {
		ImageProcessor ip = processor(imp, plane, window);
		int w = ip.getWidth(), h = ip.getHeight();
		switch (imp.getType()) {
			case ImagePlus.COLOR_RGB:
				return SamImage.rgb(w, h, (int[]) ip.getPixels());
			case ImagePlus.COLOR_256:
				return SamImage.rgb(w, h, (int[]) ip.convertToRGB().getPixels());
			default:
				return SamImage.gray8(w, h, gray(imp, plane, window));
		}
	}

	/** One channel's plane as 8-bit grey: raw for 8-bit, mapped through the display range otherwise. */
	private static byte[] gray(ImagePlus imp, Plane plane, Crop window) {
		ImageProcessor ip = processor(imp, plane, window);
		int w = ip.getWidth(), h = ip.getHeight();
		switch (imp.getType()) {
			case ImagePlus.GRAY8:
				return (byte[]) ip.getPixels();
			case ImagePlus.GRAY16:
				return SamImage.gray16(w, h, (short[]) ip.getPixels(), displayRange(imp, plane.channel)).grayPlane();
			case ImagePlus.GRAY32:
				return SamImage.gray32(w, h, (float[]) ip.getPixels(), displayRange(imp, plane.channel)).grayPlane();
			case ImagePlus.COLOR_256:
				return (byte[]) ip.convertToByte(false).getPixels();
			default:
				throw new SamException("Image '" + imp.getTitle() + "' has a type SAM cannot take (" + imp.getBitDepth()
					+ "-bit); convert it to 8-bit, 16-bit, 32-bit or RGB (Image › Type).");
		}
	}

	private static ImageProcessor processor(ImagePlus imp, Plane plane, Crop window) {
		ImageProcessor ip = imp.getStackSize() == 1 ? imp.getProcessor() : imp.getStack().getProcessor(plane.stackIndex(imp));
		if (window == null) return ip;
		// Rows copied into a new processor of the same type (and colour model): the image's own
		// processor, its selection and its pixels stay as they are.
		Object source = ip.getPixels();
		Object pixels = Array.newInstance(source.getClass().getComponentType(), window.width * window.height);
		for (int y = 0; y < window.height; y++)
			System.arraycopy(source, (window.y + y) * ip.getWidth() + window.x, pixels, y * window.width, window.width);
		ImageProcessor out = ip.createProcessor(window.width, window.height);
		out.setPixels(pixels);
		return out;
	}

	private static IntensityRange displayRange(ImagePlus imp, int channel) {
		double min = imp.getDisplayRangeMin(), max = imp.getDisplayRangeMax();
		if (imp.isComposite() && channel <= imp.getNChannels()) {
			LUT lut = ((CompositeImage) imp).getChannelLut(channel);
			min = lut.min;
			max = lut.max;
		}
		if (!(max > min))
			throw new SamException("Image '" + imp.getTitle() + "' has an empty display range [" + min + ", " + max
				+ "]; set one with Image › Adjust › Brightness/Contrast (SAM maps that range to 0..255).");
		return IntensityRange.of(min, max);
	}
}
