package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.model.Device;

/**
 * The model a command runs, from {@code --model NAME|DIR} (a known model's name, fetched on first
 * use, or a model folder; the default model when absent) and {@code --device cpu|cuda|auto}: the one
 * place every command reads them. Immutable.
 */
final class ModelChoice {

	/** The default model on the CPU. */
	static final ModelChoice DEFAULT = new ModelChoice(null, Device.CPU);

	/** A known model's name, a folder, or null for the default. */
	final String model;
	final Device device;

	private ModelChoice(String model, Device device) {
		this.model = model;
		this.device = device;
	}

	/** Adds {@code --model} and {@code --device} to a command's options. */
	static Options declare(Options options) {
		return options.value("--model", "NAME|DIR").value("--device", "cpu|cuda|auto");
	}

	static ModelChoice of(Options.Values o) {
		Device device = Device.CPU;
		if (o.has("--device")) {
			try {
				device = Device.parse(o.get("--device"));
			}
			catch (SamException e) {
				throw new UsageException("--device expects cpu, cuda or auto, got '" + o.get("--device") + "'");
			}
		}
		String model = o.get("--model");
		return new ModelChoice(model == null || model.isBlank() ? null : model.trim(), device);
	}
}
