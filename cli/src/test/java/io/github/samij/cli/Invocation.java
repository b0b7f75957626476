package io.github.samij.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of {@link Main#run} with its exit status and captured output. */
final class Invocation {

	final int status;
	final String out;
	final String err;

	private Invocation(int status, String out, String err) {
		this.status = status;
		this.out = out;
		this.err = err;
	}

	static Invocation of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int status;
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
			PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
		{
			status = Main.run(args, o, e);
		}
		return new Invocation(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** The stderr lines, without the final newline. */
	String[] errLines() {
		return err.lines().toArray(String[]::new);
	}

	@Override
	public String toString() {
		return "status " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
	}
}
