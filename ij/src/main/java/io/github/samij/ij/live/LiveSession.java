package io.github.samij.ij.live;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageWindow;
import ij.gui.Roi;
import ij.gui.Toolbar;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.SamException;
import io.github.samij.core.live.LiveEngine;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;
import io.github.samij.ij.convert.ImageInput;
import io.github.samij.ij.convert.PromptInput;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.InstanceLabels;
import io.github.samij.ij.output.RoiOutput;

import java.awt.EventQueue;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live annotation on one image: the selections and clicks the user makes with ImageJ's point and
 * rectangle tools ({@link LiveInput}) become prompts for a {@link LiveEngine}, which encodes and
 * decodes on its worker thread; their masks come back as a preview ({@link LivePreview},
 * {@link LiveView}) of a result in the session's {@link LiveState}, where keys choose, keep and
 * clear.
 * <p>
 * <b>Threads.</b> Everything that touches ImageJ's GUI state (the selection, the overlay, the ROI
 * Manager, listeners, the status bar) runs on the event dispatch thread, which never waits for ONNX
 * Runtime. The image is read there too: each plane (and each change ImageJ reports) is handed to the
 * engine as a snapshot. The worker encodes, decodes, and traces the masks into ROIs and builds the
 * preview; the result comes back to the event dispatch thread and is shown only if it answers the
 * latest prompt on the plane shown, so a result for another slice, an earlier click or a closed
 * image is dropped, never drawn. Each session touches only its own image.
 * <p>
 * Created, started and ended by {@link LiveMode}; every method is for the event dispatch thread
 * unless it says otherwise.
 */
public final class LiveSession {

	private final ImagePlus imp;
	private final LiveEngine engine;
	private final LiveState state = new LiveState();
	private final LiveView view;
	private final LiveInput input;
	private volatile LiveProbe probe = LiveProbe.NONE;
	private boolean on;
	private Plane plane;
	/** The engine generation whose image is encoded, or 0. */
	private long readyGeneration;

	LiveSession(ImagePlus imp, String model) {
		this.imp = imp;
		this.view = new LiveView(imp);
		this.input = new LiveInput(this, imp);
		this.engine = new LiveEngine(() -> Models.get(model), "sam-ij-live-" + imp.getID(), new Worker());
		state.onChange(() -> {
			LiveState.Shown s = state.shown();
			if (s == null) view.remove();
			else view.install(preview(s));
		});
	}

	/** Sets the probe told what this session does (tests, the latency harness); any thread. */
	public void setProbe(LiveProbe probe) {
		this.probe = probe == null ? LiveProbe.NONE : probe;
	}

	void begin() {
		on = true;
		plane = Plane.current(imp);
		input.attach();
		int tool = Toolbar.getToolId();
		if (tool != Toolbar.POINT && tool != Toolbar.RECTANGLE) IJ.setTool(Toolbar.POINT);
		view.status("encoding '" + imp.getTitle() + "'\u2026 you can click already.");
		engine.setImage(snapshot());
		input.forget();
		selectionChanged(); // a point or rectangle already there is segmented as soon as the image is encoded
	}

	/** Stops listening and drops whatever is in flight; the worker finishes its current task and ends. */
	void end(boolean touchImage) {
		if (!on) return;
		on = false;
		engine.close();
		LiveMode.ended(imp);
		input.detach();
		view.stopTicker();
		if (touchImage) view.remove();
		IJ.showStatus(LiveView.STATUS + "off for '" + imp.getTitle() + "'.");
	}

	private io.github.samij.core.ImageSource snapshot() {
		return ImageInput.snapshot(imp, plane, ImageInput.OWN_CHANNEL);
	}

	// ---------------------------------------------------------------- what the user does

	/** The selection changed (mouse released, or set by a macro or the ROI Manager). */
	void selectionChanged() {
		Roi roi = imp.getRoi();
		if (!input.isNew(roi)) return;
		if (!PromptInput.isPromptShape(roi)) return; // an oval, a deleted selection...: leave the preview as it is
		Prompt prompt;
		try {
			prompt = PromptInput.from(Collections.singletonList(roi), imp.getWidth(), imp.getHeight());
			prompt.checkInside(imp.getWidth(), imp.getHeight());
		}
		catch (SamException e) {
			view.status(e.getMessage());
			return;
		}
		state.startObject(prompt);
		submit(prompt, MaskMode.AUTO);
	}

	/**
	 * Adds a foreground or background click at image position (x, y) to the object being
	 * segmented, refining the chosen mask (its low-res logits as SAM's mask input, every click so
	 * far, single-mask output). Without an object yet, a foreground click starts one.
	 */
	public void refine(double x, double y, boolean foreground) {
		if (!on) return;
		input.remember(imp.getRoi());
		if (!(x >= 0 && y >= 0 && x <= imp.getWidth() && y <= imp.getHeight())) {
			view.status("that click lies outside the image.");
			return;
		}
		if (!state.hasObject()) {
			if (!foreground) {
				view.status("alt-click marks background; first click the object.");
				return;
			}
			Prompt click = Prompt.point(x, y);
			state.startObject(click);
			submit(click, MaskMode.AUTO);
			return;
		}
		submit(state.addPoint(x, y, foreground), MaskMode.SINGLE);
	}

	/** Chooses the next (+1) or previous (-1) mask. */
	public void cycle(int step) {
		LiveState.Shown s = state.shown();
		if (s == null || s.rois.isEmpty()) {
			view.status("nothing to choose yet: click an object.");
			return;
		}
		int n = s.rois.size();
		choose(((s.chosen + step) % n + n) % n);
	}

	/** Chooses the mask of rank {@code rank} (1-based). */
	public void pick(int rank) {
		if (state.shown() == null) {
			view.status("nothing to choose yet: click an object.");
			return;
		}
		int index = state.indexOfRank(rank);
		if (index < 0) view.status("there is no mask " + rank + " (" + state.shown().rois.size() + " shown).");
		else choose(index);
	}

	private void choose(int index) {
		state.choose(index);
		view.status(state.describeChosen() + " \u2014 " + LiveInput.HELP);
	}

	/**
	 * Keeps the chosen mask: adds it to the ROI Manager, named, coloured and positioned as
	 * Segment Anything... names its ROIs. Returns the ROI added, or {@code null}.
	 */
	public Roi keep() {
		LiveState.Shown s = state.shown();
		if (s == null || s.rois.isEmpty()) {
			view.status("nothing to keep yet: click an object.");
			return null;
		}
		String name = s.rois.get(s.chosen).roi.getName();
		Roi chosen = state.keepChosen();
		if (chosen == null) {
			view.status("'" + name + "' is already in the ROI Manager.");
			return null;
		}
		boolean fresh = RoiManager.getInstance() == null;
		Roi added = RoiOutput.addToManager(imp, chosen);
		if (fresh) refocus(); // the new ROI Manager window took the focus, and with it the keys
		String labelled = "";
		ImagePlus labels = InstanceLabels.of(imp);
		if (labels != null) {
			int label = InstanceLabels.append(labels, plane, s.rois.get(s.chosen).mask);
			labelled = label == 0 ? " (it covers no background of '" + labels.getTitle() + "': no label added)"
				: " and as label " + label + " of '" + labels.getTitle() + "'";
		}
		view.status("kept '" + name + "' as ROI " + RoiOutput.manager().getCount() + " in the ROI Manager" + labelled + ". "
			+ LiveInput.HELP);
		return added;
	}

	/**
	 * Removes the label under the mouse from the image's Segment All label image; {@code false}
	 * (nothing done) when the image has none open.
	 */
	boolean deleteLabelUnderMouse() {
		ImagePlus labels = InstanceLabels.of(imp);
		java.awt.Point at = input.mouse();
		if (labels == null || at == null) return false;
		int label = InstanceLabels.remove(labels, plane, at.x, at.y);
		view.status((label == 0 ? "no label under the mouse in '" + labels.getTitle() + "'"
			: "removed label " + label + " from '" + labels.getTitle() + "'") + ". " + LiveInput.HELP);
		return true;
	}

	/** Clears the preview, the clicks and the point or rectangle selection. */
	public void clear() {
		engine.cancel();
		state.clear();
		if (PromptInput.isPromptShape(imp.getRoi())) imp.deleteRoi();
		input.remember(imp.getRoi());
		view.status("cleared. " + LiveInput.HELP);
	}

	/** {@link #clear()} when there is something to clear; {@code false} (nothing done) otherwise. */
	boolean clearIfAny() {
		if (state.shown() == null && !state.hasObject() && !PromptInput.isPromptShape(imp.getRoi())) return false;
		clear();
		return true;
	}

	private void submit(Prompt prompt, MaskMode mode) {
		boolean replaces = state.pending();
		engine.submit(prompt, mode, Models.liveRanking(), state.send(prompt, plane));
		probe.submitted(prompt, plane);
		if (!isReady())
			view.status("encoding '" + imp.getTitle() + "'\u2026 your click is queued"
				+ (replaces ? " (it replaces the click queued before it)." : " and will be segmented when ready."));
	}

	// ---------------------------------------------------------------- what ImageJ says

	/** ImageJ says the image was updated: another plane, or new pixels or display settings on this one. */
	void imageUpdated() {
		Plane now = Plane.current(imp);
		if (now.equals(plane)) {
			engine.updateImage(snapshot()); // encoded again if SAM's input changed
			return;
		}
		boolean pending = state.pending();
		plane = now;
		readyGeneration = 0;
		engine.setImage(snapshot());
		state.clear();
		view.status((pending ? "the plane changed before your click was segmented there; " : "") + "encoding " + now + " of '"
			+ imp.getTitle() + "'\u2026" + (pending ? " (a point or rectangle selection is segmented here once it is)" : ""));
		input.forget();
		selectionChanged();
	}

	// ---------------------------------------------------------------- back from the worker

	/** The engine's reports, on the worker thread: ROIs are traced there, the rest is handed to the event thread. */
	private final class Worker implements LiveEngine.Listener {

		@Override
		public void encoding(long generation) {
			EventQueue.invokeLater(() -> {
				if (!on || generation != engine.generation()) return;
				readyGeneration = 0;
				String what = imp.getStackSize() > 1 ? plane + " of '" + imp.getTitle() + "'" : "'" + imp.getTitle() + "'";
				view.startTicker(what, engine::encodingSeconds, () -> state.pending() && state.shown() == null);
			});
		}

		@Override
		public void ready(long generation, double seconds) {
			EventQueue.invokeLater(() -> {
				if (!on || generation != engine.generation()) return;
				readyGeneration = generation;
				view.stopTicker(seconds);
				if (!state.pending()) view.status("ready. " + LiveInput.HELP);
			});
		}

		@Override
		public void decoding(LiveEngine.Request request) {
			probe.decoding(request.prompt);
		}

		@Override
		public void result(LiveEngine.Request request, Prediction prediction) {
			probe.decoded(prediction);
			LiveState.Sent sent = (LiveState.Sent) request.tag;
			List<SamRois.MaskRoi> rois = SamRois.of(prediction.masks(), prediction.masks().size(), sent.prompt, sent.plane, imp,
				true);
			LiveState.Shown shown = new LiveState.Shown(sent, prediction, rois);
			List<Roi> preview = preview(shown);
			probe.built(prediction);
			EventQueue.invokeLater(() -> show(shown, preview));
		}

		@Override
		public void failed(long generation, LiveEngine.Request request, RuntimeException failure) {
			if (!(failure instanceof SamException)) probe.unexpected(failure);
			EventQueue.invokeLater(() -> {
				// Stale (image closed, slice changed, newer click): nobody is waiting for it.
				if (!on || generation != engine.generation() || request != null && request.tag != state.sent()) return;
				view.stopTicker();
				if (request == null) {
					Feedback.error(failure);
					end(true);
				}
				else if (failure instanceof SamException) view.status(failure.getMessage());
				else Feedback.error(failure);
			});
		}
	}

	private void show(LiveState.Shown shown, List<Roi> preview) {
		// Stale: live mode off, another prompt or plane since, or the window gone.
		if (!on || state.sent() != shown.sent || imp.getWindow() == null) return;
		state.show(shown);
		view.install(preview); // the preview built on the worker; later restyles build their own
		probe.shown(shown.prediction, shown.sent.plane);
		view.status(state.describeChosen() + " \u2014 " + LiveInput.HELP);
	}

	/** The preview ROIs of a result as it stands (chosen, kept); any thread. */
	private List<Roi> preview(LiveState.Shown s) {
		LiveProbe p = probe;
		AtomicBoolean first = new AtomicBoolean(true);
		Runnable painted = p == LiveProbe.NONE ? null : () -> {
			if (first.getAndSet(false)) p.painted(s.prediction);
		};
		return LivePreview.build(s.rois, s.chosen, s.kept, s.sent.prompt, s.sent.plane, imp, painted);
	}

	private void refocus() {
		ImageWindow w = imp.getWindow();
		if (w == null) return;
		w.toFront();
		if (imp.getCanvas() != null) imp.getCanvas().requestFocus();
	}

	// ---------------------------------------------------------------- what tests and scripts read

	/** The prediction on screen, or {@code null}. */
	public Prediction preview() {
		return state.shown() == null ? null : state.shown().prediction;
	}

	/** The ROIs of the masks on screen (as the ROI Manager would get them), in rank order. */
	public List<SamRois.MaskRoi> previewRois() {
		return state.shown() == null ? Collections.emptyList() : state.shown().rois;
	}

	/** Index into {@link #previewRois()} of the chosen mask, or -1. */
	public int chosen() {
		return state.shown() == null ? -1 : state.shown().chosen;
	}

	/** Whether the current plane is encoded. */
	public boolean isReady() {
		return on && readyGeneration == engine.generation();
	}

	public boolean isOn() {
		return on;
	}

	public ImagePlus image() {
		return imp;
	}

	/** Whether the encoder runs now; any thread. */
	public boolean isEncoding() {
		return engine.isEncoding();
	}

	/** Waits for the worker to end after live mode was turned off; {@code false} on time-out. Any thread. */
	public boolean awaitWorker(long millis) throws InterruptedException {
		return engine.awaitTermination(millis);
	}
}
