package io.github.samij.core.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import io.github.samij.core.SamException;

import java.util.Locale;

/**
 * Where ONNX Runtime runs the model: the CPU, an NVIDIA GPU through ONNX Runtime's CUDA execution
 * provider, or the GPU when there is one. CUDA needs ONNX Runtime's GPU build on the class path
 * ({@code onnxruntime_gpu}) and a GPU with its driver; without them a model asked to run on CUDA
 * runs on the CPU and {@link SamModel#deviceNote()} says why. Immutable.
 */
public enum Device {

	CPU, CUDA, AUTO;

	/** {@code cpu}, {@code cuda} or {@code auto}, as macros and the command line write them. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The device named {@code cpu}, {@code cuda} or {@code auto} (any case). */
	public static Device parse(String text) {
		for (Device d : values()) if (d.key().equalsIgnoreCase(text.trim())) return d;
		throw new SamException("The device must be cpu, cuda or auto, got '" + text.trim() + "'.");
	}

	/** Why CUDA cannot be used by this ONNX Runtime, or null when its CUDA provider is there. */
	static String cudaMissing() {
		if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) return null;
		return "this ONNX Runtime (" + ModelLoader.ENV.getVersion() + ") has no CUDA provider: put ONNX Runtime's GPU jar "
			+ "(onnxruntime_gpu) in place of the CPU one (README, section CPU or GPU)";
	}
}
