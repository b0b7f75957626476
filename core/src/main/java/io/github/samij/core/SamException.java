package io.github.samij.core;

/**
 * A problem a user can act on: a missing or invalid model, a prompt outside the image, an image
 * the pipeline cannot take. The message is one complete sentence meant to be shown as it is (on a
 * command line, in the ImageJ log or a dialog), saying what is wrong and what to do; callers show
 * {@link #getMessage()} and never the stack trace.
 */
public class SamException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SamException(String message) {
		super(message);
	}

	public SamException(String message, Throwable cause) {
		super(message, cause);
	}
}
