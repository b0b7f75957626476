package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.image.Framing;
import io.github.samij.core.image.Preprocessor;
import io.github.samij.core.image.SamImage;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The SAM 2 decoder as SAM-IJ runs it (four tokens exposed by {@link DecoderGraph}, no padding
 * point, no image size) returns exactly what the unmodified export returns for tokens 1..3, and
 * token 0 besides.
 */
class Sam2DecoderTest {

	@Test
	void theExposedTokensAreTheExportsOwnPlusTheSingleMask() throws Exception {
		Path folder = ManagedModel.inCache(KnownModel.SAM2_HIERA_TINY).ensure(Progress.NONE);
		Path decoderFile = folder.resolve("decoder.onnx");
		DecoderGraph graph = DecoderGraph.expose(Files.readAllBytes(decoderFile), "decoder.onnx");
		assertTrue(graph.rewritten(), "tokens 0..3 are not outputs of the export");

		SamImage image = TestImages.load(TestImages.dsb("dsb000"));
		try (SamModel model = SamModel.load(folder)) {
			assertEquals(ModelFamily.SAM2, model.family());
			FloatBuffer canvas = Preprocessor.normalisedCanvas(image, Framing.STRETCHED, null, io.github.samij.core.Parallel.SEQUENTIAL);
			FloatBuffer[] features = model.encode(canvas, new long[] { 1, 3, 1024, 1024 }, model.newFeatureBuffers());
			float x = 100.5f * 1024 / image.width(), y = 60.5f * 1024 / image.height();
			SamModel.DecoderOutput ours = model.decode(features,
				DecoderInput.builder(ModelFamily.SAM2, image.width(), image.height()).point(x, y, true).build());

			Map<String, OnnxTensor> in = new HashMap<>();
			try (OrtSession raw = ModelLoader.ENV.createSession(decoderFile.toString(), new OrtSession.SessionOptions())) {
				for (int i = 0; i < features.length; i++) {
					ModelFamily.Feature f = ModelFamily.SAM2.features.get(i);
					in.put(f.name, OnnxTensor.createTensor(ModelLoader.ENV, features[i].duplicate().rewind(), f.shape));
				}
				in.put("point_coords", OnnxTensor.createTensor(ModelLoader.ENV, FloatBuffer.wrap(new float[] { x, y }),
					new long[] { 1, 1, 2 }));
				in.put("point_labels", OnnxTensor.createTensor(ModelLoader.ENV, FloatBuffer.wrap(new float[] { 1 }),
					new long[] { 1, 1 }));
				in.put("mask_input", OnnxTensor.createTensor(ModelLoader.ENV, FloatBuffer.allocate(256 * 256),
					new long[] { 1, 1, 256, 256 }));
				in.put("has_mask_input", OnnxTensor.createTensor(ModelLoader.ENV, FloatBuffer.wrap(new float[] { 0 }),
					new long[] { 1 }));
				try (OrtSession.Result r = raw.run(in)) {
					float[][][][] masks = (float[][][][]) r.get("masks").get().getValue();
					float[][] ious = (float[][]) r.get("iou_predictions").get().getValue();
					assertEquals(3, masks[0].length, "the export returns tokens 1..3");
					int plane = 256 * 256;
					double worst = 0;
					for (int t = 1; t <= 3; t++) {
						assertEquals(ious[0][t - 1], ours.iou[t], 1e-5, "IoU of token " + t);
						for (int i = 0; i < plane; i++) {
							float mine = Math.max(-32, Math.min(32, ours.lowResMasks[t * plane + i])); // the export clips to ±32
							worst = Math.max(worst, Math.abs(mine - masks[0][t - 1][i / 256][i % 256]));
						}
					}
					assertTrue(worst < 1e-3, "the same logits: largest difference " + worst);
					assertTrue(ours.iou[0] > 0 && ours.iou[0] <= 1, "token 0 has an IoU of its own: " + ours.iou[0]);
				}
			}
			finally {
				in.values().forEach(OnnxTensor::close);
			}
		}
	}

	/** A folder of the SAM 2 files without a descriptor: the family is inferred from the tensors. */
	@Test
	void aSam2FolderWithoutDescriptorIsInferred(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		Path cached = ManagedModel.inCache(KnownModel.SAM2_HIERA_TINY).ensure(Progress.NONE);
		for (String f : new String[] { "encoder.ort", "decoder.onnx" }) {
			try {
				Files.createLink(dir.resolve(f), cached.resolve(f));
			}
			catch (java.io.IOException | UnsupportedOperationException e) {
				Files.copy(cached.resolve(f), dir.resolve(f));
			}
		}
		try (SamModel model = SamModel.load(dir)) {
			assertEquals(ModelFamily.SAM2, model.family());
			assertEquals("No sam-model.json in " + dir + "; inferred a SAM 2 model: encoder encoder.ort (input 'image'), "
				+ "decoder decoder.onnx.", model.inferred());
		}
	}
}
