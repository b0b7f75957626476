package io.github.samij.ij.live;

import ij.gui.Roi;

import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Plane;
import io.github.samij.ij.convert.SamRois;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one live session is about: the object being segmented (its clicks, or box, so far), the
 * prompt sent last, and the result on screen — its masks as ROIs, the one chosen, the ones kept.
 * Listeners hear when the result on screen is chosen, kept or cleared, so the view can redraw it.
 * <p>
 * Event dispatch thread only (unsynchronized).
 */
final class LiveState {

	/** The object being segmented: its clicks (and box) so far. Its identity tells its results from others'. */
	private static final class Target {
		Prompt prompt;

		Target(Prompt prompt) {
			this.prompt = prompt;
		}
	}

	/**
	 * A prompt sent to the worker: what it asks, on which plane, for which object. Immutable: it
	 * travels to the worker with its request and comes back with the result.
	 */
	static final class Sent {
		final Prompt prompt;
		final Plane plane;
		private final Target target;

		Sent(Prompt prompt, Plane plane, Target target) {
			this.prompt = prompt;
			this.plane = plane;
			this.target = target;
		}
	}

	/** A result on screen: its masks as ROIs, which one is chosen, which were kept. */
	static final class Shown {
		final Sent sent;
		final Prediction prediction;
		final List<SamRois.MaskRoi> rois;
		final Set<Integer> kept = new HashSet<>();
		int chosen;

		Shown(Sent sent, Prediction prediction, List<SamRois.MaskRoi> rois) {
			this.sent = sent;
			this.prediction = prediction;
			this.rois = Collections.unmodifiableList(new ArrayList<>(rois));
		}

		Mask chosenMask() {
			return rois.isEmpty() ? null : rois.get(chosen).mask;
		}
	}

	private final List<Runnable> listeners = new ArrayList<>();
	/** The object being segmented, or {@code null}. */
	private Target target;
	private Sent sent;
	private Shown shown;

	/** {@code listener} runs after the result on screen was chosen, kept or cleared. */
	void onChange(Runnable listener) {
		listeners.add(listener);
	}

	/** A new object, segmented from {@code prompt}. */
	void startObject(Prompt prompt) {
		target = new Target(prompt);
	}

	/** Whether an object is being segmented. */
	boolean hasObject() {
		return target != null;
	}

	/**
	 * A foreground or background click on the object: the prompt that refines the chosen mask (its
	 * low-res logits as SAM's mask input, with every click so far), or all clicks so far when no mask
	 * of this object is shown.
	 */
	Prompt addPoint(double x, double y, boolean foreground) {
		target.prompt = target.prompt.withPoint(x, y, foreground);
		Mask chosen = shown != null && shown.sent.target == target ? shown.chosenMask() : null;
		return chosen != null ? target.prompt.withMaskInput(chosen.lowResLogits()) : target.prompt;
	}

	/** Remembers the prompt sent to the worker for the current object; a result answers it only if it is still the last. */
	Sent send(Prompt prompt, Plane plane) {
		sent = new Sent(prompt, plane, target);
		return sent;
	}

	/** The prompt sent last, or {@code null}. */
	Sent sent() {
		return sent;
	}

	/** Whether the prompt sent last has not been answered on screen yet. */
	boolean pending() {
		return sent != null && (shown == null || shown.sent != sent);
	}

	/** Puts a result on screen (it answers {@link #sent()}); its preview comes ready-made, so listeners are not told. */
	void show(Shown result) {
		shown = result;
	}

	/** The result on screen, or {@code null}. */
	Shown shown() {
		return shown;
	}

	/** Chooses mask {@code index} of the result on screen. */
	void choose(int index) {
		shown.chosen = index;
		changed();
	}

	/** The index of the mask of rank {@code rank} on screen, or -1. */
	int indexOfRank(int rank) {
		for (int i = 0; i < shown.rois.size(); i++)
			if (shown.rois.get(i).mask.rank() == rank) return i;
		return -1;
	}

	/** Marks the chosen mask kept; returns its ROI, or {@code null} when it was kept before. */
	Roi keepChosen() {
		if (!shown.kept.add(shown.chosen)) return null;
		changed();
		return shown.rois.get(shown.chosen).roi;
	}

	/** Forgets the object, what was sent and what is shown (the view is told). */
	void clear() {
		target = null;
		sent = null;
		boolean had = shown != null;
		shown = null;
		if (had) changed();
	}

	/** "mask 2 of 3 chosen (subpart, IoU 0.96)". */
	String describeChosen() {
		SamRois.MaskRoi m = shown.rois.isEmpty() ? null : shown.rois.get(shown.chosen);
		if (m == null) return "SAM returned no mask for this prompt; click elsewhere.";
		return String.format(Locale.ROOT, "mask %d of %d chosen (%s, IoU %.2f)", shown.chosen + 1, shown.rois.size(),
			m.mask.scale(), m.mask.iou());
	}

	private void changed() {
		for (Runnable l : listeners) l.run();
	}
}
