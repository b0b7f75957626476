package io.github.samij.core.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.UnsafeByteOperations;

import io.github.samij.core.SamException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SAM decoder model whose graph outputs include all four low-res masks {@code [1,4,256,256]}
 * and all four predicted IoUs {@code [1,4]}, whatever kind of official-style export it came from.
 * <p>
 * A single-mask export ("return single mask") still computes the four masks and IoUs and then
 * picks one in-graph. {@link #expose} finds the two tensors the pick reads from and appends them
 * as graph outputs, so ONNX Runtime returns all four masks and the plugin can choose for itself.
 * The tensors are found by the shape of the selection, never by their names (which depend on the
 * exporter's version): an {@code ArgMax} over an {@code Add} (IoUs plus the point-count
 * offset), whose result, through any index arithmetic, is the index of exactly two
 * {@code Gather}s; the one whose data is (a flattening of) an input of that {@code Add} reads the
 * IoUs, the other reads the masks. A multi-mask export already has them as its outputs
 * {@code low_res_masks} and {@code iou_predictions} and is taken as it is. A SAM 2 export returns
 * tokens 1..3 as {@code Slice}s of the four-token tensors, which are exposed the same way.
 * <p>
 * The model is handled as generic protobuf ({@link UnknownFieldSet}; ONNX's field numbers are
 * below), so no generated ONNX classes are needed.
 * <p>
 * Thread-safety: immutable. {@link #bytes()} is not a copy (the models are large): callers must
 * not modify it, nor the array given to {@code expose}, which may be the same array.
 */
final class DecoderGraph {

	/** Output names of a multi-mask export. */
	static final String LOW_RES_MASKS = "low_res_masks";
	static final String IOU_PREDICTIONS = "iou_predictions";
	/** The masks output of a SAM 2 export (tokens 1..3). */
	static final String SAM2_MASKS = "masks";

	// Field numbers of onnx.proto, those read or written here.
	private static final int MODEL_GRAPH = 7;
	private static final int GRAPH_NODE = 1;
	private static final int GRAPH_OUTPUT = 12;
	private static final int NODE_INPUT = 1;
	private static final int NODE_OUTPUT = 2;
	private static final int NODE_OP_TYPE = 4;
	private static final int VALUE_INFO_NAME = 1;
	private static final int VALUE_INFO_TYPE = 2;
	private static final int TYPE_TENSOR = 1;
	private static final int TENSOR_ELEM_TYPE = 1;
	private static final int TENSOR_SHAPE = 2;
	private static final int SHAPE_DIM = 1;
	private static final int DIM_VALUE = 1;
	private static final long ELEM_TYPE_FLOAT = 1;

	private static final long[] IOU_SHAPE = { 1, 4 };
	private static final long[] MASKS_SHAPE = { 1, 4, 256, 256 };

	/**
	 * Ops that can pick the chosen token out of the four. The official export (opset 17) indexes
	 * the flattened tensor with {@code Gather}; {@code GatherND} indexes it unflattened.
	 */
	private static final Set<String> GATHERS = Set.of("Gather", "GatherND");
	/** Ops that flatten the four-token tensor before the {@code Gather}. */
	private static final Set<String> FLATTENS = Set.of("Flatten", "Reshape");

	private final byte[] bytes;
	private final String lowResMasks;
	private final String iouPredictions;
	private final boolean rewritten;

	private DecoderGraph(byte[] bytes, String lowResMasks, String iouPredictions, boolean rewritten) {
		this.bytes = bytes;
		this.lowResMasks = lowResMasks;
		this.iouPredictions = iouPredictions;
		this.rewritten = rewritten;
	}

	/**
	 * The decoder {@code model} with all four masks and IoUs as graph outputs.
	 *
	 * @param fileName the model's file name, for error messages
	 * @throws SamException if the bytes are not an ONNX model, or the model is neither a
	 *         single-mask export with the official selection pattern nor a multi-mask export
	 */
	static DecoderGraph expose(byte[] model, String fileName) {
		UnknownFieldSet modelProto;
		UnknownFieldSet graph;
		List<Node> nodes;
		Map<String, long[]> outputs; // name -> declared shape, see shape()
		try {
			modelProto = parse(UnsafeByteOperations.unsafeWrap(model));
			List<ByteString> graphParts = modelProto.getField(MODEL_GRAPH).getLengthDelimitedList();
			if (graphParts.isEmpty()) throw new IOException("no graph");
			// Protobuf merges repeated occurrences of a message field; for GraphProto (repeated
			// fields and last-wins strings) that is concatenating their fields.
			UnknownFieldSet.Builder merged = UnknownFieldSet.newBuilder();
			for (ByteString part : graphParts) merged.mergeFrom(parse(part));
			graph = merged.build();
			nodes = new ArrayList<>();
			for (ByteString node : graph.getField(GRAPH_NODE).getLengthDelimitedList()) nodes.add(new Node(parse(node)));
			outputs = new LinkedHashMap<>();
			for (ByteString output : graph.getField(GRAPH_OUTPUT).getLengthDelimitedList()) {
				UnknownFieldSet valueInfo = parse(output);
				outputs.put(string(valueInfo, VALUE_INFO_NAME), shape(valueInfo));
			}
		}
		catch (IOException e) {
			throw new SamException(fileName + " is not a valid ONNX model (damaged, truncated or another kind of file); download or export it again.", e);
		}

		String[] selected = findSelection(nodes);
		if (selected == null && hasFourTokens(outputs, LOW_RES_MASKS) && hasFourTokens(outputs, IOU_PREDICTIONS))
			return new DecoderGraph(model, LOW_RES_MASKS, IOU_PREDICTIONS, false);
		if (selected == null) selected = findTokenSlices(nodes);
		if (selected != null) {
			String masks = selected[0];
			String ious = selected[1];
			List<ByteString> added = new ArrayList<>(2);
			if (!outputs.containsKey(masks)) added.add(floatValueInfo(masks, MASKS_SHAPE));
			if (!outputs.containsKey(ious)) added.add(floatValueInfo(ious, IOU_SHAPE));
			if (added.isEmpty()) return new DecoderGraph(model, masks, ious, false);
			UnknownFieldSet exposed = graph.toBuilder().mergeField(GRAPH_OUTPUT, lengthDelimited(added.toArray(new ByteString[0]))).build();
			return new DecoderGraph(withGraph(modelProto, exposed), masks, ious, true);
		}

		long argMaxes = nodes.stream().filter(n -> n.op.equals("ArgMax")).count();
		throw new SamException(fileName + " is not a SAM decoder this plugin can use: expected the official SAM decoder export's mask-selection pattern"
				+ " (an ArgMax choosing one of four masks by predicted IoU) or a multi-mask export's outputs " + LOW_RES_MASKS + " [1, 4, 256, 256] and "
				+ IOU_PREDICTIONS + " [1, 4], but its graph has the outputs " + describe(outputs) + " and "
				+ (argMaxes == 0 ? "no ArgMax" : argMaxes + " ArgMax node(s), none of which selects a mask")
				+ "; export the decoder again with the official SAM ONNX export script or samexporter, or use the default model.");
	}

	/** The model, to create the session from. Not a copy: do not modify. */
	byte[] bytes() {
		return bytes;
	}

	/** Name of the output holding all four low-res mask logits, {@code [1,4,256,256]}. */
	String lowResMasks() {
		return lowResMasks;
	}

	/** Name of the output holding all four predicted IoUs, {@code [1,4]}. */
	String iouPredictions() {
		return iouPredictions;
	}

	/**
	 * Whether outputs were added, i.e. {@link #bytes()} differs from the given model: true for a
	 * single-mask export, false for a multi-mask one (and for a single-mask export whose
	 * four-token tensors already are outputs, such as {@code bytes()} exposed again).
	 */
	boolean rewritten() {
		return rewritten;
	}

	/**
	 * {@code {masks, ious}}: the tensors the single-mask selection reads from, or null if the graph
	 * has no such selection.
	 */
	private static String[] findSelection(List<Node> nodes) {
		Map<String, Node> producers = new HashMap<>();
		Map<String, List<Node>> consumers = new HashMap<>();
		for (Node node : nodes) {
			for (String output : node.outputs) producers.put(output, node);
			for (String input : node.inputs) consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
		}
		for (Node argMax : nodes) {
			if (!argMax.op.equals("ArgMax") || argMax.inputs.isEmpty()) continue;
			Node add = producers.get(argMax.inputs.get(0));
			if (add == null || !add.op.equals("Add")) continue;
			Set<String> fromIndex = downstream(argMax, consumers);
			String masks = null;
			String ious = null;
			int gathers = 0;
			for (Node gather : nodes) {
				// Indexed by the ArgMax, reading something computed before it.
				if (!GATHERS.contains(gather.op) || gather.inputs.size() < 2 || !fromIndex.contains(gather.inputs.get(1)) || fromIndex.contains(gather.inputs.get(0)))
					continue;
				gathers++;
				// Only the one flattening step right before the Gather is undone: the tensor it
				// flattens is the [1,4,...] one (the masks' own producer is a Reshape too).
				String data = gather.inputs.get(0);
				Node flatten = producers.get(data);
				if (flatten != null && FLATTENS.contains(flatten.op) && !flatten.inputs.isEmpty()) data = flatten.inputs.get(0);
				if (add.inputs.contains(data)) ious = data;
				else masks = data;
			}
			if (gathers == 2 && masks != null && ious != null) return new String[] { masks, ious };
		}
		return null;
	}

	/**
	 * {@code {masks, ious}} of a SAM 2 export, or null: its outputs {@code masks} (through a
	 * {@code Clip}) and {@code iou_predictions} are {@code Slice}s of tokens 1..3 of the four-token
	 * tensors, which hold token 0, the single mask, too.
	 */
	private static String[] findTokenSlices(List<Node> nodes) {
		Map<String, Node> producers = new HashMap<>();
		for (Node node : nodes) for (String output : node.outputs) producers.put(output, node);
		String masks = sliced(producers, SAM2_MASKS), ious = sliced(producers, IOU_PREDICTIONS);
		return masks == null || ious == null ? null : new String[] { masks, ious };
	}

	/** The data input of the {@code Slice} (after an optional {@code Clip}) producing {@code output}, or null. */
	private static String sliced(Map<String, Node> producers, String output) {
		Node node = producers.get(output);
		if (node != null && node.op.equals("Clip") && !node.inputs.isEmpty()) node = producers.get(node.inputs.get(0));
		return node != null && node.op.equals("Slice") && !node.inputs.isEmpty() ? node.inputs.get(0) : null;
	}

	/** The tensors computed from {@code node}'s outputs. */
	private static Set<String> downstream(Node node, Map<String, List<Node>> consumers) {
		Set<String> reached = new HashSet<>(node.outputs);
		Deque<String> pending = new ArrayDeque<>(node.outputs);
		while (!pending.isEmpty()) {
			for (Node consumer : consumers.getOrDefault(pending.pop(), List.of())) {
				for (String output : consumer.outputs) if (reached.add(output)) pending.push(output);
			}
		}
		return reached;
	}

	/**
	 * True if the output exists and its declared second dimension is 4 or not static (the
	 * session's output shapes are checked at load time anyway).
	 */
	private static boolean hasFourTokens(Map<String, long[]> outputs, String name) {
		if (!outputs.containsKey(name)) return false;
		long[] shape = outputs.get(name);
		return shape == null || shape.length >= 2 && (shape[1] < 0 || shape[1] == 4);
	}

	/** "masks [?, 1, ?, ?], iou_predictions [?, 1]": "?" for dims that are not static. */
	private static String describe(Map<String, long[]> outputs) {
		if (outputs.isEmpty()) return "(none)";
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, long[]> e : outputs.entrySet()) {
			if (e.getValue() == null) {
				parts.add(e.getKey());
				continue;
			}
			List<String> dims = new ArrayList<>();
			for (long d : e.getValue()) dims.add(d < 0 ? "?" : Long.toString(d));
			parts.add(e.getKey() + " [" + String.join(", ", dims) + "]");
		}
		return String.join(", ", parts);
	}

	/** The declared tensor shape, -1 for dims that are not static; null if none is declared. */
	private static long[] shape(UnknownFieldSet valueInfo) throws IOException {
		UnknownFieldSet tensor = message(message(valueInfo, VALUE_INFO_TYPE), TYPE_TENSOR);
		if (tensor == null || !tensor.hasField(TENSOR_SHAPE)) return null;
		List<ByteString> dims = message(tensor, TENSOR_SHAPE).getField(SHAPE_DIM).getLengthDelimitedList();
		long[] shape = new long[dims.size()];
		for (int i = 0; i < shape.length; i++) {
			List<Long> value = parse(dims.get(i)).getField(DIM_VALUE).getVarintList();
			shape[i] = value.isEmpty() ? -1 : value.get(value.size() - 1);
		}
		return shape;
	}

	/** {@code ValueInfoProto} of a float tensor with a static shape. */
	private static ByteString floatValueInfo(String name, long[] shape) {
		ByteString[] dims = new ByteString[shape.length];
		for (int i = 0; i < shape.length; i++) dims[i] = UnknownFieldSet.newBuilder().addField(DIM_VALUE, varint(shape[i])).build().toByteString();
		ByteString tensorShape = UnknownFieldSet.newBuilder().addField(SHAPE_DIM, lengthDelimited(dims)).build().toByteString();
		ByteString tensor = UnknownFieldSet.newBuilder()
				.addField(TENSOR_ELEM_TYPE, varint(ELEM_TYPE_FLOAT))
				.addField(TENSOR_SHAPE, lengthDelimited(tensorShape))
				.build().toByteString();
		ByteString type = UnknownFieldSet.newBuilder().addField(TYPE_TENSOR, lengthDelimited(tensor)).build().toByteString();
		return UnknownFieldSet.newBuilder()
				.addField(VALUE_INFO_NAME, lengthDelimited(ByteString.copyFromUtf8(name)))
				.addField(VALUE_INFO_TYPE, lengthDelimited(type))
				.build().toByteString();
	}

	/**
	 * The model with {@code graph} in place of its graph, serialised straight into one array of
	 * the exact size (the weights, most of the model, are copied once).
	 */
	private static byte[] withGraph(UnknownFieldSet model, UnknownFieldSet graph) {
		int size = 0;
		for (Map.Entry<Integer, UnknownFieldSet.Field> e : model.asMap().entrySet())
			size += e.getKey() == MODEL_GRAPH ? CodedOutputStream.computeMessageSize(MODEL_GRAPH, graph) : e.getValue().getSerializedSize(e.getKey());
		byte[] out = new byte[size];
		CodedOutputStream stream = CodedOutputStream.newInstance(out);
		try {
			for (Map.Entry<Integer, UnknownFieldSet.Field> e : model.asMap().entrySet()) {
				if (e.getKey() == MODEL_GRAPH) stream.writeMessage(MODEL_GRAPH, graph);
				else e.getValue().writeTo(e.getKey(), stream);
			}
			stream.checkNoSpaceLeft();
		}
		catch (IOException e) {
			throw new IllegalStateException("serialised size miscomputed", e);
		}
		return out;
	}

	/**
	 * Parses without copying: length-delimited fields (the weights) stay views of the given bytes.
	 * The whole input must be consumed, so that garbage is not taken for a short model.
	 */
	private static UnknownFieldSet parse(ByteString bytes) throws IOException {
		CodedInputStream in = bytes.newCodedInput();
		in.enableAliasing(true);
		UnknownFieldSet parsed = UnknownFieldSet.newBuilder().mergeFrom(in).build();
		if (!in.isAtEnd()) throw new IOException("unexpected end-group tag");
		return parsed;
	}

	/** The embedded message in field {@code number} (the last occurrence wins), or null. */
	private static UnknownFieldSet message(UnknownFieldSet set, int number) throws IOException {
		if (set == null) return null;
		List<ByteString> values = set.getField(number).getLengthDelimitedList();
		return values.isEmpty() ? null : parse(values.get(values.size() - 1));
	}

	private static String string(UnknownFieldSet set, int number) {
		List<ByteString> values = set.getField(number).getLengthDelimitedList();
		return values.isEmpty() ? "" : values.get(values.size() - 1).toStringUtf8();
	}

	private static List<String> strings(UnknownFieldSet set, int number) {
		List<ByteString> values = set.getField(number).getLengthDelimitedList();
		List<String> strings = new ArrayList<>(values.size());
		for (ByteString value : values) strings.add(value.toStringUtf8());
		return strings;
	}

	private static UnknownFieldSet.Field varint(long value) {
		return UnknownFieldSet.Field.newBuilder().addVarint(value).build();
	}

	private static UnknownFieldSet.Field lengthDelimited(ByteString... values) {
		UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
		for (ByteString value : values) field.addLengthDelimited(value);
		return field.build();
	}

	/** The parts of a {@code NodeProto} the pattern needs. */
	private static final class Node {
		final String op;
		final List<String> inputs;
		final List<String> outputs;

		Node(UnknownFieldSet node) {
			op = string(node, NODE_OP_TYPE);
			inputs = strings(node, NODE_INPUT);
			outputs = strings(node, NODE_OUTPUT);
		}
	}
}
