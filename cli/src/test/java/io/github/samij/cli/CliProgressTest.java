package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** How the model download shows on stderr. */
class CliProgressTest {

	private static String download(boolean terminal) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		ConsoleProgress p = new ConsoleProgress(new Console(err, err, terminal));
		for (int mb = 1; mb <= 36; mb++)
			p.report("Downloading SAM model " + mb + ".0 / 36.7 MB", mb / 36.7);
		p.report("Unpacking SAM model", -1);
		p.report("SAM model ready in /cache", 1);
		p.finish();
		return bytes.toString(StandardCharsets.UTF_8);
	}

	@Test
	void onATerminalOneLineIsRewrittenAndEndedOnce() {
		String shown = download(true);
		assertEquals(1, shown.chars().filter(c -> c == '\n').count(), "one line, ended by finish()");
		assertTrue(shown.endsWith("\n"));
		String[] states = shown.substring(1, shown.length() - 1).split("\r");
		assertEquals(38, states.length, "one rewrite per report");
		assertEquals("sam-ij: Downloading SAM model 1.0 / 36.7 MB (2%)", states[0]);
		// What a terminal shows: each \r rewrites from the first column; shorter messages must blank out the rest.
		StringBuilder screen = new StringBuilder();
		for (String state : states)
			screen.replace(0, Math.min(state.length(), screen.length()), state);
		assertEquals("sam-ij: SAM model ready in /cache", screen.toString().trim(), "no leftovers of longer lines");
	}

	@Test
	void inALogOneLinePerTenthAndNoCarriageReturns() {
		String shown = download(false);
		assertTrue(shown.indexOf('\r') < 0, shown);
		String[] lines = shown.split("\n");
		// 0%..90% tenths (10 lines), unpacking, ready.
		assertEquals(12, lines.length, shown);
		assertEquals("sam-ij: Downloading SAM model 1.0 / 36.7 MB (2%)", lines[0]);
		assertEquals("sam-ij: Unpacking SAM model", lines[10]);
		assertEquals("sam-ij: SAM model ready in /cache", lines[11]);
	}

	@Test
	void nothingIsShownWhenNothingIsReported() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		ConsoleProgress p = new ConsoleProgress(new Console(err, err, true));
		p.finish();
		assertEquals(0, bytes.size(), "a cached model prints nothing, not even an empty line");
	}
}
