package io.github.samij.core.imglib2;

import io.github.samij.core.ImageSource;
import io.github.samij.core.SamException;
import io.github.samij.core.image.IntensityRange;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.prompt.Crop;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.Type;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Intervals;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * A 2D ImgLib2 image as SAM sees it, read window by window: only the pixels of the window asked
 * for are visited, so a lazily loaded image (a cell image whose cells are read on demand, a view of
 * one plane of an nD image) is never read whole by a caller that asks for tiles. Pixel (0, 0) is
 * the image's minimum corner, whatever its interval's offset.
 * <p>
 * Types: {@link ARGBType} is colour; {@link UnsignedByteType} is taken as it is; any other
 * {@link RealType} is mapped to 0..255 through an {@link IntensityRange}, by default the robust
 * percentiles of the image ({@link #percentiles}, from a sample of at most {@value #SAMPLE} pixels
 * spread over it, so that every window of an image is mapped alike). Not keyed: windows are
 * encoded each time they are asked for (the caller keys a whole image it prompts repeatedly, with
 * {@link SamImage#withContentKey()}).
 * <p>
 * Thread-safety: as the wrapped image's; reading an ImgLib2 image from several threads is safe for
 * the image types of ImgLib2 core.
 */
public final class ImgLib2Source<T extends Type<T>> implements ImageSource {

	/** The most pixels {@link #percentiles} reads. */
	static final int SAMPLE = 1 << 22;

	private final RandomAccessibleInterval<T> image;
	private final IntensityRange range;
	private final int width;
	private final int height;

	private ImgLib2Source(RandomAccessibleInterval<T> image, IntensityRange range) {
		this.image = Views.zeroMin(image);
		this.range = range;
		this.width = (int) image.dimension(0);
		this.height = (int) image.dimension(1);
	}

	/**
	 * The image with the default mapping: 8-bit and ARGB as they are, other real types through
	 * their robust percentiles.
	 *
	 * @throws SamException when the image is not 2D or not of a real or ARGB type
	 */
	public static <T extends Type<T>> ImgLib2Source<T> of(RandomAccessibleInterval<T> image) {
		T type = checkType(check2d(image));
		return new ImgLib2Source<>(image, needsRange(type) ? percentiles(image) : null);
	}

	/** The image with real values mapped through {@code range} (ignored for 8-bit and ARGB images). */
	public static <T extends Type<T>> ImgLib2Source<T> of(RandomAccessibleInterval<T> image, IntensityRange range) {
		T type = checkType(check2d(image));
		return new ImgLib2Source<>(image, needsRange(type) ? range : null);
	}

	/** The whole image as SAM's input, keyed by its content so that prompting it again reuses its embedding. */
	public static <T extends Type<T>> SamImage toSamImage(RandomAccessibleInterval<T> image) {
		return of(image).pixels(null).withContentKey();
	}

	/**
	 * The robust percentiles ({@link IntensityRange#percentiles(float[])}) of a real image, from every
	 * k-th pixel in raster order so that at most {@value #SAMPLE} are read.
	 */
	public static <T extends Type<T>> IntensityRange percentiles(RandomAccessibleInterval<T> image) {
		long n = Intervals.numElements(image);
		long step = Math.max(1, (n + SAMPLE - 1) / SAMPLE);
		float[] sample = new float[(int) ((n + step - 1) / step)];
		Cursor<T> c = Views.flatIterable(image).cursor();
		int k = 0;
		for (long i = 0; i < n && k < sample.length; i += step) {
			c.jumpFwd(i == 0 ? 1 : step);
			sample[k++] = ((RealType<?>) c.get()).getRealFloat();
		}
		return IntensityRange.percentiles(Arrays.copyOf(sample, k));
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	/** The mapping of real values to 0..255, or {@code null} for 8-bit and ARGB images. */
	public IntensityRange range() {
		return range;
	}

	@Override
	public Object key(Crop window) {
		return null;
	}

	@Override
	public SamImage pixels(Crop window) {
		int x = window == null ? 0 : window.x, y = window == null ? 0 : window.y;
		int w = window == null ? width : window.width, h = window == null ? height : window.height;
		Cursor<T> c = Views.flatIterable(Views.interval(image, new FinalInterval(new long[] { x, y },
			new long[] { x + w - 1L, y + h - 1L }))).cursor();
		int n = w * h;
		T type = Util.getTypeFromInterval(image);
		if (type instanceof ARGBType) {
			int[] packed = new int[n];
			for (int i = 0; i < n; i++) packed[i] = ((ARGBType) c.next()).get();
			return SamImage.rgb(w, h, packed);
		}
		byte[] gray = new byte[n];
		if (range == null) for (int i = 0; i < n; i++) gray[i] = (byte) ((UnsignedByteType) c.next()).get();
		else for (int i = 0; i < n; i++) gray[i] = (byte) range.toByte(((RealType<?>) c.next()).getRealDouble());
		return SamImage.gray8(w, h, gray);
	}

	private static <T> RandomAccessibleInterval<T> check2d(RandomAccessibleInterval<T> image) {
		if (image.numDimensions() != 2)
			throw new SamException("SAM segments 2D images; this one has " + image.numDimensions() + " dimensions. Give one plane, "
				+ "e.g. Views.hyperSlice(image, 2, z).");
		if (image.dimension(0) > Integer.MAX_VALUE || image.dimension(1) > Integer.MAX_VALUE)
			throw new SamException("The image is " + image.dimension(0) + "×" + image.dimension(1) + " pixels; SAM-IJ takes up to "
				+ Integer.MAX_VALUE + " on a side.");
		return image;
	}

	private static <T extends Type<T>> T checkType(RandomAccessibleInterval<T> image) {
		T type = Util.getTypeFromInterval(image);
		if (!(type instanceof ARGBType) && !(type instanceof RealType))
			throw new SamException("SAM takes grey images of a real type or colour images of ARGBType, not "
				+ type.getClass().getSimpleName() + ".");
		return type;
	}

	private static boolean needsRange(Type<?> type) {
		return !(type instanceof ARGBType) && !(type instanceof UnsignedByteType);
	}
}
