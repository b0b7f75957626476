package io.github.samij.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of a command line's entry point with its exit status and captured output. */
public final class Invocation {

	/** An entry point: arguments in, exit status out, everything printed to the two streams. */
	public interface EntryPoint {
		int run(String[] args, PrintStream out, PrintStream err);
	}

	public final int status;
	public final String out;
	public final String err;

	private Invocation(int status, ByteArrayOutputStream out, ByteArrayOutputStream err) {
		this.status = status;
		this.out = out.toString(StandardCharsets.UTF_8);
		this.err = err.toString(StandardCharsets.UTF_8);
	}

	/** A run of {@link Main#run} that must succeed (status 0). */
	public static Invocation ok(String... args) {
		Invocation run = of(args);
		if (run.status != 0) throw new AssertionError("sam-ij " + String.join(" ", args) + " failed: " + run);
		return run;
	}

	/** A run of {@link Main#run}. */
	public static Invocation of(String... args) {
		return of(Main::run, args);
	}

	public static Invocation of(EntryPoint main, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int status;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
			PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			status = main.run(args, o, e);
		}
		return new Invocation(status, out, err);
	}

	/** The stderr lines, without the final newline. */
	public String[] errLines() {
		return err.lines().toArray(String[]::new);
	}

	@Override
	public String toString() {
		return "status " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
	}
}
