package io.github.samij.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The floor of a command-line run, as its own process: a bare Java main that creates the encoder
 * and decoder sessions straight from the model files (two threads each, all optimisations, no
 * spinning, as SAM-IJ's defaults) and runs one encode of a blank 1024 × 1024 input and one
 * single-point decode. No checks, no preprocessing, no output: what any Java program running this
 * model must pay. Arguments: the encoder file, the decoder file.
 */
public final class BareSessions {

	private BareSessions() { }

	public static void main(String[] args) throws OrtException {
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			options.setIntraOpNumThreads(2);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			try (OrtSession encoder = env.createSession(args[0], options);
				OrtSession decoder = env.createSession(args[1], options))
			{
				Map.Entry<String, NodeInfo> in = encoder.getInputInfo().entrySet().iterator().next();
				long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
				for (int i = 0; i < shape.length; i++) shape[i] = Math.max(1, shape[i]);
				try (OnnxTensor image = OnnxTensor.createTensor(env, FloatBuffer.allocate(size(shape)), shape);
					OrtSession.Result embedded = encoder.run(Map.of(in.getKey(), image)))
				{
					Map<String, OnnxTensor> prompt = new HashMap<>();
					prompt.put("image_embeddings", (OnnxTensor) embedded.get(0));
					prompt.put("point_coords", tensor(env, new float[] { 512, 512, 0, 0 }, 1, 2, 2));
					prompt.put("point_labels", tensor(env, new float[] { 1, -1 }, 1, 2));
					prompt.put("mask_input", tensor(env, new float[256 * 256], 1, 1, 256, 256));
					prompt.put("has_mask_input", tensor(env, new float[] { 0 }, 1));
					prompt.put("orig_im_size", tensor(env, new float[] { 1024, 1024 }, 2));
					try (OrtSession.Result masks = decoder.run(prompt)) {
						System.out.println("bare sessions: " + masks.size() + " decoder outputs");
					}
				}
			}
		}
	}

	private static OnnxTensor tensor(OrtEnvironment env, float[] values, long... shape) throws OrtException {
		return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
	}

	private static int size(long[] shape) {
		long n = 1;
		for (long d : shape) n *= d;
		return (int) n;
	}
}
