package io.github.samij.cli;

import io.github.samij.core.model.SamModel;

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
	 * The model in {@code dir}, saying what was inferred for a folder without a descriptor; or, for
	 * {@code null}, the default model, with the progress of its first download.
	 */
	public SamModel loadModel(Path dir) {
		if (dir != null) {
			SamModel model = SamModel.load(dir);
			if (model.inferred() != null) note(model.inferred());
			return model;
		}
		ConsoleProgress progress = new ConsoleProgress(this);
		try {
			return SamModel.loadDefault(progress);
		}
		finally {
			progress.finish();
		}
	}

	/** One line on stderr that is not an error: "sam-ij: note: ...". */
	public void note(String text) {
		err.println("sam-ij: note: " + Main.oneLine(text));
	}
}
