package io.github.samij.ij.convert;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;
import io.github.samij.ij.Plane;

import java.awt.image.IndexColorModel;

/**
 * One plane of an ImageJ image as SAM's encoder input. 8-bit and RGB pixels are taken as they are
 * (8-bit with a colour LUT through the LUT); 16- and 32-bit pixels are mapped to 0..255 through
 * the <em>display range</em> of their channel (Image › Adjust › Brightness/Contrast), so SAM sees
 * what the user sees. For multi-channel images the caller picks the channels that form the RGB
 * input: none (the plane's own channel, as grey), one (as grey), or two or three (red, green,
 * blue).
 * <p>
 * <b>One cache policy.</b> The input is keyed by the image's identity, the plane, the settings that
 * change SAM's input (channels, display range, colour table, crop window) and a checksum of the raw
 * pixels that ImageJ's change notices keep from being recomputed on every click
 * ({@link ImageChanges}); pixels are converted only when the embedding is not cached. Commands,
 * macros and live mode share that cache.
 * <p>
 * Stateless; reads but never changes the image. A {@link #source} reads the image on its caller's
 * thread; a {@link #snapshot} copies the pixels at once and may then be read on any thread.
 */
public final class ImageInput {

	/** Use the plane's own channel. */
	public static final int[] OWN_CHANNEL = {};

	private ImageInput() { }

	/** The image's current plane, its own channel, as SAM's input (converted now). */
	public static SamImage of(ImagePlus imp) {
		return of(imp, Plane.current(imp), OWN_CHANNEL);
	}

	/** Plane {@code plane} of the image, its RGB input made of {@code channels} (1-based), converted now. */
	public static SamImage of(ImagePlus imp, Plane plane, int[] channels) {
		return source(imp, plane, channels).pixels(null);
	}

	/**
	 * Plane {@code plane} of the image as SAM's input made of {@code channels}: keyed without
	 * converting anything, converted (only the window SAM encodes) on a cache miss. Reads the image
	 * whenever it is asked; use it on one thread, while the image stays as it is.
	 */
	public static ImageSource source(ImagePlus imp, Plane plane, int[] channels) {
		return new Source(imp, data(imp, plane, channels), false);
	}

	/**
	 * The same as {@link #source}, but with the pixels copied now: call it where the image is safe to
	 * read (for a shown image, the event dispatch thread); the result may then be read on any
	 * thread, whatever happens to the image.
	 */
	public static ImageSource snapshot(ImagePlus imp, Plane plane, int[] channels) {
		return new Source(imp, data(imp, plane, channels).copy(imp), true);
	}

	/** A view or a snapshot of one plane's input. */
	private static final class Source implements ImageSource {
		private final ImagePlus imp;
		private final PlaneData data;
		private final boolean snapshot;

		Source(ImagePlus imp, PlaneData data, boolean snapshot) {
			this.imp = imp;
			this.data = data;
			this.snapshot = snapshot;
		}

		@Override
		public int width() {
			return data.width;
		}

		@Override
		public int height() {
			return data.height;
		}

		@Override
		public Object key(Crop window) {
			long[] stamps = new long[data.pixels.length];
			for (int c = 0; c < stamps.length; c++)
				stamps[c] = snapshot ? data.stamp(c, window) : ImageChanges.stamp(imp, data, c, window);
			return data.key(window, stamps);
		}

		@Override
		public SamImage pixels(Crop window) {
			return data.convert(window, key(window));
		}
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

	/** What the input is made of, read from the image now (the arrays are the image's own). */
	private static PlaneData data(ImagePlus imp, Plane plane, int[] channels) {
		int type = imp.getType();
		if (type != ImagePlus.GRAY8 && type != ImagePlus.GRAY16 && type != ImagePlus.GRAY32 && type != ImagePlus.COLOR_RGB
			&& type != ImagePlus.COLOR_256)
			throw new SamException("Image '" + imp.getTitle() + "' has a type SAM cannot take (" + imp.getBitDepth()
				+ "-bit); convert it to 8-bit, 16-bit, 32-bit or RGB (Image › Type).");
		boolean single = type == ImagePlus.COLOR_RGB || channels.length <= 1;
		if (!single && channels.length > 3)
			throw new SamException("SAM takes at most three channels as red, green and blue; " + channels.length + " were given.");
		int[] used = single ? new int[] { channels.length == 1 && type != ImagePlus.COLOR_RGB ? check(imp, channels[0])
			: plane.channel } : channels.clone();
		if (!single) for (int c : used) check(imp, c);
		int n = used.length;
		int[] indexes = new int[n];
		Object[] pixels = new Object[n];
		IntensityRange[] ranges = type == ImagePlus.GRAY16 || type == ImagePlus.GRAY32 ? new IntensityRange[n] : null;
		for (int i = 0; i < n; i++) {
			Plane p = plane.withChannel(used[i]);
			ImageProcessor ip = imp.getStackSize() == 1 ? imp.getProcessor() : imp.getStack().getProcessor(p.stackIndex(imp));
			indexes[i] = imp.getStackSize() == 1 ? 1 : p.stackIndex(imp);
			pixels[i] = ip.getPixels();
			if (ranges != null) ranges[i] = displayRange(imp, used[i]);
		}
		byte[][] lut = type == ImagePlus.COLOR_256 && single ? lut(imp) : null;
		return new PlaneData(imp, indexes, pixels, ranges, lut, single);
	}

	private static int check(ImagePlus imp, int channel) {
		if (channel < 1 || channel > imp.getNChannels())
			throw new SamException("Image '" + imp.getTitle() + "' has " + imp.getNChannels() + " channel(s); channel "
				+ channel + " does not exist.");
		return channel;
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

	/** The colour table an 8-bit colour image is shown through (its display range applied): red, green and blue of each value. */
	private static byte[][] lut(ImagePlus imp) {
		IndexColorModel cm = (IndexColorModel) imp.getProcessor().getCurrentColorModel();
		byte[][] rgb = new byte[3][256];
		cm.getReds(rgb[0]);
		cm.getGreens(rgb[1]);
		cm.getBlues(rgb[2]);
		return rgb;
	}
}
