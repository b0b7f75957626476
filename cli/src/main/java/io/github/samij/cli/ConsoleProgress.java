package io.github.samij.cli;

import io.github.samij.core.Progress;

import java.util.Locale;

/**
 * Shows progress (the model download) on stderr: on a terminal as one line rewritten in place,
 * otherwise (a log file, a test) as a new line per tenth, so logs do not fill with carriage
 * returns. Silent unless something is reported: a cached model reports nothing.
 */
public final class ConsoleProgress implements Progress {

	private final Console console;
	private int shownLength;
	private int lastTenth = -2;

	public ConsoleProgress(Console console) {
		this.console = console;
	}

	@Override
	public synchronized void report(String message, double fraction) {
		String line = "sam-ij: " + message
			+ (fraction >= 0 && fraction < 1 ? String.format(Locale.ROOT, " (%d%%)", (int) (fraction * 100)) : "");
		if (console.terminal) {
			StringBuilder s = new StringBuilder("\r").append(line);
			for (int i = line.length(); i < shownLength; i++)
				s.append(' ');
			console.err.print(s);
			console.err.flush();
			shownLength = line.length();
			return;
		}
		int tenth = fraction < 0 ? -1 : (int) (fraction * 10);
		if (tenth != lastTenth || tenth < 0) console.err.println(line);
		lastTenth = tenth;
	}

	/** Ends the updating line, so what follows starts on a fresh one. */
	public synchronized void finish() {
		if (shownLength > 0) console.err.println();
		shownLength = 0;
	}
}
