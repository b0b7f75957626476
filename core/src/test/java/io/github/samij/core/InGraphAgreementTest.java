package io.github.samij.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The single-mask export selects and upscales a mask inside its graph. The pipeline instead takes
 * all four low-res masks and upscales outside. For one click (plus the padding point) the export's
 * rule picks the best of tokens 1..3 — the pipeline's rank-1 multi-mask. Both must agree: this
 * checks preprocessing geometry, the coordinate transform and the upscaling at once.
 */
class InGraphAgreementTest {

	@ParameterizedTest
	@CsvSource({ "sample-data/ihc.png, 300, 350", "sample-data/ihc.png, 100, 120", "sample-data/cell.png, 275, 330",
		"sample-data/coins.png, 160, 110", "sample-data/dsb2018-dev/dsb000.png, 120, 90",
		"sample-data/dsb2018-dev/dsb007.png, 200, 150" })
	void pipelineMatchesTheDecodersOwnMask(String file, double x, double y) throws Exception {
		Segmenter s = SharedSegmenter.get();
		SamImage image = TestImages.load(file);
		Embedding e = s.encode(image);
		Prediction p = s.decode(e, Prompt.point(x, y), MaskMode.MULTI);

		byte[] own = decoderOwnMask(e, x, y);
		double iou = TestImages.iou(p.best().pixels(), own);
		System.out.printf("%s (%s, %s): pipeline rank 1 %s vs in-graph mask IoU %.4f%n", file, x, y, p.best(), iou);
		assertTrue(iou >= 0.99, "pixel IoU with the decoder's own mask: " + iou);
	}

	/** The original single-mask export's {@code masks} output (> 0), run independently of the pipeline. */
	private static byte[] decoderOwnMask(Embedding e, double x, double y) throws Exception {
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		byte[] model = Files.readAllBytes(TestModel.directory().resolve("sam.onnx"));
		// SAM's ResizeLongestSide: scale each axis by the rounded resized size over the original.
		double longest = Math.max(e.width(), e.height());
		double newW = (int) (e.width() * 1024 / longest + 0.5), newH = (int) (e.height() * 1024 / longest + 0.5);
		float[] coords = { (float) (x * newW / e.width()), (float) (y * newH / e.height()), 0, 0 };
		try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
			Map<String, OnnxTensor> in = new HashMap<>();
			in.put("image_embeddings", OnnxTensor.createTensor(env, e.features()[0], new long[] { 1, 256, 64, 64 }));
			in.put("point_coords", OnnxTensor.createTensor(env, FloatBuffer.wrap(coords), new long[] { 1, 2, 2 }));
			in.put("point_labels", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] { 1, -1 }), new long[] { 1, 2 }));
			in.put("mask_input", OnnxTensor.createTensor(env, FloatBuffer.allocate(256 * 256), new long[] { 1, 1, 256, 256 }));
			in.put("has_mask_input", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] { 0 }), new long[] { 1 }));
			in.put("orig_im_size", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] { e.height(), e.width() }),
				new long[] { 2 }));
			try (OrtSession.Result r = session.run(in)) {
				OnnxTensor masks = (OnnxTensor) r.get("masks").get();
				assertEquals(e.height(), masks.getInfo().getShape()[2]);
				assertEquals(e.width(), masks.getInfo().getShape()[3]);
				FloatBuffer logits = masks.getFloatBuffer();
				byte[] mask = new byte[logits.remaining()];
				for (int i = 0; i < mask.length; i++)
					mask[i] = (byte) (logits.get(i) > 0 ? 255 : 0);
				return mask;
			}
			finally {
				in.values().forEach(OnnxTensor::close);
			}
		}
	}
}
