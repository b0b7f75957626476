package io.github.samij.core;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import io.github.samij.core.model.SamModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The SAM pipeline, the one façade every entry point (ImageJ commands, macros, command line, tests)
 * uses: {@link #encode} an image once (cached), {@link #decode} each prompt on it.
 * <p>
 * Masks and modes: the decoder computes four masks; {@link MaskMode#MULTI} returns tokens 1..3
 * ranked by predicted IoU and named subpart / part / whole by area, {@link MaskMode#SINGLE} returns
 * token 0, {@link MaskMode#AUTO} picks MULTI for one click alone and SINGLE otherwise.
 * <p>
 * Thread-safe: any number of threads may encode and decode at once. The model is owned by the
 * caller, who closes it after the segmenter's last use.
 */
public final class Segmenter {

	/** Default cache bound: 64 embeddings (256 MiB). */
	public static final long DEFAULT_CACHE_BYTES = 64L * Embedding.FLOATS * Float.BYTES;

	/** Above this many pixels the masks of one prompt are upscaled in parallel (below, it does not pay). */
	private static final long PARALLEL_UPSCALE_PIXELS = 512 * 512;

	private static final FloatBuffer NO_MASK = direct(new float[Prompt.LOW_RES * Prompt.LOW_RES]);

	/** Encoder input canvases kept for reuse: two, enough for {@link #encodeAll}'s overlap (24 MiB). */
	private static final int POOLED_CANVASES = 2;

	private final SamModel model;
	private final EmbeddingCache cache;
	private final ConcurrentLinkedQueue<FloatBuffer> canvases = new ConcurrentLinkedQueue<>();
	private volatile MaskUpscaler lastUpscaler;

	public Segmenter(SamModel model, long cacheBytes) {
		this.model = model;
		this.cache = new EmbeddingCache(cacheBytes);
	}

	public SamModel model() {
		return model;
	}

	public EmbeddingCache cache() {
		return cache;
	}

	/**
	 * Encodes the image, or returns its cached embedding when its key was seen before. The CPUs are
	 * idle until the encoder starts, so the output buffer is allocated and the colour channels are
	 * resized side by side on the common fork-join pool.
	 */
	public Embedding encode(SamImage image) {
		return cache.get(image.key(), () -> {
			CompletableFuture<FloatBuffer> output = CompletableFuture.supplyAsync(SamModel::newEmbeddingBuffer);
			Preprocessed p = preprocess(image, true);
			FloatBuffer buffer;
			try {
				buffer = output.join();
			}
			catch (CompletionException e) {
				if (e.getCause() instanceof Error) throw (Error) e.getCause(); // out of (direct) memory
				throw e;
			}
			return run(image, p, buffer);
		});
	}

	/**
	 * Encodes (or reuses) the images in order and hands each embedding to {@code each} as soon as
	 * it is ready, in order, so that a stack costs about one encoder run per slice. When the encoder
	 * leaves CPUs idle (fewer intra-op threads than CPUs, or ONNX Runtime's own choice), image i + 1
	 * is preprocessed on a helper thread while the encoder runs on image i; when the encoder uses
	 * every CPU, a helper would only slow it down, and each image is preprocessed on all CPUs just
	 * before its run instead (docs/benchmarks.md measures both). Cached images are not
	 * preprocessed. Embeddings are not held beyond the cache, so a long stack needs no more memory
	 * than a short one. Stops at the first failure, which it throws; {@code each} runs on the
	 * calling thread.
	 */
	public void encodeAll(List<SamImage> images, Consumer<Embedding> each) {
		int threads = model.settings().intraOpThreads();
		encodeAll(images, each, threads == 0 || threads < Runtime.getRuntime().availableProcessors());
	}

	/**
	 * {@link #encodeAll(List, Consumer)} with the strategy forced: {@code overlap} preprocesses the
	 * next image on a helper thread during each encoder run, otherwise each image is encoded as by
	 * {@link #encode}. For benchmarks; {@code encodeAll(images, each)} chooses.
	 */
	public void encodeAll(List<SamImage> images, Consumer<Embedding> each, boolean overlap) {
		if (images.isEmpty()) return;
		if (!overlap) {
			for (SamImage image : images) each.accept(encode(image));
			return;
		}
		ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "sam-ij-preprocess");
			t.setDaemon(true);
			return t;
		});
		try {
			Future<Preprocessed> next = prefetch(helper, images.get(0));
			for (int i = 0; i < images.size(); i++) {
				SamImage image = images.get(i);
				Future<Preprocessed> current = next;
				next = i + 1 < images.size() ? prefetch(helper, images.get(i + 1)) : null;
				each.accept(cache.get(image.key(), () -> {
					Preprocessed p = current != null ? await(current) : prefetched(image);
					return run(image, p, p.output);
				}));
			}
		}
		finally {
			helper.shutdownNow();
		}
	}

	private Future<Preprocessed> prefetch(ExecutorService helper, SamImage image) {
		if (image.key() != null && cache.contains(image.key())) return null;
		return helper.submit(() -> prefetched(image));
	}

	/** Preprocessed on the helper thread, with the output buffer allocated there too. */
	private Preprocessed prefetched(SamImage image) {
		Preprocessed p = preprocess(image, false);
		return new Preprocessed(p.input, p.shape, p.pooled, SamModel.newEmbeddingBuffer());
	}

	private static Preprocessed await(Future<Preprocessed> future) {
		try {
			return future.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			throw new SamException("Preprocessing failed: " + e.getCause(), e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("Interrupted while preprocessing the next image.", e);
		}
	}

	/**
	 * The encoder input of one image; {@code pooled} when the buffer goes back to the pool after the
	 * run; {@code output} the embedding buffer when allocated ahead, else {@code null}.
	 */
	private static final class Preprocessed {
		final FloatBuffer input;
		final long[] shape;
		final boolean pooled;
		final FloatBuffer output;

		Preprocessed(FloatBuffer input, long[] shape, boolean pooled, FloatBuffer output) {
			this.input = input;
			this.shape = shape;
			this.pooled = pooled;
			this.output = output;
		}
	}

	private Preprocessed preprocess(SamImage image, boolean parallel) {
		if (model.preprocessingInGraph()) {
			int[] size = Preprocessor.resizedSize(image.width(), image.height());
			return new Preprocessed(Preprocessor.resizedInterleaved(image), new long[] { size[1], size[0], 3 }, false, null);
		}
		// A reused canvas saves allocating, zeroing and page-faulting 12 MiB of native memory per image.
		FloatBuffer canvas = Preprocessor.normalisedCanvas(image, canvases.poll(), parallel);
		return new Preprocessed(canvas, new long[] { 1, 3, Preprocessor.SIDE, Preprocessor.SIDE }, true, null);
	}

	private Embedding run(SamImage image, Preprocessed p, FloatBuffer output) {
		try {
			return new Embedding(model.encode(p.input, p.shape, output), image.width(), image.height(), image.key());
		}
		finally {
			// The encoder has finished reading the canvas.
			if (p.pooled && canvases.size() < POOLED_CANVASES) canvases.offer(p.input);
		}
	}

	/** Encodes (or reuses) and decodes in one call. */
	public Prediction segment(SamImage image, Prompt prompt, MaskMode mode) {
		return segment(image, prompt, mode, Ranking.PREDICTED_IOU);
	}

	/** {@link #segment(SamImage, Prompt, MaskMode)} with the masks in the order of {@code ranking}. */
	public Prediction segment(SamImage image, Prompt prompt, MaskMode mode, Ranking ranking) {
		prompt.checkInside(image.width(), image.height());
		return decode(encode(image), prompt, mode, ranking);
	}

	/**
	 * {@link #segment(SamImage, Prompt, MaskMode, Ranking)} on a window of {@code crop} pixels around
	 * the prompt ({@link Crop#around}), for small objects in large images; the masks come back at
	 * the whole image's size. {@code crop} 0, a window as large as the image, or a prompt with a mask
	 * to refine (whose logits belong to the embedding it came from) segment the whole image.
	 */
	public Prediction segment(SamImage image, Prompt prompt, MaskMode mode, Ranking ranking, int crop) {
		prompt.checkInside(image.width(), image.height());
		Crop c = Crop.around(prompt, crop, image.width(), image.height());
		if (c == null) return segment(image, prompt, mode, ranking);
		return decode(encode(image.crop(c.x, c.y, c.width, c.height)), c, prompt, mode, ranking);
	}

	/**
	 * Decodes {@code prompt}, given in the whole image's coordinates, on the embedding of
	 * {@code window} (a {@link Crop} of that image); the masks come back at the whole image's size,
	 * without low-res logits (see {@link Mask#lowResLogits}).
	 */
	public Prediction decode(Embedding window, Crop crop, Prompt prompt, MaskMode mode, Ranking ranking) {
		prompt.checkInside(crop.imageWidth, crop.imageHeight);
		return decode(window, prompt.shifted(-crop.x, -crop.y), mode, ranking).uncropped(crop, prompt);
	}

	/**
	 * Runs the decoder for one prompt; masks ranked by predicted IoU.
	 *
	 * @throws SamException when the prompt lies outside the image or is empty
	 */
	public Prediction decode(Embedding embedding, Prompt prompt, MaskMode mode) {
		return decode(embedding, prompt, mode, Ranking.PREDICTED_IOU);
	}

	/** {@link #decode(Embedding, Prompt, MaskMode)} with the masks in the order of {@code ranking}. */
	public Prediction decode(Embedding embedding, Prompt prompt, MaskMode mode, Ranking ranking) {
		int w = embedding.width(), h = embedding.height();
		prompt.checkInside(w, h);
		MaskMode used = mode.resolve(prompt);
		SamModel.DecoderOutput out = runDecoder(embedding, prompt);
		MaskUpscaler upscaler = upscaler(w, h, embedding.resizedWidth(), embedding.resizedHeight());
		int plane = Prompt.LOW_RES * Prompt.LOW_RES;
		int[] tokens = used == MaskMode.SINGLE ? new int[] { 0 } : new int[] { 1, 2, 3 };
		Mask[] masks = new Mask[tokens.length];
		IntStream each = IntStream.range(0, tokens.length);
		// Large images: the three masks side by side (the decoder's threads are idle now).
		if ((long) w * h > PARALLEL_UPSCALE_PIXELS) each = each.parallel();
		each.forEach(i -> {
			int token = tokens[i];
			float[] lowRes = Arrays.copyOfRange(out.lowResMasks, token * plane, (token + 1) * plane);
			masks[i] = upscaler.upscale(lowRes, token, out.iou[token], 0, Scale.SINGLE);
		});
		return new Prediction(prompt, used, rankAndName(Arrays.asList(masks), used, ranking));
	}

	/** The upscaler of the last geometry, reused: prompts come in series on one image. */
	private MaskUpscaler upscaler(int w, int h, int resizedWidth, int resizedHeight) {
		MaskUpscaler u = lastUpscaler;
		if (u == null || !u.fits(w, h, resizedWidth, resizedHeight)) lastUpscaler = u = new MaskUpscaler(w, h, resizedWidth,
			resizedHeight);
		return u;
	}

	/** Ranks (by predicted IoU unless {@code ranking} says otherwise) and, in multi mode, names scales by area. */
	private static List<Mask> rankAndName(List<Mask> masks, MaskMode mode, Ranking ranking) {
		List<Mask> byArea = new ArrayList<>(masks);
		byArea.sort(Comparator.comparingLong(Mask::area).thenComparingInt(Mask::token));
		List<Mask> ordered = ranking.order(masks);
		List<Mask> ranked = new ArrayList<>(masks.size());
		for (int r = 0; r < ordered.size(); r++) {
			Mask m = ordered.get(r);
			Scale scale = mode == MaskMode.SINGLE ? Scale.SINGLE : Scale.values()[byArea.indexOf(m)];
			ranked.add(new Mask(m.token(), r + 1, scale, m.iou(), m.stability(), m.area(), m.bbox(), m.width(),
				m.height(), m.pixels(), m.lowResLogits()));
		}
		return ranked;
	}

	private SamModel.DecoderOutput runDecoder(Embedding embedding, Prompt prompt) {
		// Prompt coordinates go to SAM's 1024 frame per axis, with the rounded resized size.
		double sx = (double) embedding.resizedWidth() / embedding.width();
		double sy = (double) embedding.resizedHeight() / embedding.height();
		List<Prompt.Point> points = prompt.points();
		Prompt.Box box = prompt.box();
		int n = points.size() + (box != null ? 2 : 1);
		float[] coords = new float[2 * n];
		float[] labels = new float[n];
		int i = 0;
		for (Prompt.Point p : points) {
			coords[2 * i] = (float) (p.x * sx);
			coords[2 * i + 1] = (float) (p.y * sy);
			labels[i++] = p.foreground ? 1 : 0;
		}
		if (box != null) {
			coords[2 * i] = (float) (box.x0 * sx);
			coords[2 * i + 1] = (float) (box.y0 * sy);
			labels[i++] = 2;
			coords[2 * i] = (float) (box.x1 * sx);
			coords[2 * i + 1] = (float) (box.y1 * sy);
			labels[i] = 3;
		}
		else {
			labels[i] = -1; // the padding point (0, 0) the export expects when there is no box
		}
		OrtEnvironment env = SamModel.environment();
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put("image_embeddings", OnnxTensor.createTensor(env, embedding.data(), new long[] { 1, 256, 64, 64 }));
			inputs.put("point_coords", OnnxTensor.createTensor(env, FloatBuffer.wrap(coords), new long[] { 1, n, 2 }));
			inputs.put("point_labels", OnnxTensor.createTensor(env, FloatBuffer.wrap(labels), new long[] { 1, n }));
			inputs.put("mask_input", OnnxTensor.createTensor(env,
				prompt.hasMaskInput() ? direct(prompt.maskInput()) : NO_MASK.duplicate(),
				new long[] { 1, 1, Prompt.LOW_RES, Prompt.LOW_RES }));
			inputs.put("has_mask_input", OnnxTensor.createTensor(env,
				FloatBuffer.wrap(new float[] { prompt.hasMaskInput() ? 1 : 0 }), new long[] { 1 }));
			inputs.put("orig_im_size", OnnxTensor.createTensor(env,
				FloatBuffer.wrap(new float[] { embedding.height(), embedding.width() }), new long[] { 2 }));
			return model.decode(inputs);
		}
		catch (OrtException e) {
			throw new SamException("Could not prepare the SAM decoder inputs: " + e.getMessage(), e);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private static FloatBuffer direct(float[] values) {
		FloatBuffer b = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
		b.put(values).rewind();
		return b;
	}
}
