package io.github.samij.core.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small ONNX models built in memory for tests: fake signatures of other model families, and
 * variants of the real default decoder. Built as generic protobuf ({@link UnknownFieldSet}) with
 * the field numbers of onnx.proto, like {@link DecoderGraph}.
 */
public final class OnnxModels {

	private static final int MODEL_IR_VERSION = 1;
	private static final int MODEL_PRODUCER_NAME = 2;
	private static final int MODEL_GRAPH = 7;
	private static final int MODEL_OPSET_IMPORT = 8;
	private static final int OPSET_VERSION = 2;
	private static final int GRAPH_NODE = 1;
	private static final int GRAPH_NAME = 2;
	private static final int GRAPH_INITIALIZER = 5;
	private static final int GRAPH_INPUT = 11;
	private static final int GRAPH_OUTPUT = 12;
	private static final int NODE_INPUT = 1;
	private static final int NODE_OUTPUT = 2;
	private static final int NODE_NAME = 3;
	private static final int NODE_OP_TYPE = 4;
	private static final int NODE_ATTRIBUTE = 5;
	private static final int ATTRIBUTE_NAME = 1;
	private static final int ATTRIBUTE_FLOAT_VALUE = 2;
	private static final int ATTRIBUTE_INT_VALUE = 3;
	private static final int ATTRIBUTE_INTS_VALUE = 8;
	private static final int ATTRIBUTE_TYPE = 20;
	private static final long ATTRIBUTE_FLOAT = 1;
	private static final long ATTRIBUTE_INT = 2;
	private static final long ATTRIBUTE_INTS = 7;
	private static final int TENSOR_DIMS = 1;
	private static final int TENSOR_DATA_TYPE = 2;
	private static final int TENSOR_INT64_DATA = 7;
	private static final int TENSOR_NAME = 8;
	private static final int VALUE_INFO_NAME = 1;
	private static final int VALUE_INFO_TYPE = 2;
	private static final int TYPE_TENSOR = 1;
	private static final int TENSOR_TYPE_ELEM_TYPE = 1;
	private static final int TENSOR_TYPE_SHAPE = 2;
	private static final int SHAPE_DIM = 1;
	private static final int DIM_VALUE = 1;
	private static final int DIM_PARAM = 2;
	private static final long FLOAT = 1;
	private static final long INT64 = 7;

	private OnnxModels() { }

	/**
	 * A valid model (IR version 8, opset 17) with float inputs and outputs of these names and
	 * shapes, in the maps' iteration order (use a {@code LinkedHashMap}); -1 is a symbolic dim.
	 * The inputs are unused; each output is zeros of the shape with symbolic dims 1.
	 * <p>
	 * ONNX Runtime reports an output's shape as inferred from the graph where it can, over the
	 * declared one; so that symbolic dims stay symbolic, the zeros' shape is computed at run time:
	 * {@code ConstantOfShape(Cast<int64>(RandomUniform(low 1, high 1.5)) * shape)}, all ones times
	 * the shape, which neither shape inference nor constant folding sees through.
	 */
	public static byte[] withSignature(Map<String, long[]> inputs, Map<String, long[]> outputs) {
		List<ByteString> inputInfos = new ArrayList<>();
		for (Map.Entry<String, long[]> e : inputs.entrySet()) inputInfos.add(floatValueInfo(e.getKey(), e.getValue()));
		List<ByteString> nodes = new ArrayList<>();
		List<ByteString> initializers = new ArrayList<>();
		List<ByteString> outputInfos = new ArrayList<>();
		for (Map.Entry<String, long[]> e : outputs.entrySet()) {
			String shapeName = e.getKey() + "_shape";
			long[] concrete = e.getValue().clone();
			for (int i = 0; i < concrete.length; i++) concrete[i] = Math.max(concrete[i], 1);
			initializers.add(message(
					TENSOR_DIMS, varints(concrete.length),
					TENSOR_DATA_TYPE, varints(INT64),
					TENSOR_INT64_DATA, varints(concrete),
					TENSOR_NAME, strings(shapeName)));
			String ones = e.getKey() + "_ones";
			nodes.add(node("RandomUniform", List.of(), ones + "_float",
					attribute("shape", ATTRIBUTE_INTS, ATTRIBUTE_INTS_VALUE, varints(concrete.length)),
					attribute("low", ATTRIBUTE_FLOAT, ATTRIBUTE_FLOAT_VALUE, float32(1)),
					attribute("high", ATTRIBUTE_FLOAT, ATTRIBUTE_FLOAT_VALUE, float32(1.5f))));
			nodes.add(node("Cast", List.of(ones + "_float"), ones, attribute("to", ATTRIBUTE_INT, ATTRIBUTE_INT_VALUE, varints(INT64))));
			nodes.add(node("Mul", List.of(ones, shapeName), shapeName + "_at_run_time"));
			nodes.add(node("ConstantOfShape", List.of(shapeName + "_at_run_time"), e.getKey()));
			outputInfos.add(floatValueInfo(e.getKey(), e.getValue()));
		}
		ByteString graph = message(
				GRAPH_NODE, bytes(nodes),
				GRAPH_NAME, strings("signature"),
				GRAPH_INITIALIZER, bytes(initializers),
				GRAPH_INPUT, bytes(inputInfos),
				GRAPH_OUTPUT, bytes(outputInfos));
		return message(
				MODEL_IR_VERSION, varints(8),
				MODEL_PRODUCER_NAME, strings("sam-ij tests"),
				MODEL_GRAPH, bytes(List.of(graph)),
				MODEL_OPSET_IMPORT, bytes(List.of(message(OPSET_VERSION, varints(17))))).toByteArray();
	}

	/**
	 * What the official export script makes with {@code return_single_mask=False}, derived from a
	 * single-mask export: {@code low_res_masks} and {@code iou_predictions} become
	 * {@code Identity} copies of the four-token tensors the selection read from (declared
	 * {@code [1,4,256,256]} and {@code [1,4]}), so {@code masks}, upscaled from
	 * {@code low_res_masks}, has four masks too. Nodes no output depends on any more are removed,
	 * the whole selection ({@code ArgMax} and its {@code Gather}s) among them.
	 */
	public static byte[] multiMaskExportOf(byte[] singleMaskDecoder) {
		DecoderGraph found = DecoderGraph.expose(singleMaskDecoder, "the single-mask decoder");
		if (!found.rewritten()) throw new IllegalArgumentException("not a single-mask export");
		Map<String, String> sources = Map.of(
				DecoderGraph.LOW_RES_MASKS, found.lowResMasks(),
				DecoderGraph.IOU_PREDICTIONS, found.iouPredictions());
		UnknownFieldSet model = parse(ByteString.copyFrom(singleMaskDecoder));
		UnknownFieldSet graph = parse(model.getField(MODEL_GRAPH).getLengthDelimitedList().get(0));

		List<ByteString> nodes = new ArrayList<>();
		for (ByteString bytes : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
			List<String> outputs = texts(parse(bytes), NODE_OUTPUT);
			String replaced = outputs.size() == 1 ? outputs.get(0) : "";
			nodes.add(sources.containsKey(replaced) ? node("Identity", List.of(sources.get(replaced)), replaced) : bytes);
		}
		List<ByteString> outputInfos = new ArrayList<>();
		Set<String> needed = new HashSet<>();
		for (ByteString bytes : graph.getField(GRAPH_OUTPUT).getLengthDelimitedList()) {
			String name = texts(parse(bytes), VALUE_INFO_NAME).get(0);
			needed.add(name);
			outputInfos.add(name.equals(DecoderGraph.LOW_RES_MASKS) ? floatValueInfo(name, new long[] { 1, 4, 256, 256 })
					: name.equals(DecoderGraph.IOU_PREDICTIONS) ? floatValueInfo(name, new long[] { 1, 4 }) : bytes);
		}
		// Nodes are in topological order: walking back from the outputs keeps what they need.
		List<ByteString> kept = new ArrayList<>();
		for (int i = nodes.size() - 1; i >= 0; i--) {
			UnknownFieldSet node = parse(nodes.get(i));
			if (Collections.disjoint(texts(node, NODE_OUTPUT), needed)) continue;
			needed.addAll(texts(node, NODE_INPUT));
			kept.add(nodes.get(i));
		}
		Collections.reverse(kept);

		UnknownFieldSet multiMask = graph.toBuilder()
				.clearField(GRAPH_NODE).addField(GRAPH_NODE, bytes(kept))
				.clearField(GRAPH_OUTPUT).addField(GRAPH_OUTPUT, bytes(outputInfos))
				.build();
		return model.toBuilder().clearField(MODEL_GRAPH).addField(MODEL_GRAPH, bytes(List.of(multiMask.toByteString()))).build().toByteArray();
	}

	/**
	 * The model with every {@code ArgMax} turned into an {@code ArgMin}: still a valid,
	 * runnable single-mask decoder, but without the selection pattern {@link DecoderGraph} looks for.
	 */
	public static byte[] withoutSelectionPattern(byte[] singleMaskDecoder) {
		UnknownFieldSet model = parse(ByteString.copyFrom(singleMaskDecoder));
		UnknownFieldSet graph = parse(model.getField(MODEL_GRAPH).getLengthDelimitedList().get(0));
		List<ByteString> nodes = new ArrayList<>();
		for (ByteString bytes : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
			UnknownFieldSet node = parse(bytes);
			boolean argMax = texts(node, NODE_OP_TYPE).equals(List.of("ArgMax"));
			nodes.add(argMax ? node.toBuilder().clearField(NODE_OP_TYPE).addField(NODE_OP_TYPE, strings("ArgMin")).build().toByteString() : bytes);
		}
		UnknownFieldSet changed = graph.toBuilder().clearField(GRAPH_NODE).addField(GRAPH_NODE, bytes(nodes)).build();
		return model.toBuilder().clearField(MODEL_GRAPH).addField(MODEL_GRAPH, bytes(List.of(changed.toByteString()))).build().toByteArray();
	}

	private static ByteString node(String op, List<String> inputs, String output, ByteString... attributes) {
		return message(
				NODE_INPUT, strings(inputs.toArray(new String[0])),
				NODE_OUTPUT, strings(output),
				NODE_NAME, strings(op + "_" + output),
				NODE_OP_TYPE, strings(op),
				NODE_ATTRIBUTE, bytes(List.of(attributes)));
	}

	private static ByteString attribute(String name, long type, int valueField, UnknownFieldSet.Field value) {
		return message(ATTRIBUTE_NAME, strings(name), valueField, value, ATTRIBUTE_TYPE, varints(type));
	}

	private static UnknownFieldSet.Field float32(float value) {
		return UnknownFieldSet.Field.newBuilder().addFixed32(Float.floatToIntBits(value)).build();
	}

	/** {@code ValueInfoProto} of a float tensor; -1 dims become symbolic. */
	private static ByteString floatValueInfo(String name, long[] shape) {
		List<ByteString> dims = new ArrayList<>();
		for (int i = 0; i < shape.length; i++)
			dims.add(shape[i] < 0 ? message(DIM_PARAM, strings(name + "_dim_" + i)) : message(DIM_VALUE, varints(shape[i])));
		ByteString tensor = message(
				TENSOR_TYPE_ELEM_TYPE, varints(FLOAT),
				TENSOR_TYPE_SHAPE, bytes(List.of(message(SHAPE_DIM, bytes(dims)))));
		return message(
				VALUE_INFO_NAME, strings(name),
				VALUE_INFO_TYPE, bytes(List.of(message(TYPE_TENSOR, bytes(List.of(tensor))))));
	}

	/** A message from (field number, field) pairs. */
	private static ByteString message(Object... numbersAndFields) {
		UnknownFieldSet.Builder message = UnknownFieldSet.newBuilder();
		for (int i = 0; i < numbersAndFields.length; i += 2)
			message.mergeField((Integer) numbersAndFields[i], (UnknownFieldSet.Field) numbersAndFields[i + 1]);
		return message.build().toByteString();
	}

	private static UnknownFieldSet.Field varints(long... values) {
		UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
		for (long value : values) field.addVarint(value);
		return field.build();
	}

	private static UnknownFieldSet.Field strings(String... values) {
		UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
		for (String value : values) field.addLengthDelimited(ByteString.copyFromUtf8(value));
		return field.build();
	}

	private static UnknownFieldSet.Field bytes(List<ByteString> values) {
		UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
		values.forEach(field::addLengthDelimited);
		return field.build();
	}

	private static List<String> texts(UnknownFieldSet message, int number) {
		List<String> texts = new ArrayList<>();
		for (ByteString value : message.getField(number).getLengthDelimitedList()) texts.add(value.toStringUtf8());
		return texts;
	}

	private static UnknownFieldSet parse(ByteString bytes) {
		try {
			return UnknownFieldSet.parseFrom(bytes);
		}
		catch (InvalidProtocolBufferException e) {
			throw new UncheckedIOException(e);
		}
	}
}
