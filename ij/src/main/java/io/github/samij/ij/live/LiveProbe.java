package io.github.samij.ij.live;

import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;

/**
 * Hooks into one live session, set from outside ({@link LiveSession#setProbe}) by tests and the
 * latency harness: what live mode did, and when, without timing code in live mode itself. Every
 * method does nothing by default. Each says on which thread it is called; implementations must be
 * quick and must not throw.
 */
public interface LiveProbe {

	/** Does nothing. */
	LiveProbe NONE = new LiveProbe() { };

	/** Event thread: a click or selection became {@code prompt}, sent to be segmented on {@code plane}. */
	default void submitted(Prompt prompt, Plane plane) { }

	/** Worker thread: the decode of {@code prompt} starts. */
	default void decoding(Prompt prompt) { }

	/** Worker thread: the masks are decoded. */
	default void decoded(Prediction prediction) { }

	/** Worker thread: the masks are ROIs and the preview is built. */
	default void built(Prediction prediction) { }

	/** Event thread: the preview of {@code prediction}, segmented on {@code plane}, is in the image's overlay. */
	default void shown(Prediction prediction, Plane plane) { }

	/** Event thread: a preview of {@code prediction} was painted on screen for the first time (its last ROI was drawn). */
	default void painted(Prediction prediction) { }

	/** Any thread: a failure that is not a user's mistake (a bug); live mode also reports it to the user. */
	default void unexpected(Throwable failure) { }
}
