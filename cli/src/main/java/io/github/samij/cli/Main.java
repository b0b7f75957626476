package io.github.samij.cli;

import io.github.samij.core.SamException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code sam-ij} command: {@code segment}, {@code segment-all}, {@code batch}, {@code demo}, {@code bench}, {@code eval},
 * {@code models}, {@code install} and {@code help}. Every failure
 * ends as one line on stderr naming the problem and what to do, and an exit status: 2 for a wrong
 * command line or input file, 1 for a failure while running. Stack traces are never shown, except
 * for internal errors when {@code SAMIJ_DEBUG=1}.
 */
public final class Main {

	/** Exit status of a wrong command line or input file. */
	public static final int USAGE = 2;
	/** Exit status of a failure while running: model, segmentation, writing, internal error. */
	public static final int FAILURE = 1;

	private Main() { }

	public static void main(String[] args) {
		// No window is ever opened; headless AWT also works without a display. An explicit
		// -Djava.awt.headless=false is kept (the benchmark's ImageJ click then uses the ROI Manager).
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command; returns the exit status. Everything is printed to {@code out} and {@code err}. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return guarded(out, err, () -> {
			List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
			String command = args.length == 0 ? "help" : args[0];
			Console console = new Console(out, err);
			switch (command) {
				case "help":
				case "--help":
				case "-h":
					out.print(Usage.TEXT);
					return 0;
				case "segment":
					return run(new SegmentCommand(console), rest, out);
				case "segment-all":
					return run(new SegmentAllCommand(console), rest, out);
				case "batch":
					return run(new BatchCommand(console), rest, out);
				case "demo":
					return run(new DemoCommand(console), rest, out);
				case "eval":
					return run(new EvalCommand(console), rest, out);
				case "install":
					return new InstallCommand(console).run(rest);
				case "models":
					return new ModelsCommand(console).run(rest);
				case "bench":
					throw new UsageException("bench clicks through the ImageJ plugin, so it runs from the bench module, with "
						+ "ImageJ on its class path: use bin/sam-ij bench");
				default:
					throw new UsageException((command.startsWith("-") ? "unknown option '" : "unknown command '") + command
						+ "'; the commands are segment, segment-all, batch, demo, bench, eval, models, install and help (" + Usage.HINT + ")");
			}
		});
	}

	/** Runs {@code command} with {@code args}, or prints the help when they ask for it. */
	public static int run(Subcommand command, List<String> args, PrintStream out) {
		Options.Values options = command.options().parse(args);
		if (options.help()) {
			out.print(Usage.TEXT);
			return 0;
		}
		return command.run(options);
	}

	/** A command's work, returning its exit status. */
	public interface Work {
		int run();
	}

	/**
	 * Runs {@code work} under the command line's contract: a {@link UsageException} is one line on
	 * {@code err} and status {@value #USAGE}, a {@link SamException} one line and {@value #FAILURE},
	 * anything else one line naming an internal error (its stack trace only with
	 * {@code SAMIJ_DEBUG=1}).
	 */
	public static int guarded(PrintStream out, PrintStream err, Work work) {
		try {
			return work.run();
		}
		catch (UsageException e) {
			err.println("sam-ij: " + oneLine(e.getMessage()));
			return USAGE;
		}
		catch (SamException e) {
			err.println("sam-ij: " + oneLine(e.getMessage()));
			return FAILURE;
		}
		catch (OutOfMemoryError e) {
			err.println("sam-ij: out of memory; give Java more, e.g. JAVA_OPTS=-Xmx4g (bin/sam-ij uses -Xmx2g)");
			return FAILURE;
		}
		catch (RuntimeException | Error e) {
			err.println("sam-ij: internal error: " + oneLine(String.valueOf(e)));
			if ("1".equals(System.getenv("SAMIJ_DEBUG"))) e.printStackTrace(err);
			return FAILURE;
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	/** Messages go on one line: the contract with scripts reading stderr. */
	public static String oneLine(String message) {
		return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
	}
}
