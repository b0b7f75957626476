package io.github.samij.cli;

import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Reads an image file with ImageIO into what the SAM encoder takes ({@link SamImage}) and what
 * the overlay is drawn on (an RGB picture of the same 8-bit values SAM saw).
 * <p>
 * Grey data is read from the raster, never through {@code getRGB}: AWT converts grey through a
 * linear-to-sRGB curve there, which would brighten every pixel. 16- and 32-bit grey is mapped to
 * 0..255 with the chosen {@link RangeChoice}; colour and indexed images go through
 * {@code getRGB}.
 */
public final class ImageFiles {

	/** An image read from a file, ready for SAM. */
	public static final class Loaded {
		public final Path file;
		public final SamImage image;
		/** The 8-bit values SAM sees, as RGB, for the overlay. */
		public final BufferedImage display;
		/** E.g. "RGB", "8-bit grey", "16-bit grey". */
		public final String kind;
		/** The mapping applied to 16- or 32-bit grey data, or {@code null} when the data were 8-bit. */
		public final IntensityRange range;

		Loaded(Path file, SamImage image, BufferedImage display, String kind, IntensityRange range) {
			this.file = file;
			this.image = image;
			this.display = display;
			this.kind = kind;
			this.range = range;
		}

		public int width() {
			return image.width();
		}

		public int height() {
			return image.height();
		}
	}

	private ImageFiles() { }

	/**
	 * @throws UsageException when the file is missing, not an image ImageIO can read, or corrupt
	 */
	public static Loaded read(Path file, RangeChoice range) {
		return convert(file, readFile(file), range);
	}

	/** A decoded picture (the whole file, or a region of it) as SAM's input. */
	static Loaded convert(Path file, BufferedImage img, RangeChoice range) {
		int w = img.getWidth(), h = img.getHeight();
		if ((long) w * h > Integer.MAX_VALUE)
			throw new UsageException("image '" + file + "' is " + w + "x" + h + " pixels, too large; crop or bin it first");
		ColorModel cm = img.getColorModel();
		Raster raster = img.getRaster();
		boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
		if (!grey) {
			int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
			return new Loaded(file, SamImage.rgb(w, h, rgb), display(w, h, rgb), "RGB", null);
		}
		// The first band is the grey value; a second band, if any, is alpha and is ignored.
		int type = raster.getDataBuffer().getDataType();
		int bits = cm.getComponentSize(0);
		if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE || type == DataBuffer.TYPE_SHORT
			|| type == DataBuffer.TYPE_INT)
		{
			// Signed 16-bit and 32-bit data go the float way, which keeps negative values.
			float[] values = raster.getSamples(0, 0, w, h, 0, new float[w * h]);
			IntensityRange r = range.of(values);
			byte[] shown = new byte[values.length];
			for (int i = 0; i < values.length; i++)
				shown[i] = (byte) r.toByte(values[i]);
			return new Loaded(file, SamImage.gray32(w, h, values, r), display(w, h, shown), "32-bit grey", r);
		}
		int[] samples = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
		if (bits > 8) {
			short[] values = new short[samples.length];
			for (int i = 0; i < samples.length; i++)
				values[i] = (short) samples[i];
			IntensityRange r = range.of(values);
			byte[] shown = new byte[values.length];
			for (int i = 0; i < values.length; i++)
				shown[i] = (byte) r.toByte(values[i] & 0xffff);
			return new Loaded(file, SamImage.gray16(w, h, values, r), display(w, h, shown), "16-bit grey", r);
		}
		// 1-, 2- and 4-bit grey is stretched to 0..255, as any viewer shows it.
		int scale = 255 / ((1 << Math.max(1, bits)) - 1);
		byte[] gray = new byte[samples.length];
		for (int i = 0; i < samples.length; i++)
			gray[i] = (byte) (samples[i] * scale);
		return new Loaded(file, SamImage.gray8(w, h, gray), display(w, h, gray), "8-bit grey", null);
	}

	private static BufferedImage readFile(Path file) {
		if (!Files.exists(file)) throw new UsageException("image file '" + file + "' does not exist");
		if (Files.isDirectory(file)) throw new UsageException("'" + file + "' is a folder; --image expects an image file");
		if (!Files.isReadable(file)) throw new UsageException("image file '" + file + "' is not readable (check its permissions)");
		BufferedImage img;
		try {
			img = ImageIO.read(file.toFile());
		}
		catch (IOException | RuntimeException e) {
			// ImageIO plugins throw IIOException, but also runtime exceptions, for truncated or corrupt files.
			throw new UsageException("cannot read image '" + file + "': " + Main.oneLine(String.valueOf(e.getMessage()))
				+ "; is the file complete?");
		}
		if (img == null)
			throw new UsageException("'" + file + "' is not an image ImageIO can read (PNG, TIFF, JPEG, BMP, GIF)");
		return img;
	}

	private static BufferedImage display(int w, int h, int[] rgb) {
		BufferedImage d = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		d.setRGB(0, 0, w, h, rgb, 0, w);
		return d;
	}

	private static BufferedImage display(int w, int h, byte[] gray) {
		int[] rgb = new int[gray.length];
		for (int i = 0; i < gray.length; i++) {
			int g = gray[i] & 0xff;
			rgb[i] = g << 16 | g << 8 | g;
		}
		return display(w, h, rgb);
	}
}
