package io.github.samij.core;

/**
 * Receives progress of long operations (model download, stack runs). Implementations decide where
 * it shows: ImageJ's status bar, a command line, nowhere. Called from the worker's thread.
 */
@FunctionalInterface
public interface Progress {

	/** Ignores all progress. */
	Progress NONE = (message, fraction) -> { };

	/**
	 * @param message what is happening, e.g. "Downloading SAM model 12.0 / 36.7 MB"
	 * @param fraction done so far in [0, 1], or a negative value when unknown
	 */
	void report(String message, double fraction);
}
