package io.github.samij.ij;

import ij.macro.Interpreter;

/**
 * Runs macro code (or a macro file's text) through ImageJ's interpreter with an argument for
 * {@code getArgument()}, on a thread named "Run$_..." as ImageJ does, and catches a macro error's
 * message instead of showing the error dialog (which would wait for a click).
 */
final class MacroRun {

	/** What the macro returned ({@code return x;} at its top level), or {@code null}. */
	final String value;
	/** The message of the error that stopped the macro, or {@code null}. */
	final String error;

	private MacroRun(String value, String error) {
		this.value = value;
		this.error = error;
	}

	static MacroRun run(String code, String argument) {
		String[] out = new String[2];
		Throwable[] failure = new Throwable[1];
		Thread t = new Thread(() -> {
			Interpreter interp = new Interpreter();
			interp.setIgnoreErrors(true);
			try {
				out[0] = interp.run(code, argument);
			}
			catch (Throwable e) {
				failure[0] = e;
			}
			out[1] = interp.getErrorMessage();
		}, "Run$_test-macro");
		t.start();
		try {
			t.join(600_000);
		}
		catch (InterruptedException e) {
			throw new AssertionError("interrupted", e);
		}
		if (t.isAlive()) throw new AssertionError("macro still running after 10 minutes (waiting for a dialog?)");
		if (failure[0] != null) throw new AssertionError("macro failed: " + failure[0], failure[0]);
		return new MacroRun(out[0], out[1]);
	}

	/** Runs and fails the test on a macro error. */
	static String ok(String code, String argument) {
		MacroRun r = run(code, argument);
		if (r.error != null) throw new AssertionError("macro error: " + r.error);
		return r.value;
	}
}
