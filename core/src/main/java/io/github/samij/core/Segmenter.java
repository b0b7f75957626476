package io.github.samij.core;

import io.github.samij.core.image.Framing;
import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.MaskUpscaler;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.model.DecoderInput;
import io.github.samij.core.model.ModelFamily;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The SAM pipeline, the one façade every entry point (ImageJ commands, macros, command line, tests)
 * uses: {@link #encode} an image once (cached), {@link #decode} each prompt on it; or
 * {@link #segment} both at once, on the whole image or on a window around the prompt.
 * <p>
 * Masks and modes: the decoder computes four masks; {@link MaskMode#MULTI} returns tokens 1..3
 * ranked (by predicted IoU unless the {@link Ranking} says otherwise) and named subpart / part /
 * whole by area, {@link MaskMode#SINGLE} returns token 0, {@link MaskMode#AUTO} picks MULTI for one
 * click alone and SINGLE otherwise.
 * <p>
 * Thread-safe: any number of threads may encode and decode at once. Work that can run side by side
 * within one call (the colour channels of an image, the masks of a prompt, allocating the
 * embedding while preprocessing) goes to the executor given at construction, the common fork-join
 * pool by default. The model is owned by the caller, who closes it after the segmenter's last use.
 */
public final class Segmenter {

	/** Default cache bound: 64 embeddings (256 MiB). */
	public static final long DEFAULT_CACHE_BYTES = 64L * Embedding.FLOATS * Float.BYTES;

	/** Above this many pixels the masks of one prompt are upscaled side by side (below, it does not pay). */
	private static final long PARALLEL_UPSCALE_PIXELS = 512 * 512;

	/** Encoder input canvases kept for reuse (12 MiB each). */
	private static final int POOLED_CANVASES = 2;

	private final SamModel model;
	private final EmbeddingCache cache;
	private final Executor helpers;
	private final ConcurrentLinkedQueue<FloatBuffer> canvases = new ConcurrentLinkedQueue<>();
	private volatile MaskUpscaler lastUpscaler;

	/** A segmenter whose helpers run on the common fork-join pool. */
	public Segmenter(SamModel model, long cacheBytes) {
		this(model, cacheBytes, ForkJoinPool.commonPool());
	}

	/**
	 * @param helpers where work within one call runs side by side; {@link Parallel#SEQUENTIAL} keeps
	 *          every call on its caller's thread (e.g. when the caller runs many segmenters at once)
	 */
	public Segmenter(SamModel model, long cacheBytes, Executor helpers) {
		this.model = model;
		this.cache = new EmbeddingCache(cacheBytes);
		this.helpers = helpers;
	}

	public SamModel model() {
		return model;
	}

	public EmbeddingCache cache() {
		return cache;
	}

	/** The embedding of the whole image, from the cache or encoded now. */
	public Embedding encode(ImageSource image) {
		return encode(image, null);
	}

	/**
	 * The embedding of {@code window} of the image ({@code null}: the whole image), from the cache
	 * under the image's key for that window, or encoded now: only then are the pixels read.
	 */
	public Embedding encode(ImageSource image, Crop window) {
		Object key = image.key(window);
		return cache.get(key, () -> encodeNow(image.pixels(window), window, key));
	}

	/**
	 * The embedding a prompt is decoded on: of a window of {@code crop} pixels around the prompt
	 * ({@link Crop#around}), for small objects in large images, or of the whole image when
	 * {@code crop} is 0, the window would cover the image, or the prompt refines a mask (whose logits
	 * belong to the whole image's embedding).
	 *
	 * @throws SamException when the prompt lies outside the image or is empty, or crop is negative
	 */
	public Embedding embed(ImageSource image, Prompt prompt, int crop) {
		prompt.checkInside(image.width(), image.height());
		return encode(image, Crop.around(prompt, crop, image.width(), image.height()));
	}

	/**
	 * Encodes now: the embedding buffer is allocated on a helper while the image is preprocessed,
	 * since the CPUs are idle until the encoder starts.
	 */
	private Embedding encodeNow(SamImage image, Crop window, Object key) {
		CompletableFuture<FloatBuffer[]> output = CompletableFuture.supplyAsync(model::newFeatureBuffers, helpers);
		Framing framing = model.family().framing;
		FloatBuffer input;
		long[] shape;
		boolean pooled = !model.preprocessingInGraph();
		if (pooled) {
			// A reused canvas saves allocating, zeroing and page-faulting 12 MiB of native memory per image.
			input = Preprocessor.normalisedCanvas(image, framing, canvases.poll(), helpers);
			shape = new long[] { 1, 3, Preprocessor.SIDE, Preprocessor.SIDE };
		}
		else {
			int[] size = Framing.LONGEST_SIDE.resizedSize(image.width(), image.height());
			input = Preprocessor.resizedInterleaved(image);
			shape = new long[] { size[1], size[0], 3 };
		}
		try {
			FloatBuffer[] features = model.encode(input, shape, join(output));
			return new Embedding(features, framing, image.width(), image.height(), window, key);
		}
		finally {
			// The encoder has finished reading the canvas.
			if (pooled && canvases.size() < POOLED_CANVASES) canvases.offer(input);
		}
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof Error) throw (Error) e.getCause(); // out of (direct) memory
			throw e;
		}
	}

	/** Encodes (or reuses) the whole image and decodes one prompt; masks ranked by predicted IoU. */
	public Prediction segment(ImageSource image, Prompt prompt, MaskMode mode) {
		return segment(image, prompt, mode, Ranking.PREDICTED_IOU, 0);
	}

	/** {@link #segment(ImageSource, Prompt, MaskMode)} with the masks in the order of {@code ranking}. */
	public Prediction segment(ImageSource image, Prompt prompt, MaskMode mode, Ranking ranking) {
		return segment(image, prompt, mode, ranking, 0);
	}

	/**
	 * Encodes (or reuses) the image, or a window of {@code crop} pixels around the prompt (see
	 * {@link #embed}), and decodes the prompt on it; the masks are in image coordinates.
	 */
	public Prediction segment(ImageSource image, Prompt prompt, MaskMode mode, Ranking ranking, int crop) {
		return decode(embed(image, prompt, crop), prompt, mode, ranking);
	}

	/**
	 * Runs the decoder for one prompt; masks ranked by predicted IoU.
	 *
	 * @throws SamException when the prompt lies outside the image or is empty
	 */
	public Prediction decode(Embedding embedding, Prompt prompt, MaskMode mode) {
		return decode(embedding, prompt, mode, Ranking.PREDICTED_IOU);
	}

	/**
	 * {@link #decode(Embedding, Prompt, MaskMode)} with the masks in the order of {@code ranking}. The
	 * prompt is in the image's coordinates, also for the embedding of a window: the masks then keep
	 * the window's size ({@link Mask#window()}) and carry no low-res logits.
	 *
	 * @throws SamException when the prompt lies outside the image or is empty, or refines a mask on a
	 *           window's embedding (the mask's logits belong to the whole image)
	 */
	public Prediction decode(Embedding embedding, Prompt prompt, MaskMode mode, Ranking ranking) {
		Crop window = embedding.window();
		MaskMode used = check(embedding, prompt, mode);
		SamModel.DecoderOutput out = model.decode(embedding.features(), decoderInput(embedding, local(embedding, prompt)));
		int w = embedding.width(), h = embedding.height();
		// Large images: the three masks side by side (the decoder's threads are idle now).
		return masks(model.family(), out, prompt, used, ranking, upscaler(w, h, embedding.framing()), window, false,
			(long) w * h > PARALLEL_UPSCALE_PIXELS ? helpers : Parallel.SEQUENTIAL);
	}

	/**
	 * Decodes many prompts on one embedding, for segmenting every object of an image: as
	 * {@link #decode(Embedding, Prompt, MaskMode, Ranking)} for each prompt, but each mask's pixels
	 * cover only its own neighbourhood ({@link MaskUpscaler#upscaleCompact}), so that holding many
	 * masks costs what their objects cover, not an image each. A prompt's masks are upscaled on the
	 * helpers while the decoder runs the next prompt.
	 *
	 * @return one prediction per prompt, in the prompts' order
	 * @throws SamException as {@link #decode(Embedding, Prompt, MaskMode, Ranking)}, before any prompt runs
	 */
	public List<Prediction> decodeEach(Embedding embedding, List<Prompt> prompts, MaskMode mode, Ranking ranking) {
		MaskMode[] used = new MaskMode[prompts.size()];
		for (int i = 0; i < used.length; i++) used[i] = check(embedding, prompts.get(i), mode);
		MaskUpscaler upscaler = upscaler(embedding.width(), embedding.height(), embedding.framing());
		List<CompletableFuture<Prediction>> masks = new ArrayList<>(prompts.size());
		for (int i = 0; i < used.length; i++) {
			Prompt prompt = prompts.get(i);
			MaskMode m = used[i];
			SamModel.DecoderOutput out = model.decode(embedding.features(), decoderInput(embedding, local(embedding, prompt)));
			masks.add(CompletableFuture.supplyAsync(
				() -> masks(model.family(), out, prompt, m, ranking, upscaler, embedding.window(), true, Parallel.SEQUENTIAL), helpers));
		}
		List<Prediction> predictions = new ArrayList<>(masks.size());
		for (CompletableFuture<Prediction> f : masks) predictions.add(join(f));
		return predictions;
	}

	/** The mode {@code mode} resolves to for the prompt, after checking that the prompt fits the embedding. */
	private static MaskMode check(Embedding embedding, Prompt prompt, MaskMode mode) {
		prompt.checkInside(embedding.imageWidth(), embedding.imageHeight());
		if (embedding.window() != null && prompt.hasMaskInput())
			throw new SamException("A mask to refine belongs to the whole image, not to a window of it: segment the whole "
				+ "image (crop 0) to refine.");
		return mode.resolve(prompt);
	}

	/** The prompt in the coordinates of the embedding's window. */
	private static Prompt local(Embedding embedding, Prompt prompt) {
		Crop window = embedding.window();
		return window == null ? prompt : prompt.shifted(-window.x, -window.y);
	}

	/**
	 * The ranked prediction of one decoder output: the family's single-mask token
	 * ({@link ModelFamily#singleMaskToken}), else tokens 1..3, upscaled on {@code executor}.
	 */
	private static Prediction masks(ModelFamily family, SamModel.DecoderOutput out, Prompt prompt, MaskMode used,
		Ranking ranking, MaskUpscaler upscaler, Crop window, boolean compact, Executor executor)
	{
		int plane = Prompt.LOW_RES * Prompt.LOW_RES;
		int[] tokens = used == MaskMode.SINGLE ? new int[] { family.singleMaskToken(out.lowResMasks, out.iou) }
			: new int[] { 1, 2, 3 };
		Mask[] masks = new Mask[tokens.length];
		Parallel.forEach(executor, tokens.length, i -> {
			int token = tokens[i];
			float[] lowRes = Arrays.copyOfRange(out.lowResMasks, token * plane, (token + 1) * plane);
			masks[i] = compact ? upscaler.upscaleCompact(lowRes, token, out.iou[token], window)
				: upscaler.upscale(lowRes, token, out.iou[token], window);
		});
		return Prediction.ranked(prompt, used, Arrays.asList(masks), ranking);
	}

	/** The upscaler of the last geometry, reused: prompts come in series on one image. */
	private MaskUpscaler upscaler(int w, int h, Framing framing) {
		MaskUpscaler u = lastUpscaler;
		if (u == null || !u.fits(w, h, framing)) lastUpscaler = u = new MaskUpscaler(w, h, framing);
		return u;
	}

	/** The prompt in the model's 1024 frame: each axis scaled by the rounded resized size, as SAM's ResizeLongestSide does. */
	private DecoderInput decoderInput(Embedding embedding, Prompt prompt) {
		int[] resized = embedding.framing().resizedSize(embedding.width(), embedding.height());
		double sx = (double) resized[0] / embedding.width(), sy = (double) resized[1] / embedding.height();
		DecoderInput.Builder b = DecoderInput.builder(model.family(), embedding.width(), embedding.height());
		for (Prompt.Point p : prompt.points()) b.point(p.x * sx, p.y * sy, p.foreground);
		Prompt.Box box = prompt.box();
		if (box != null) b.box(box.x0 * sx, box.y0 * sy, box.x1 * sx, box.y1 * sy);
		if (prompt.hasMaskInput()) b.maskInput(prompt.maskInput(embedding.framing(), embedding.width(), embedding.height()));
		return b.build();
	}
}
