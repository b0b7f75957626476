package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import io.github.samij.core.SamException;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecoderGraphTest {

	/** The names the tensors have in the default sam.onnx, known from inspecting it. */
	private static final String MASKS = "/Reshape_9_output_0";
	private static final String IOUS = "/iou_prediction_head/layers.2/Gemm_output_0";

	private static final int MASK_PIXELS = 256 * 256;
	/** A click at (300, 350) in a 512×512 image, in the 1024 frame. */
	private static final float[] CLICK = { 600, 700 };
	private static final float[] SECOND_CLICK = { 640, 660 };

	private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
	private static byte[] singleMask;
	private static DecoderGraph exposed;
	private static OrtSession session;
	private static float[] embedding;

	@BeforeAll
	static void load() throws IOException, OrtException {
		Path dir = TestModel.directory();
		singleMask = Files.readAllBytes(dir.resolve("sam.onnx"));
		exposed = DecoderGraph.expose(singleMask, "sam.onnx");
		session = ENV.createSession(exposed.bytes(), new OrtSession.SessionOptions());
		embedding = embed(dir.resolve("encoder.onnx"));
	}

	@AfterAll
	static void close() throws OrtException {
		if (session != null) session.close();
	}

	@Test
	void findsTheFourTokenTensorsOfTheDefaultDecoder() throws OrtException {
		assertEquals(MASKS, exposed.lowResMasks());
		assertEquals(IOUS, exposed.iouPredictions());
		assertTrue(exposed.rewritten());
		assertNotEquals(singleMask.length, exposed.bytes().length);

		Map<String, NodeInfo> outputs = session.getOutputInfo();
		assertArrayEquals(new long[] { 1, 4, 256, 256 }, shape(outputs.get(MASKS)));
		assertArrayEquals(new long[] { 1, 4 }, shape(outputs.get(IOUS)));
		assertTrue(outputs.keySet().containsAll(Set.of("masks", "iou_predictions", "low_res_masks")), outputs.keySet().toString());
	}

	@Test
	void exposingAgainChangesNothing() {
		DecoderGraph again = DecoderGraph.expose(exposed.bytes(), "exposed.onnx");
		assertFalse(again.rewritten());
		assertSame(exposed.bytes(), again.bytes());
		assertEquals(MASKS, again.lowResMasks());
		assertEquals(IOUS, again.iouPredictions());
	}

	/** One click + pad is 2 points: score[0] = iou[0] - 500, so the best of tokens 1..3. */
	@Test
	void oneClickSelectsTheBestAmbiguityMaskAsTheExportDoes() throws OrtException {
		int chosen = checkSelection(run(session, null, CLICK), 2);
		assertNotEquals(0, chosen);
	}

	/** Two clicks + pad are 3 points: score[0] = iou[0] + 500, so token 0. */
	@Test
	void twoClicksSelectTheSingleMaskTokenAsTheExportDoes() throws OrtException {
		assertEquals(0, checkSelection(run(session, null, CLICK, SECOND_CLICK), 3));
	}

	@Test
	void requestingOnlyTheExposedOutputsReturnsThemUnderTheirNames() throws OrtException {
		Map<String, Tensor> all = run(session, null, CLICK);
		Map<String, Tensor> two = run(session, Set.of(MASKS, IOUS), CLICK);
		assertEquals(Set.of(MASKS, IOUS), two.keySet());
		assertArrayEquals(new long[] { 1, 4, 256, 256 }, two.get(MASKS).shape);
		assertArrayEquals(new long[] { 1, 4 }, two.get(IOUS).shape);
		assertArrayEquals(all.get(MASKS).data, two.get(MASKS).data);
		assertArrayEquals(all.get(IOUS).data, two.get(IOUS).data);
	}

	@Test
	void multiMaskExportIsTakenAsItIsAndAgreesWithTheExposedSingleMaskOne() throws OrtException {
		byte[] multiMask = OnnxModels.multiMaskExportOf(singleMask);
		DecoderGraph graph = DecoderGraph.expose(multiMask, "multi.onnx");
		assertFalse(graph.rewritten());
		assertSame(multiMask, graph.bytes());
		assertEquals("low_res_masks", graph.lowResMasks());
		assertEquals("iou_predictions", graph.iouPredictions());

		try (OrtSession multi = ENV.createSession(graph.bytes(), new OrtSession.SessionOptions())) {
			for (float[][] clicks : new float[][][] { { CLICK }, { CLICK, SECOND_CLICK } }) {
				Map<String, Tensor> expected = run(session, null, clicks);
				Map<String, Tensor> actual = run(multi, null, clicks);
				assertArrayEquals(new long[] { 1, 4, 256, 256 }, actual.get("low_res_masks").shape);
				assertArrayEquals(new long[] { 1, 4 }, actual.get("iou_predictions").shape);
				assertArrayEquals(new long[] { 1, 4, 512, 512 }, actual.get("masks").shape);
				assertArrayEquals(expected.get(MASKS).data, actual.get("low_res_masks").data);
				assertArrayEquals(expected.get(IOUS).data, actual.get("iou_predictions").data);
			}
		}
	}

	@Test
	void onnxModelsWithSignatureLoadsAndRunsWithThatSignature() throws OrtException {
		Map<String, long[]> inputs = new LinkedHashMap<>();
		inputs.put("image_embed", new long[] { 1, 256, 64, 64 });
		inputs.put("high_res_feats_0", new long[] { 1, 32, 256, 256 });
		inputs.put("point_coords", new long[] { 1, -1, 2 });
		Map<String, long[]> outputs = new LinkedHashMap<>();
		outputs.put("masks", new long[] { -1, 3, 256, 256 });
		outputs.put("iou_predictions", new long[] { -1, 3 });
		try (OrtSession s = ENV.createSession(OnnxModels.withSignature(inputs, outputs), new OrtSession.SessionOptions())) {
			assertEquals(inputs.keySet().toString(), s.getInputInfo().keySet().toString());
			assertEquals(outputs.keySet().toString(), s.getOutputInfo().keySet().toString());
			for (String name : inputs.keySet()) assertArrayEquals(inputs.get(name), shape(s.getInputInfo().get(name)), name);
			for (String name : outputs.keySet()) assertArrayEquals(outputs.get(name), shape(s.getOutputInfo().get(name)), name);

			Map<String, OnnxTensor> feeds = new HashMap<>();
			try {
				feeds.put("image_embed", tensor(new float[256 * 64 * 64], 1, 256, 64, 64));
				feeds.put("high_res_feats_0", tensor(new float[32 * MASK_PIXELS], 1, 32, 256, 256));
				feeds.put("point_coords", tensor(new float[4], 1, 2, 2));
				try (OrtSession.Result result = s.run(feeds)) {
					assertArrayEquals(new long[] { 1, 3, 256, 256 }, ((OnnxTensor) result.get("masks").get()).getInfo().getShape());
					assertArrayEquals(new long[] { 1, 3 }, ((OnnxTensor) result.get("iou_predictions").get()).getInfo().getShape());
				}
			}
			finally {
				OnnxValue.close(feeds);
			}
		}
	}

	@Test
	void singleMaskOutputsWithoutTheSelectionAreRejected() {
		Map<String, long[]> outputs = new LinkedHashMap<>();
		outputs.put("masks", new long[] { -1, 1, -1, -1 });
		outputs.put("iou_predictions", new long[] { -1, 1 });
		outputs.put("low_res_masks", new long[] { -1, 1, 256, 256 });
		String message = rejection(OnnxModels.withSignature(officialInputs(), outputs), "fake.onnx");
		assertTrue(message.startsWith("fake.onnx is not a SAM decoder this plugin can use"), message);
		assertTrue(message.contains("mask-selection pattern"), message);
		assertTrue(message.contains("low_res_masks [?, 1, 256, 256]"), message);
		assertTrue(message.contains("no ArgMax"), message);
		assertTrue(message.contains("samexporter"), message);
	}

	@Test
	void threeMaskOutputsAreRejected() {
		Map<String, long[]> outputs = new LinkedHashMap<>();
		outputs.put("low_res_masks", new long[] { 1, 3, 256, 256 });
		outputs.put("iou_predictions", new long[] { 1, 3 });
		String message = rejection(OnnxModels.withSignature(officialInputs(), outputs), "sam2.onnx");
		assertTrue(message.contains("outputs low_res_masks [1, 3, 256, 256], iou_predictions [1, 3]"), message);
	}

	@Test
	void theRealDecoderWithoutItsArgMaxIsRejectedNamingItsOutputs() {
		String message = rejection(OnnxModels.withoutSelectionPattern(singleMask), "sam.onnx");
		assertTrue(message.contains("outputs masks [?, ?, ?, ?], iou_predictions [?, 1], low_res_masks [?, 1, ?, ?] and no ArgMax"), message);
	}

	@Test
	void garbageAndTruncatedModelsAreNotValidOnnx() {
		byte[] random = new byte[4096];
		new Random(42).nextBytes(random);
		assertTrue(rejection(random, "random.onnx").startsWith("random.onnx is not a valid ONNX model"));
		byte[] truncated = Arrays.copyOf(singleMask, singleMask.length / 2);
		assertTrue(rejection(truncated, "half.onnx").startsWith("half.onnx is not a valid ONNX model"));
		assertTrue(rejection(new byte[0], "empty.onnx").startsWith("empty.onnx is not a valid ONNX model"));
	}

	/**
	 * Checks the export's own single output against its rule applied to the four exposed ones;
	 * returns the chosen token. {@code points} counts the padding point.
	 */
	private static int checkSelection(Map<String, Tensor> out, int points) {
		float[] ious = out.get(IOUS).data;
		float[] masks = out.get(MASKS).data;
		// Distinct IoUs, so that equal values identify the token.
		for (int a = 0; a < 4; a++) for (int b = a + 1; b < 4; b++) assertNotEquals(ious[a], ious[b], Arrays.toString(ious));
		int best = 0;
		for (int t = 1; t < 4; t++) if (score(ious, t, points) > score(ious, best, points)) best = t;

		assertArrayEquals(new long[] { 1, 1 }, out.get("iou_predictions").shape);
		assertArrayEquals(new long[] { 1, 1, 256, 256 }, out.get("low_res_masks").shape);
		assertEquals(ious[best], out.get("iou_predictions").data[0]);
		float[] chosen = Arrays.copyOfRange(masks, best * MASK_PIXELS, (best + 1) * MASK_PIXELS);
		assertArrayEquals(chosen, out.get("low_res_masks").data);
		for (int t = 0; t < 4; t++) {
			if (t != best) assertFalse(Arrays.equals(chosen, Arrays.copyOfRange(masks, t * MASK_PIXELS, (t + 1) * MASK_PIXELS)), "token " + t + " equals the chosen one");
		}
		return best;
	}

	/** The export's {@code iou + (num_points - 2.5) * [1000, 0, 0, 0]}, in float as in the graph. */
	private static float score(float[] ious, int token, int points) {
		return ious[token] + (token == 0 ? (points - 2.5f) * 1000f : 0f);
	}

	private static String rejection(byte[] model, String fileName) {
		return assertThrows(SamException.class, () -> DecoderGraph.expose(model, fileName)).getMessage();
	}

	private static Map<String, long[]> officialInputs() {
		Map<String, long[]> inputs = new LinkedHashMap<>();
		inputs.put("image_embeddings", new long[] { 1, 256, 64, 64 });
		inputs.put("point_coords", new long[] { 1, -1, 2 });
		inputs.put("point_labels", new long[] { 1, -1 });
		inputs.put("mask_input", new long[] { 1, 1, 256, 256 });
		inputs.put("has_mask_input", new long[] { 1 });
		inputs.put("orig_im_size", new long[] { 2 });
		return inputs;
	}

	/** A copied output tensor. */
	private static final class Tensor {
		final long[] shape;
		final float[] data;

		Tensor(long[] shape, float[] data) {
			this.shape = shape;
			this.data = data;
		}
	}

	/**
	 * Runs the decoder on foreground clicks plus the padding point, requesting {@code outputs} (all
	 * if null); the copied outputs.
	 */
	private static Map<String, Tensor> run(OrtSession decoder, Set<String> outputs, float[]... clicks) throws OrtException {
		int n = clicks.length + 1;
		float[] coords = new float[2 * n];
		float[] labels = new float[n];
		for (int i = 0; i < clicks.length; i++) {
			coords[2 * i] = clicks[i][0];
			coords[2 * i + 1] = clicks[i][1];
			labels[i] = 1;
		}
		labels[n - 1] = -1; // the padding point (0, 0)
		Map<String, OnnxTensor> feeds = new HashMap<>();
		try {
			feeds.put("image_embeddings", tensor(embedding, 1, 256, 64, 64));
			feeds.put("point_coords", tensor(coords, 1, n, 2));
			feeds.put("point_labels", tensor(labels, 1, n));
			feeds.put("mask_input", tensor(new float[MASK_PIXELS], 1, 1, 256, 256));
			feeds.put("has_mask_input", tensor(new float[] { 0 }, 1));
			feeds.put("orig_im_size", tensor(new float[] { 512, 512 }, 2));
			Map<String, Tensor> copied = new HashMap<>();
			try (OrtSession.Result result = outputs == null ? decoder.run(feeds) : decoder.run(feeds, outputs)) {
				for (Map.Entry<String, OnnxValue> e : result) {
					OnnxTensor t = (OnnxTensor) e.getValue();
					FloatBuffer buffer = t.getFloatBuffer();
					float[] data = new float[buffer.remaining()];
					buffer.get(data);
					copied.put(e.getKey(), new Tensor(t.getInfo().getShape(), data));
				}
			}
			return copied;
		}
		finally {
			OnnxValue.close(feeds);
		}
	}

	/**
	 * A real embedding of a synthetic 1024×1024 image (a bright disc with a dark core on a dark
	 * background, around {@link #CLICK}), so that the four masks and IoUs differ meaningfully.
	 */
	private static float[] embed(Path encoderFile) throws OrtException {
		int size = 1024;
		float[] mean = { 123.675f, 116.28f, 103.53f };
		float[] std = { 58.395f, 57.12f, 57.375f };
		float[] image = new float[3 * size * size];
		Random noise = new Random(7);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double r = Math.hypot(x - CLICK[0], y - CLICK[1]);
				float[] rgb = r < 60 ? new float[] { 90, 40, 120 } : r < 180 ? new float[] { 220, 180, 150 } : new float[] { 40, 30, 60 };
				for (int c = 0; c < 3; c++) image[c * size * size + y * size + x] = (rgb[c] + 10 * (float) noise.nextGaussian() - mean[c]) / std[c];
			}
		}
		try (OrtSession encoder = ENV.createSession(encoderFile.toString(), new OrtSession.SessionOptions());
				OnnxTensor input = tensor(image, 1, 3, size, size);
				OrtSession.Result result = encoder.run(Map.of("input", input))) {
			FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
			float[] out = new float[buffer.remaining()];
			buffer.get(out);
			assertEquals(256 * 64 * 64, out.length);
			return out;
		}
	}

	private static OnnxTensor tensor(float[] data, long... shape) throws OrtException {
		return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data), shape);
	}

	private static long[] shape(NodeInfo info) {
		return ((TensorInfo) info.getInfo()).getShape();
	}
}
