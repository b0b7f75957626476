package io.github.samij.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

import io.github.samij.core.SamException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model folder holds: the file {@value #FILE_NAME} beside the two ONNX files. It names the
 * model family, the files and their tensors, whether the encoder does its own preprocessing, and
 * whether the decoder is a single-mask or a multi-mask export. Checksums are optional; when
 * present they are verified on load.
 * <p>
 * Instances are plain mutable value holders for JSON (de)serialisation; do not share a mutable
 * instance between threads.
 */
public final class ModelDescriptor {

	/** The descriptor's file name inside a model folder. */
	public static final String FILE_NAME = "sam-model.json";

	/** The only family the pipeline runs today: SAM 1 and its distillations (MobileSAM, micro-sam). */
	public static final String FAMILY_SAM1 = "sam1";

	/** Descriptor of the encoder file. */
	public static final class Encoder {
		public String file;
		public String sha256;
		/** Name of the image input tensor. */
		public String input;
		/** Name of the embedding output tensor. */
		public String output;
		/**
		 * {@code false}: input [1,3,1024,1024], resized, normalised and padded by the pipeline;
		 * {@code true}: input [H,W,3] RGB 0..255, only resized by the pipeline (samexporter's
		 * {@code --use-preprocess}).
		 */
		@SerializedName("preprocessing_in_graph")
		public boolean preprocessingInGraph;
	}

	/** Descriptor of the prompt-encoder / mask-decoder file (official SAM export tensor names). */
	public static final class Decoder {
		public String file;
		public String sha256;
		/** {@code "single"} (one mask per prompt, M = 1) or {@code "multi"} (M = 4). */
		public String masks;
	}

	public String name;
	public String family;
	public String license;
	public String source;
	public Encoder encoder;
	public Decoder decoder;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	/** Reads {@code dir/sam-model.json}. */
	public static ModelDescriptor read(Path file) {
		try {
			ModelDescriptor d = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ModelDescriptor.class);
			if (d == null || d.encoder == null || d.decoder == null || d.encoder.file == null || d.decoder.file == null)
				throw new SamException("Model descriptor " + file + " must name an \"encoder\" and a \"decoder\" file; "
					+ "fix it, or delete it to let the plugin infer the model from its ONNX files.");
			return d;
		}
		catch (JsonParseException e) {
			throw new SamException("Model descriptor " + file + " is not valid JSON (" + e.getMessage()
				+ "); fix it, or delete it to let the plugin infer the model from its ONNX files.");
		}
		catch (IOException e) {
			throw new SamException("Cannot read model descriptor " + file + ": " + e.getMessage());
		}
	}

	/** Writes this descriptor as pretty-printed JSON. */
	public void write(Path file) throws IOException {
		Files.writeString(file, toJson(), StandardCharsets.UTF_8);
	}

	public String toJson() {
		return GSON.toJson(this) + "\n";
	}
}
