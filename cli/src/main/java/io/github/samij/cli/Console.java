package io.github.samij.cli;

import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a subcommand speaks: results on {@code out}, notes, progress and errors on {@code err}
 * (which scripts read line by line), and whether {@code err} is a terminal, where progress may
 * rewrite one line. Immutable; the streams are shared, so use from one thread.
 */
public final class Console {

	public final PrintStream out;
	public final PrintStream err;
	/** {@code err} is this process's own standard error, and that is a terminal. */
	public final boolean terminal;

	public Console(PrintStream out, PrintStream err) {
		this(out, err, err == System.err && System.console() != null);
	}

	Console(PrintStream out, PrintStream err, boolean terminal) {
		this.out = out;
		this.err = err;
		this.terminal = terminal;
	}

	/**
	 * The chosen model on the chosen device, with the progress of a first download, saying what was
	 * inferred for a folder without a descriptor and why a model asked to run on CUDA runs on the CPU.
	 */
	SamModel loadModel(ModelChoice choice) {
		ConsoleProgress progress = new ConsoleProgress(this);
		SamModel model;
		try {
			model = SamModel.load(choice.model, progress, SessionSettings.DEFAULT.withDevice(choice.device));
		}
		finally {
			progress.finish();
		}
		if (model.inferred() != null) note(model.inferred());
		if (model.deviceNote() != null) note(model.deviceNote());
		return model;
	}

	/** One line on stderr that is not an error: "sam-ij: note: ...". */
	public void note(String text) {
		err.println("sam-ij: note: " + Main.oneLine(text));
	}
}
