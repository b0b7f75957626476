package io.github.samij.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a subcommand takes, declared once: options with a value ({@code --name value} or
 * {@code --name=value}), options that may repeat, and flags ({@code --name} alone). {@link #parse}
 * reads one command line into {@link Values}. A value may itself start with a dash (a negative
 * coordinate), except that a value starting with {@code --} is taken for a forgotten value.
 * {@code -h} and {@code --help} ask for help. Every mistake is a {@link UsageException} naming the
 * option. Declare from one thread; once declared, parsing is thread-safe.
 */
public final class Options {

	private final String command;
	/** Option name → placeholder of its value, or {@code null} for a flag. */
	private final Map<String, String> declared = new LinkedHashMap<>();
	private final List<String> repeatable = new ArrayList<>();

	/** The options of subcommand {@code command} (named in messages). */
	public Options(String command) {
		this.command = command;
	}

	/** An option with a value, given at most once; {@code placeholder} names the value in messages ("DIR"). */
	public Options value(String name, String placeholder) {
		declared.put(name, placeholder);
		return this;
	}

	/** An option with a value that may be given several times. */
	public Options values(String name, String placeholder) {
		repeatable.add(name);
		return value(name, placeholder);
	}

	/** An option without a value. */
	public Options flag(String name) {
		declared.put(name, null);
		return this;
	}

	/** Reads {@code args}; stops at a request for help. */
	public Values parse(List<String> args) {
		Values v = new Values();
		for (int next = 0; next < args.size();) {
			String arg = args.get(next++);
			if (arg.equals("-h") || arg.equals("--help")) {
				v.help = true;
				return v;
			}
			if (!arg.startsWith("--") || arg.length() == 2)
				throw new UsageException("unexpected argument '" + arg + "' for " + command
					+ "; options look like --name value (see 'sam-ij help')");
			int eq = arg.indexOf('=');
			String name = eq < 0 ? arg : arg.substring(0, eq), inline = eq < 0 ? null : arg.substring(eq + 1);
			if (!declared.containsKey(name))
				throw new UsageException("unknown option '" + name + "' for " + command + " (see 'sam-ij help')");
			if (v.values.containsKey(name) && !repeatable.contains(name))
				throw new UsageException(name + " is given twice; give it once");
			String placeholder = declared.get(name), value;
			if (placeholder == null) {
				if (inline != null) throw new UsageException(name + " takes no value; give " + name + " alone");
				value = "";
			}
			else if (inline != null) value = inline;
			else if (next < args.size() && !args.get(next).startsWith("--")) value = args.get(next++);
			else throw new UsageException(name + " needs a value: " + name + " " + placeholder);
			v.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
		}
		return v;
	}

	/** The options given on one command line. Read from one thread. */
	public static final class Values {
		private final Map<String, List<String>> values = new LinkedHashMap<>();
		private boolean help;

		private Values() { }

		/** Whether help was asked for ({@code -h}, {@code --help}). */
		public boolean help() {
			return help;
		}

		/** Whether the option (a flag, or an option with a value) was given. */
		public boolean has(String name) {
			return values.containsKey(name);
		}

		/** The option's value, or {@code null} when it was not given. */
		public String get(String name) {
			List<String> v = values.get(name);
			return v == null ? null : v.get(0);
		}

		/** Every value of a repeatable option, in order; empty when it was not given. */
		public List<String> all(String name) {
			return values.getOrDefault(name, List.of());
		}

		/** The option's value as a path, or {@code null} when it was not given. */
		public Path path(String name) {
			String text = get(name);
			if (text == null) return null;
			if (text.isBlank()) throw new UsageException(name + " is empty; give a path");
			try {
				return Paths.get(text);
			}
			catch (InvalidPathException e) {
				throw new UsageException(name + " '" + text + "' is not a valid path: " + e.getReason());
			}
		}

		/**
		 * The option's value as a whole number of at least {@code min}, or {@code otherwise} when it
		 * was not given; {@code expects} says what it is in the message for anything else.
		 */
		public int integer(String name, int min, int otherwise, String expects) {
			String text = get(name);
			if (text == null) return otherwise;
			try {
				int v = Integer.parseInt(text.trim());
				if (v >= min) return v;
			}
			catch (NumberFormatException e) {
				// the message below
			}
			throw new UsageException(name + " expects " + expects + ", got '" + text + "'");
		}
	}
}
