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
 * ONNX files, and recognises model families that are not supported yet. Stateless and thread-safe.
 */
final class ModelInference {

	private ModelInference() { }

	static ModelDescriptor infer(Path directory) {
		List<Path> files = ModelLoader.onnxFiles(directory);
		if (files.isEmpty())
			throw new SamException("Model folder " + directory + " holds no .onnx files; it needs a SAM encoder and a SAM "
				+ "decoder (README, section Models), or leave the model empty to use the default model.");
		ModelDescriptor d = new ModelDescriptor();
		d.family = ModelDescriptor.FAMILY_SAM1;
		d.name = directory.getFileName().toString();
		StringBuilder others = new StringBuilder();
		for (Path file : files) {
			Signature s = signature(file);
			rejectOtherFamilies(s);
			String[] tensors = s.sam1EncoderTensors();
			if (s.looksLikeSam1Decoder() && d.decoder == null) {
				d.decoder = new ModelDescriptor.Decoder();
				d.decoder.file = file.getFileName().toString();
			}
			else if (tensors != null && d.encoder == null) {
				d.encoder = new ModelDescriptor.Encoder();
				d.encoder.file = file.getFileName().toString();
				d.encoder.input = tensors[0];
				d.encoder.output = tensors[1];
				d.encoder.preprocessingInGraph = s.preprocessesInGraph();
			}
			else {
				others.append(" ").append(file.getFileName()).append(": ").append(s.describe()).append(";");
			}
		}
		if (d.encoder == null || d.decoder == null)
			throw new SamException("Model folder " + directory + " has no " + (d.encoder == null ? "SAM encoder (one input "
				+ "[1, 3, 1024, 1024] or [H, W, 3], one output [1, 256, 64, 64])" : "SAM decoder (inputs image_embeddings, "
				+ "point_coords, ...)") + " among its .onnx files;" + others + " add it, or write a "
				+ ModelDescriptor.FILE_NAME + " (README, section Models).");
		return d;
	}

	/** One sentence saying what was inferred, for the user to check. */
	static String summary(Path directory, ModelDescriptor d) {
		return "No " + ModelDescriptor.FILE_NAME + " in " + directory + "; inferred a SAM 1 model: encoder "
			+ d.encoder.file + " (input '" + d.encoder.input + "', output '" + d.encoder.output + "', preprocessing "
			+ (d.encoder.preprocessingInGraph ? "in the graph" : "by the plugin") + "), decoder " + d.decoder.file + ".";
	}

	/** Throws a clear "not supported yet" for SAM 2 and EfficientSAM exports. */
	static void rejectOtherFamilies(Signature s) {
		if (s.looksLikeSam2())
			throw new SamException(s.file + " is a SAM 2 export (" + s.describe() + "); SAM 2 models are not supported "
				+ "yet. Use a SAM 1 family model (SAM, MobileSAM, micro-sam) or the default model.");
		if (s.looksLikeEfficientSam())
			throw new SamException(s.file + " is an EfficientSAM export (" + s.describe() + "); EfficientSAM is not "
				+ "supported yet. Use a SAM 1 family model (SAM, MobileSAM, micro-sam) or the default model.");
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
