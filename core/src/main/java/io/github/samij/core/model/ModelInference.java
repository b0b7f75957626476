package io.github.samij.core.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import io.github.samij.core.SamException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Works out a {@link ModelDescriptor} for a model folder without one, from the signatures of its
 * model files ({@code .onnx}, and ONNX Runtime's {@code .ort}): the family, the encoder and the
 * decoder. Stateless and thread-safe.
 */
final class ModelInference {

	private ModelInference() { }

	static ModelDescriptor infer(Path directory) {
		List<Path> files = ModelLoader.onnxFiles(directory);
		if (files.isEmpty())
			throw new SamException("Model folder " + directory + " holds no .onnx files; it needs a SAM encoder and a SAM "
				+ "decoder (README, section Models), or leave the model empty to use the default model.");
		ModelDescriptor d = new ModelDescriptor();
		d.name = directory.getFileName().toString();
		ModelFamily encoderFamily = null, decoderFamily = null;
		StringBuilder others = new StringBuilder();
		for (Path file : files) {
			Signature s = signature(file);
			SignatureChecks.rejectUnsupported(s);
			ModelFamily family = SignatureChecks.familyOf(s);
			String[] tensors = s.sam1EncoderTensors();
			boolean decoder = s.inputs.containsKey("point_coords");
			boolean sam2Encoder = family == ModelFamily.SAM2 && !decoder && s.inputs.size() == 1;
			if (decoder && family != null && d.decoder == null) {
				d.decoder = new ModelDescriptor.Decoder();
				d.decoder.file = file.getFileName().toString();
				decoderFamily = family;
			}
			else if ((tensors != null || sam2Encoder) && d.encoder == null) {
				d.encoder = new ModelDescriptor.Encoder();
				d.encoder.file = file.getFileName().toString();
				d.encoder.input = s.inputs.keySet().iterator().next();
				d.encoder.output = tensors != null ? tensors[1] : null;
				d.encoder.preprocessingInGraph = tensors != null && s.preprocessesInGraph();
				encoderFamily = family;
			}
			else {
				others.append(" ").append(file.getFileName()).append(": ").append(s.describe()).append(";");
			}
		}
		if (d.encoder == null || d.decoder == null)
			throw new SamException("Model folder " + directory + " has no " + (d.encoder == null ? "SAM encoder (one input "
				+ "[1, 3, 1024, 1024] or [H, W, 3], one output [1, 256, 64, 64]; or a SAM 2 encoder)" : "SAM decoder (inputs "
				+ "image_embeddings or image_embed, point_coords, ...)") + " among its model files;" + others + " add it, or "
				+ "write a " + ModelDescriptor.FILE_NAME + " (README, section Models).");
		if (encoderFamily != decoderFamily)
			throw new SamException("Model folder " + directory + " has a " + encoderFamily.title + " encoder (" + d.encoder.file
				+ ") and a " + decoderFamily.title + " decoder (" + d.decoder.file + "): an encoder and a decoder must come from "
				+ "the same export; put the matching pair in the folder.");
		d.family = encoderFamily.key;
		return d;
	}

	/** One sentence saying what was inferred, for the user to check. */
	static String summary(Path directory, ModelDescriptor d) {
		if (ModelFamily.SAM2.key.equals(d.family))
			return "No " + ModelDescriptor.FILE_NAME + " in " + directory + "; inferred a SAM 2 model: encoder "
				+ d.encoder.file + " (input '" + d.encoder.input + "'), decoder " + d.decoder.file + ".";
		return "No " + ModelDescriptor.FILE_NAME + " in " + directory + "; inferred a SAM 1 model: encoder "
			+ d.encoder.file + " (input '" + d.encoder.input + "', output '" + d.encoder.output + "', preprocessing "
			+ (d.encoder.preprocessingInGraph ? "in the graph" : "by the plugin") + "), decoder " + d.decoder.file + ".";
	}

	static String onnxFileNames(Path directory) {
		List<Path> files = ModelLoader.onnxFiles(directory);
		return files.isEmpty() ? "no .onnx files"
			: files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
	}

	private static Signature signature(Path file) {
		try (OrtSession session = ModelLoader.session(file, Files.readAllBytes(file))) {
			return Signature.of(file.toString(), session);
		}
		catch (IOException e) {
			throw new SamException("Cannot read " + file + ": " + e.getMessage());
		}
		catch (OrtException e) {
			throw new SamException("Cannot inspect " + file + ": " + ModelLoader.firstLine(e.getMessage()));
		}
	}
}
