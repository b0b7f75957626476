package io.github.samij.bench;

import io.github.samij.cli.Console;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code sam-ij bench}: the benchmark's entry point, in a module of its own because the click
 * through the ImageJ plugin needs ImageJ on the class path and the command line must not have it.
 * {@code bin/sam-ij bench ...} runs this with the arguments after {@code bench}; failures follow the
 * command line's contract ({@link io.github.samij.cli.Main#guarded}).
 */
public final class Main {

	private Main() { }

	public static void main(String[] args) {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the benchmark with the options after {@code bench}; returns the exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return io.github.samij.cli.Main.guarded(out, err,
			() -> io.github.samij.cli.Main.run(new BenchCommand(new Console(out, err)), Arrays.asList(args), out));
	}
}
