package io.github.samij.core.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input and output tensors of an ONNX session, by name and shape (−1 for a dynamic dimension),
 * with the checks and words needed to tell a user what a model file is. Immutable.
 */
final class Signature {

	final String file;
	final Map<String, long[]> inputs;
	final Map<String, long[]> outputs;

	private Signature(String file, Map<String, long[]> inputs, Map<String, long[]> outputs) {
		this.file = file;
		this.inputs = inputs;
		this.outputs = outputs;
	}

	static Signature of(String file, OrtSession session) throws OrtException {
		return new Signature(file, shapes(session.getInputInfo()), shapes(session.getOutputInfo()));
	}

	private static Map<String, long[]> shapes(Map<String, NodeInfo> infos) {
		Map<String, long[]> shapes = new LinkedHashMap<>();
		for (Map.Entry<String, NodeInfo> e : infos.entrySet())
			shapes.put(e.getKey(), e.getValue().getInfo() instanceof TensorInfo
				? ((TensorInfo) e.getValue().getInfo()).getShape() : new long[0]);
		return shapes;
	}

	/** {@code true} when {@code shape} has the expected rank and each expected dimension matches (−1 matches anything). */
	static boolean fits(long[] shape, long... expected) {
		if (shape == null || shape.length != expected.length) return false;
		for (int i = 0; i < shape.length; i++)
			if (expected[i] >= 0 && shape[i] >= 0 && shape[i] != expected[i]) return false;
		return true;
	}

	/** SAM 2 (samexporter): encoder with high-res features, or decoder taking them. */
	boolean looksLikeSam2() {
		return outputs.containsKey("high_res_feats_0") || inputs.containsKey("high_res_feats_0")
			|| inputs.containsKey("image_embed");
	}

	/** EfficientSAM: one model taking batched images and points. */
	boolean looksLikeEfficientSam() {
		return inputs.containsKey("batched_images") || inputs.containsKey("batched_point_coords");
	}

	/** A SAM 1 decoder (official export): takes the embedding and the prompt. */
	boolean looksLikeSam1Decoder() {
		return inputs.containsKey("image_embeddings") && inputs.containsKey("point_coords");
	}

	/** The single image input and single embedding output of a SAM 1 encoder, or {@code null}. */
	String[] sam1EncoderTensors() {
		if (inputs.size() != 1 || outputs.size() != 1) return null;
		String in = inputs.keySet().iterator().next(), out = outputs.keySet().iterator().next();
		if (!fits(outputs.get(out), -1, 256, 64, 64)) return null;
		boolean canvas = fits(inputs.get(in), -1, 3, 1024, 1024) || fits(inputs.get(in), 3, 1024, 1024);
		return canvas || preprocessesInGraph() ? new String[] { in, out } : null;
	}

	/** samexporter's {@code --use-preprocess} encoder: input [H, W, 3] RGB. */
	boolean preprocessesInGraph() {
		return inputs.size() == 1 && fits(inputs.values().iterator().next(), -1, -1, 3);
	}

	/** "input [1, 3, 1024, 1024]; output [1, 256, 64, 64]" for messages. */
	String describe() {
		return "inputs " + describe(inputs) + ", outputs " + describe(outputs);
	}

	static String describe(Map<String, long[]> tensors) {
		return tensors.entrySet().stream().map(e -> e.getKey() + " " + describe(e.getValue()))
			.collect(Collectors.joining(", ", "{", "}"));
	}

	static String describe(long[] shape) {
		return Arrays.toString(shape).replace("-1", "?");
	}
}
