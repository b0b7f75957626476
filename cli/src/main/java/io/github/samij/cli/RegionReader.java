package io.github.samij.cli;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image file read region by region, for images larger than SAM's view: ImageIO's reader with a
 * source region decodes, for a TIFF, only the strips or tiles the region touches, so a tiled run
 * holds a tile's pixels, not the image's. (Other formats decode from the start of the file up to
 * the region: correct, not lazy.) 16- and 32-bit grey is mapped through the range of a subsampled
 * overview of the whole image, so that every region is mapped alike. Reads are synchronized: an
 * ImageIO reader serves one thread at a time. Close it when done.
 */
final class RegionReader implements ImageSource, AutoCloseable {

	/** The longest side of the overview the intensity range is taken from. */
	static final int OVERVIEW = 1024;

	private final Path file;
	private final ImageInputStream stream;
	private final ImageReader reader;
	private final int width;
	private final int height;
	/** Taken from the overview on the first read. */
	private RangeChoice range;

	private RegionReader(Path file, ImageInputStream stream, ImageReader reader) throws IOException {
		this.file = file;
		this.stream = stream;
		this.reader = reader;
		this.width = reader.getWidth(0);
		this.height = reader.getHeight(0);
	}

	/** The percentiles of every k-th pixel of every k-th row, k chosen for an overview of {@value #OVERVIEW} pixels. */
	private RangeChoice range() throws IOException {
		if (range == null) {
			int step = Math.max(1, (Math.max(width, height) + OVERVIEW - 1) / OVERVIEW);
			ImageReadParam overview = reader.getDefaultReadParam();
			overview.setSourceSubsampling(step, step, 0, 0);
			ImageFiles.Loaded o = ImageFiles.convert(file, reader.read(0, overview), RangeChoice.PERCENTILE);
			range = o.range == null ? RangeChoice.PERCENTILE : RangeChoice.of(o.range);
		}
		return range;
	}

	/** The image's size from its header; pixels are decoded only as regions are asked for. */
	static RegionReader open(Path file) {
		ImageInputStream stream = null;
		try {
			stream = ImageIO.createImageInputStream(file.toFile());
			Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
			if (readers == null || !readers.hasNext())
				throw new UsageException("'" + file + "' is not an image ImageIO can read (PNG, TIFF, JPEG, BMP, GIF)");
			ImageReader reader = readers.next();
			reader.setInput(stream, true, true);
			RegionReader r = new RegionReader(file, stream, reader);
			stream = null;
			return r;
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof UsageException) throw (UsageException) e;
			throw new UsageException("cannot read image '" + file + "': " + Main.oneLine(String.valueOf(e.getMessage()))
				+ "; is the file complete?");
		}
		finally {
			if (stream != null) try {
				stream.close();
			}
			catch (IOException e) {
				// the open failed already; that is the message
			}
		}
	}

	/** Only the header is read: the width and height of an image file, or a usage error. */
	static int[] size(Path file) {
		try (RegionReader r = open(file)) {
			return new int[] { r.width, r.height };
		}
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public Object key(Crop window) {
		return null;
	}

	@Override
	public synchronized SamImage pixels(Crop window) {
		ImageReadParam param = reader.getDefaultReadParam();
		if (window != null) param.setSourceRegion(new Rectangle(window.x, window.y, window.width, window.height));
		try {
			RangeChoice r = range();
			return ImageFiles.convert(file, reader.read(0, param), r).image;
		}
		catch (IOException | RuntimeException e) {
			throw new SamException("Cannot read " + (window == null ? "" : window + " of ") + file + ": "
				+ Main.oneLine(String.valueOf(e.getMessage())) + ".");
		}
	}

	@Override
	public synchronized void close() {
		reader.dispose();
		try {
			stream.close();
		}
		catch (IOException e) {
			// nothing was written; nothing is lost
		}
	}
}
