package io.github.samij.core;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import io.github.samij.core.model.SamModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

	private static final FloatBuffer NO_MASK = direct(new float[Prompt.LOW_RES * Prompt.LOW_RES]);

	private final SamModel model;
	private final EmbeddingCache cache;

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

	/** Encodes the image, or returns its cached embedding when its key was seen before. */
	public Embedding encode(SamImage image) {
		return cache.get(image.key(), () -> {
			FloatBuffer input;
			long[] shape;
			if (model.preprocessingInGraph()) {
				int[] size = Preprocessor.resizedSize(image.width(), image.height());
				input = Preprocessor.resizedInterleaved(image);
				shape = new long[] { size[1], size[0], 3 };
			}
			else {
				input = Preprocessor.normalisedCanvas(image);
				shape = new long[] { 1, 3, Preprocessor.SIDE, Preprocessor.SIDE };
			}
			return new Embedding(model.encode(input, shape), image.width(), image.height(), image.key());
		});
	}

	/** Encodes (or reuses) and decodes in one call. */
	public Prediction segment(SamImage image, Prompt prompt, MaskMode mode) {
		prompt.checkInside(image.width(), image.height());
		return decode(encode(image), prompt, mode);
	}

	/**
	 * Runs the decoder for one prompt.
	 *
	 * @throws SamException when the prompt lies outside the image or is empty
	 */
	public Prediction decode(Embedding embedding, Prompt prompt, MaskMode mode) {
		int w = embedding.width(), h = embedding.height();
		prompt.checkInside(w, h);
		MaskMode used = mode.resolve(prompt);
		SamModel.DecoderOutput out = runDecoder(embedding, prompt);
		MaskUpscaler upscaler = new MaskUpscaler(w, h, embedding.resizedWidth(), embedding.resizedHeight());
		int plane = Prompt.LOW_RES * Prompt.LOW_RES;
		int[] tokens = used == MaskMode.SINGLE ? new int[] { 0 } : new int[] { 1, 2, 3 };
		List<Mask> masks = new ArrayList<>(tokens.length);
		for (int token : tokens) {
			float[] lowRes = new float[plane];
			System.arraycopy(out.lowResMasks, token * plane, lowRes, 0, plane);
			masks.add(upscaler.upscale(lowRes, token, out.iou[token], 0, Scale.SINGLE));
		}
		return new Prediction(prompt, used, rankAndName(masks, used));
	}

	/** Ranks by predicted IoU (ties: lower token first) and, in multi mode, names scales by area. */
	private static List<Mask> rankAndName(List<Mask> masks, MaskMode mode) {
		List<Mask> byArea = new ArrayList<>(masks);
		byArea.sort(Comparator.comparingLong(Mask::area).thenComparingInt(Mask::token));
		List<Mask> byIou = new ArrayList<>(masks);
		byIou.sort(Comparator.comparingDouble((Mask m) -> -m.iou()).thenComparingInt(Mask::token));
		List<Mask> ranked = new ArrayList<>(masks.size());
		for (int r = 0; r < byIou.size(); r++) {
			Mask m = byIou.get(r);
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
