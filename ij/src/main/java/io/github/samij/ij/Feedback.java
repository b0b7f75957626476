package io.github.samij.ij;

import ij.IJ;
import ij.macro.Interpreter;

import io.github.samij.core.SamException;

import java.awt.GraphicsEnvironment;

/**
 * Tells the user what went wrong, in one message and never with a stack trace: a dialog when
 * someone runs the command by hand, the ImageJ log in macros and without a display. Stateless.
 */
public final class Feedback {

	public static final String TITLE = "Segment Anything";

	private Feedback() { }

	/** Reports a failure of a run; {@code e}'s message is shown as is for {@link SamException}s. */
	public static void error(Throwable e) {
		String message = e instanceof SamException ? e.getMessage()
			: "Segment Anything failed unexpectedly (" + e + "). Nothing was added; please report this with the steps to "
				+ "reproduce it.";
		if (IJ.debugMode) IJ.handleException(e);
		// A dialog would stop a macro until someone clicks it: macros and headless runs get the log.
		if (GraphicsEnvironment.isHeadless() || IJ.isMacro() || Interpreter.isBatchMode()) IJ.log(TITLE + ": " + message);
		else IJ.error(TITLE, message);
	}

	/**
	 * Reports a finished run: the summary in the status bar (and the log without a display);
	 * a run that added nothing also goes to the log, so a macro's user sees why.
	 */
	public static void report(SegmentAnything.Result result) {
		IJ.showStatus(result.summary);
		if (result.rois.isEmpty() || GraphicsEnvironment.isHeadless()) IJ.log(TITLE + ": " + result.summary);
	}
}
