package io.github.samij.cli;

import java.util.List;

/**
 * Walks a subcommand's arguments as {@code --name value} or {@code --name=value} pairs, and flags
 * ({@code --name} alone). A value may itself start with a dash (a negative coordinate), except that
 * a value starting with {@code --} is taken for a forgotten value.
 */
final class OptionReader {

	private final String command;
	private final List<String> args;
	private int next;
	private String name;
	private String inlineValue;

	OptionReader(String command, List<String> args) {
		this.command = command;
		this.args = args;
	}

	boolean hasNext() {
		return next < args.size();
	}

	/** The next option's name, e.g. {@code --image}; {@code --help} and {@code -h} are returned as {@code --help}. */
	String nextOption() {
		String arg = args.get(next++);
		if (arg.equals("-h") || arg.equals("--help")) return name = "--help";
		if (!arg.startsWith("--") || arg.length() == 2)
			throw new UsageException("unexpected argument '" + arg + "' for " + command
				+ "; options look like --name value (see 'sam-ij help')");
		int eq = arg.indexOf('=');
		name = eq < 0 ? arg : arg.substring(0, eq);
		inlineValue = eq < 0 ? null : arg.substring(eq + 1);
		return name;
	}

	/** The current option's value. */
	String value(String placeholder) {
		if (inlineValue != null) return inlineValue;
		if (next >= args.size() || args.get(next).startsWith("--"))
			throw new UsageException(name + " needs a value: " + name + " " + placeholder);
		return args.get(next++);
	}

	/** The current option as a flag: {@code true}; a flag given a value is a usage error. */
	boolean flag() {
		if (inlineValue != null) throw new UsageException(name + " takes no value; give " + name + " alone");
		return true;
	}

	UsageException unknown() {
		return new UsageException("unknown option '" + name + "' for " + command + " (see 'sam-ij help')");
	}

	UsageException twice() {
		return new UsageException(name + " is given twice; give it once");
	}
}
