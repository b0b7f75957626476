package io.github.samij.cli;

/** A subcommand of {@code sam-ij}: the options it takes, and what it does with them. */
public interface Subcommand {

	/** The options, declared once. */
	Options options();

	/** Runs with the options given (help is handled before); returns the exit status. */
	int run(Options.Values options);
}
