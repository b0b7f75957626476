package io.github.samij.cli;

/**
 * A mistake on the command line or in an input file the user named: an unknown option, a
 * malformed value, a missing or unreadable image. {@link Main} prints the message as one line and
 * exits with status 2, so scripts can tell "you called me wrong" from "it failed" (status 1).
 */
public final class UsageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}
