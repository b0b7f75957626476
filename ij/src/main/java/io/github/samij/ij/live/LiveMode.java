package io.github.samij.ij.live;

import ij.IJ;
import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.gui.RoiListener;
import ij.gui.TextRoi;
import ij.gui.Toolbar;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.Embedding;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.ImageInput;
import io.github.samij.ij.Models;
import io.github.samij.ij.Plane;
import io.github.samij.ij.PromptInput;
import io.github.samij.ij.SamRois;

import java.awt.Component;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.swing.Timer;

/**
 * Live annotation on one image: while it is on, every point or rectangle the user makes with
 * ImageJ's own tools is segmented as soon as the mouse is released, and SAM's masks are shown at once
 * as a preview overlay (coloured by rank, labelled with scale and IoU, the chosen one filled). Keys
 * choose, keep, refine and clear (see {@link #HELP} and docs/live-mode.md).
 * <p>
 * <b>Listening, not replacing.</b> A mouse listener on the image canvas (it runs after ImageJ's
 * own, so the selection is already what the tool made of the click), a ROI listener (selections
 * set by macros or the ROI Manager), an image listener (plane changes, new pixels, closing) and a
 * {@link KeyEventDispatcher} limited to the image's window. Keys go through the dispatcher, not a
 * key listener on the canvas, because ImageJ's key listener comes first there and acts on Tab
 * (window behind), Enter (ImageJ to front), Escape (abort) and single-letter shortcuts; the
 * dispatcher sees them first and consumes only live mode's keys. Everything is removed on stop.
 * <p>
 * <b>Threads.</b> Everything that touches ImageJ's GUI state (the selection, the overlay, the ROI
 * Manager, listeners, the status bar timer) runs on the event dispatch thread; that thread never
 * waits for ONNX Runtime. Encoding, decoding and tracing the masks into ROIs run on one worker
 * thread per live image, in order: a click made while the image is still being encoded is queued
 * behind the encoding. Only the latest click waits: an older one still in the queue is replaced
 * (and the status bar says so), and a refinement carries every click made so far anyway.
 * <p>
 * <b>Stale results.</b> A generation counter is bumped whenever the plane changes (slice, channel,
 * frame) and when live mode stops (image closed, mode turned off); every request carries its
 * generation, and a result is shown only if its generation is current and it answers the latest
 * request. So a result for another slice, an earlier click or a closed image is dropped, never drawn.
 * Each live mode touches only its own image, whatever image is current.
 * <p>
 * Start and stop with {@link #start}, {@link #stop} or {@link #toggle} from any thread (they run
 * on the event dispatch thread); all other methods are for the event dispatch thread.
 */
public final class LiveMode {

	/** The key and mouse bindings, as shown in the status bar. */
	public static final String HELP = "click: segment \u00b7 shift-click: add \u00b7 alt-click: remove \u00b7 "
		+ "Tab / 1 2 3: choose \u00b7 Enter or k: keep \u00b7 Esc or c: clear";
	static final String STATUS = "Live SAM: ";

	/** Live modes by image (identity), confined to the event dispatch thread. */
	private static final Map<ImagePlus, LiveMode> ACTIVE = new IdentityHashMap<>();
	/** Worker threads alive, for tests that check nothing leaks. */
	static final AtomicInteger WORKERS = new AtomicInteger();
	/** Errors that were not {@link SamException}s, for tests. */
	static final AtomicInteger UNEXPECTED = new AtomicInteger();

	private final ImagePlus imp;
	private final String model;
	private final ExecutorService worker;
	private final Listeners listeners = new Listeners();
	/** Bumped on every plane change and on stop: requests of an older generation are dropped. */
	private final AtomicLong generation = new AtomicLong(1);
	/** The click waiting for the worker (latest wins); taken by the worker. */
	private final AtomicReference<Request> latest = new AtomicReference<>();
	private final AtomicBoolean syncQueued = new AtomicBoolean();
	private final AtomicBoolean settleQueued = new AtomicBoolean();
	/** The plane the embedding must be of; set on the event thread, read by the worker. */
	private volatile Target wanted;

	// Event dispatch thread only.
	private boolean on;
	private ImageCanvas canvas;
	private Plane plane;
	private Session session;
	private Request requested;
	private Shown shown;
	private long readyGeneration;
	private boolean pressed;
	private boolean pressShift;
	private boolean pressAlt;
	/** The selection as last handled: its signature and a copy. */
	private String lastSelection;
	private Roi lastSelectionRoi;
	private Boolean overlayWasSelectable;
	private boolean overlayCreated;
	private Timer ticker;
	private double encodeSecondsEstimate = 3;
	private final Set<Integer> swallowing = new HashSet<>();
	private Consumer<Timing> timingListener;
	private Consumer<Timing> shownListener;

	// Worker thread only.
	private Current current;
	/** When the encoder started, or 0; written by the worker, read by the status ticker. */
	private volatile long encodingSince;

	private LiveMode(ImagePlus imp, String model) {
		this.imp = imp;
		this.model = model == null ? "" : model;
		String name = "sam-ij-live-" + imp.getID();
		this.worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(() -> {
				WORKERS.incrementAndGet();
				try {
					r.run();
				}
				finally {
					WORKERS.decrementAndGet();
				}
			}, name);
			t.setDaemon(true);
			return t;
		});
	}

	// ---------------------------------------------------------------- starting and stopping

	/** Turns live mode on for {@code imp} with the default model; returns the (possibly existing) live mode. */
	public static LiveMode start(ImagePlus imp) {
		return start(imp, "");
	}

	/**
	 * Turns live mode on for {@code imp}, which must be shown in a window, with a model folder
	 * ({@code ""} for the default model). Encoding starts at once, in the background.
	 *
	 * @throws SamException without a display or without an image window
	 */
	public static LiveMode start(ImagePlus imp, String modelDirectory) {
		return onEdt(() -> {
			if (imp == null) throw new SamException("No image is open: open an image, then turn live mode on.");
			LiveMode existing = ACTIVE.get(imp);
			if (existing != null) return existing;
			if (GraphicsEnvironment.isHeadless())
				throw new SamException("Live mode needs a display; use Segment Anything... or a macro without one.");
			if (imp.getWindow() == null || imp.getCanvas() == null)
				throw new SamException("Image '" + imp.getTitle() + "' is not shown in a window; show it, then turn live mode on.");
			LiveMode live = new LiveMode(imp, modelDirectory);
			ACTIVE.put(imp, live);
			live.begin();
			return live;
		});
	}

	/** Turns live mode off for {@code imp}; {@code false} if it was not on. */
	public static boolean stop(ImagePlus imp) {
		return onEdt(() -> {
			LiveMode live = imp == null ? null : ACTIVE.get(imp);
			if (live == null) return false;
			live.end(true);
			return true;
		});
	}

	/** Turns live mode on or off for {@code imp}; returns whether it is now on. */
	public static boolean toggle(ImagePlus imp) {
		return onEdt(() -> {
			if (imp != null && ACTIVE.containsKey(imp)) {
				stop(imp);
				return false;
			}
			start(imp);
			return true;
		});
	}

	/** The live mode of {@code imp}, or {@code null}. */
	public static LiveMode of(ImagePlus imp) {
		return onEdt(() -> ACTIVE.get(imp));
	}

	public static boolean isOn(ImagePlus imp) {
		return of(imp) != null;
	}

	/**
	 * For macros: {@code call("io.github.samij.ij.live.LiveMode.set", "on")} ("on", "off" or
	 * "toggle") on the current image; returns "on" or "off".
	 */
	public static String set(String state) {
		ImagePlus imp = ij.WindowManager.getCurrentImage();
		String s = state == null ? "toggle" : state.trim().toLowerCase(Locale.ROOT);
		try {
			if (s.equals("on")) start(imp);
			else if (s.equals("off")) stop(imp);
			else if (s.equals("toggle")) toggle(imp);
			else throw new SamException("Live mode can be set 'on', 'off' or 'toggle', not '" + state + "'.");
			return isOn(imp) ? "on" : "off";
		}
		catch (SamException e) {
			Feedback.error(e);
			return isOn(imp) ? "on" : "off";
		}
	}

	private void begin() {
		on = true;
		plane = Plane.current(imp);
		attach(imp.getCanvas());
		Roi.addRoiListener(listeners);
		ImagePlus.addImageListener(listeners);
		KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(listeners);
		int tool = Toolbar.getToolId();
		if (tool != Toolbar.POINT && tool != Toolbar.RECTANGLE) IJ.setTool(Toolbar.POINT);
		status("encoding '" + imp.getTitle() + "'\u2026 you can click already.");
		scheduleSync();
		forget();
		selectionChanged(0); // a point or rectangle already there is segmented as soon as the image is encoded
	}

	/** Detaches everything; the worker finishes its current task and ends. */
	private void end(boolean touchImage) {
		if (!on) return;
		on = false;
		generation.incrementAndGet();
		latest.set(null);
		ACTIVE.remove(imp);
		detach();
		Roi.removeRoiListener(listeners);
		ImagePlus.removeImageListener(listeners);
		KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(listeners);
		stopTicker();
		if (touchImage) removePreview();
		shown = null;
		session = null;
		requested = null;
		execute(() -> current = null); // after whatever runs now; the segmenter's cache keeps the embedding
		worker.shutdown();
		IJ.showStatus(STATUS + "off for '" + imp.getTitle() + "'.");
	}

	private void attach(ImageCanvas c) {
		if (c == canvas) return;
		detach();
		canvas = c;
		if (c != null) c.addMouseListener(listeners);
	}

	private void detach() {
		if (canvas != null) canvas.removeMouseListener(listeners);
		canvas = null;
	}

	// ---------------------------------------------------------------- what the user does

	/** The selection changed (mouse released, or set by a macro or the ROI Manager). */
	private void selectionChanged(long releasedAt) {
		Roi roi = imp.getRoi();
		String signature = signature(roi);
		if (signature.equals(lastSelection)) return;
		remember(roi);
		if (!isPromptShape(roi)) return; // an oval, a deleted selection...: leave the preview as it is
		Prompt prompt;
		try {
			prompt = PromptInput.from(Collections.singletonList(roi), imp.getWidth(), imp.getHeight());
			prompt.checkInside(imp.getWidth(), imp.getHeight());
		}
		catch (SamException e) {
			status(e.getMessage());
			return;
		}
		session = new Session(prompt);
		submit(prompt, MaskMode.AUTO, releasedAt);
	}

	/**
	 * Adds a foreground or background click at image position (x, y) to the object being
	 * segmented, refining the chosen mask (its low-res logits as SAM's mask input, every click so
	 * far, single-mask output). Without an object yet, a foreground click starts one.
	 */
	public void refine(double x, double y, boolean foreground) {
		refine(x, y, foreground, System.nanoTime());
	}

	private void refine(double x, double y, boolean foreground, long releasedAt) {
		if (!on) return;
		remember(imp.getRoi());
		if (!(x >= 0 && y >= 0 && x <= imp.getWidth() && y <= imp.getHeight())) {
			status("that click lies outside the image.");
			return;
		}
		if (session == null) {
			if (!foreground) {
				status("alt-click marks background; first click the object.");
				return;
			}
			session = new Session(Prompt.point(x, y));
			submit(session.prompt, MaskMode.AUTO, releasedAt);
			return;
		}
		session.prompt = session.prompt.withPoint(x, y, foreground);
		Mask chosen = shown != null && shown.session == session ? shown.chosenMask() : null;
		Prompt prompt = chosen != null ? session.prompt.withMaskInput(chosen.lowResLogits()) : session.prompt;
		submit(prompt, MaskMode.SINGLE, releasedAt);
	}

	/** Chooses the next (+1) or previous (-1) mask. */
	public void cycle(int step) {
		if (shown == null || shown.rois.isEmpty()) {
			status("nothing to choose yet: click an object.");
			return;
		}
		int n = shown.rois.size();
		choose(((shown.chosen + step) % n + n) % n);
	}

	/** Chooses the mask of rank {@code rank} (1-based). */
	public void pick(int rank) {
		if (shown == null) {
			status("nothing to choose yet: click an object.");
			return;
		}
		for (int i = 0; i < shown.rois.size(); i++)
			if (shown.rois.get(i).mask.rank() == rank) {
				choose(i);
				return;
			}
		status("there is no mask " + rank + " (" + shown.rois.size() + " shown).");
	}

	private void choose(int index) {
		shown.chosen = index;
		installPreview(shown.restyled(imp));
		status(describeChosen() + " \u2014 " + HELP);
	}

	/**
	 * Keeps the chosen mask: adds it to the ROI Manager, named, coloured and positioned as
	 * Segment Anything... names its ROIs. Returns the ROI added, or {@code null}.
	 */
	public Roi keep() {
		if (shown == null || shown.rois.isEmpty()) {
			status("nothing to keep yet: click an object.");
			return null;
		}
		SamRois.MaskRoi chosen = shown.rois.get(shown.chosen);
		if (!shown.kept.add(shown.chosen)) {
			status("'" + chosen.roi.getName() + "' is already in the ROI Manager.");
			return null;
		}
		boolean fresh = RoiManager.getInstance() == null;
		RoiManager rm = RoiManager.getRoiManager();
		Roi roi = (Roi) chosen.roi.clone();
		rm.add(imp, roi, -1);
		installPreview(shown.restyled(imp));
		if (fresh) refocus(); // the new ROI Manager window took the focus, and with it the keys
		status("kept '" + chosen.roi.getName() + "' as ROI " + rm.getCount() + " in the ROI Manager. " + HELP);
		return roi;
	}

	/** Clears the preview, the clicks and the point or rectangle selection. */
	public void clear() {
		latest.set(null);
		requested = null;
		session = null;
		shown = null;
		removePreview();
		if (isPromptShape(imp.getRoi())) imp.deleteRoi();
		remember(imp.getRoi());
		status("cleared. " + HELP);
	}

	private void remember(Roi roi) {
		lastSelection = signature(roi);
		lastSelectionRoi = roi == null ? null : (Roi) roi.clone();
	}

	private void forget() {
		lastSelection = null;
		lastSelectionRoi = null;
	}

	private boolean hasSomethingToClear() {
		return shown != null || session != null || isPromptShape(imp.getRoi());
	}

	// ---------------------------------------------------------------- requests and the worker

	private void submit(Prompt prompt, MaskMode mode, long releasedAt) {
		Request r = new Request(generation.get(), plane, prompt, mode, session, releasedAt == 0 ? System.nanoTime() : releasedAt);
		requested = r;
		Request replaced = latest.getAndSet(r);
		execute(this::decodeLatest);
		if (readyGeneration != generation.get())
			status("encoding '" + imp.getTitle() + "'\u2026 your click is queued"
				+ (replaced != null ? " (it replaces the click queued before it)." : " and will be segmented when ready."));
	}

	/** Has the worker bring the embedding up to date with the current plane (and its pixels). */
	private void scheduleSync() {
		wanted = new Target(generation.get(), plane);
		if (syncQueued.compareAndSet(false, true)) execute(() -> {
			syncQueued.set(false);
			Target t = wanted; // read when run: a sync queued for an older plane serves the newest
			try {
				ensure(t.generation, t.plane, true);
			}
			catch (RuntimeException | Error e) {
				failed(t.generation, null, e, true);
			}
		});
	}

	private void execute(Runnable task) {
		if (!worker.isShutdown()) worker.execute(task);
	}

	/** Worker: the embedding of {@code p}, encoding it if needed; {@code null} if the request went stale. */
	private Current ensure(long g, Plane p, boolean checkContent) {
		if (g != generation.get()) return null;
		if (!checkContent && current != null && current.generation == g && same(current.plane, p)) return current;
		SamImage image = ImageInput.of(imp, p, ImageInput.OWN_CHANNEL);
		if (current != null && current.generation == g && same(current.plane, p) && Objects.equals(current.key, image.key())) {
			EventQueue.invokeLater(() -> ready(g));
			return current;
		}
		Segmenter segmenter = Models.get(model);
		long start = System.nanoTime();
		boolean cached = image.key() != null && segmenter.cache().contains(image.key());
		if (!cached) {
			encodingSince = start;
			EventQueue.invokeLater(() -> startTicker(g));
		}
		Embedding e;
		try {
			e = segmenter.encode(image);
		}
		finally {
			encodingSince = 0;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (g != generation.get()) return null; // the slice changed or live mode stopped meanwhile: the cache keeps it
		current = new Current(e, p, g, image.key());
		EventQueue.invokeLater(() -> {
			if (!cached) encodeSecondsEstimate = seconds;
			ready(g);
		});
		return current;
	}

	/** Worker: decodes the latest click, traces its masks and builds the preview, off the event thread. */
	private void decodeLatest() {
		Request r = latest.getAndSet(null);
		if (r == null || r.generation != generation.get()) return;
		try {
			Current c = ensure(r.generation, r.plane, false);
			if (c == null) return;
			Timing t = new Timing(r.releasedAt, r.plane);
			hookBeforeDecode(); // tests hold the worker here, e.g. to turn live mode off while the decode runs
			Segmenter segmenter = Models.get(model);
			long ort = segmenter.model().decoderRunNanos();
			t.decodeStart = System.nanoTime();
			Prediction p = segmenter.decode(c.embedding, r.prompt, r.mode, Models.liveRanking());
			t.decoded = System.nanoTime();
			t.onnxRuntime = segmenter.model().decoderRunNanos() - ort; // exact unless another thread decodes meanwhile
			List<SamRois.MaskRoi> rois = SamRois.of(p.masks(), p.masks().size(), r.prompt, r.plane, imp, true);
			Shown s = new Shown(r, p, rois, t);
			List<Roi> preview = s.restyled(imp);
			t.built = System.nanoTime();
			EventQueue.invokeLater(() -> show(r, s, preview));
		}
		catch (RuntimeException | Error e) {
			failed(r.generation, r, e, false);
		}
	}

	private void failed(long g, Request r, Throwable e, boolean encoding) {
		EventQueue.invokeLater(() -> {
			// Stale (image closed, slice changed, newer click): nobody is waiting for it, and a closed
			// image may well fail to read.
			if (!on || g != generation.get() || r != null && r != requested) return;
			if (!(e instanceof SamException)) UNEXPECTED.incrementAndGet();
			stopTicker();
			if (encoding) {
				Feedback.error(e);
				end(true);
			}
			else if (e instanceof SamException) status(e.getMessage());
			else Feedback.error(e);
		});
	}

	// ---------------------------------------------------------------- back on the event dispatch thread

	private void ready(long g) {
		if (!on || g != generation.get() || readyGeneration == g) return;
		readyGeneration = g;
		stopTicker();
		if (requested == null || shown != null && shown.request == requested) status("ready. " + HELP);
	}

	private void show(Request r, Shown s, List<Roi> preview) {
		if (!on || r != requested || r.generation != generation.get() || imp.getWindow() == null) return; // stale
		shown = s;
		r.session.result = s;
		s.timing.shown = System.nanoTime();
		installPreview(preview);
		Consumer<Timing> l = shownListener;
		if (l != null) l.accept(s.timing);
		status(describeChosen() + " \u2014 " + HELP);
	}

	private String describeChosen() {
		SamRois.MaskRoi m = shown.rois.isEmpty() ? null : shown.rois.get(shown.chosen);
		if (m == null) return "SAM returned no mask for this prompt; click elsewhere.";
		return String.format(Locale.ROOT, "mask %d of %d chosen (%s, IoU %.2f)", shown.chosen + 1, shown.rois.size(),
			m.mask.scale(), m.mask.iou());
	}

	private void installPreview(List<Roi> preview) {
		Overlay o = imp.getOverlay();
		if (o == null) {
			o = new Overlay();
			overlayCreated = true;
		}
		LivePreview.removeFrom(o);
		for (Roi roi : preview) o.add(roi);
		if (overlayWasSelectable == null) overlayWasSelectable = o.isSelectable();
		o.selectable(false); // a long or double click on a preview mask must not turn it into the selection
		imp.setOverlay(o);
	}

	private void removePreview() {
		Overlay o = imp.getOverlay();
		if (o == null) return;
		LivePreview.removeFrom(o);
		if (overlayWasSelectable != null) o.selectable(overlayWasSelectable);
		overlayWasSelectable = null;
		if (o.size() == 0 && overlayCreated) imp.setOverlay(null);
		else imp.setOverlay(o);
		overlayCreated = false;
	}

	/** The plane changed: starts over there (the selection, if it is a prompt, is segmented on the new plane). */
	private void planeChanged(Plane now) {
		boolean pending = requested != null && (shown == null || shown.request != requested);
		generation.incrementAndGet();
		plane = now;
		latest.set(null);
		requested = null;
		session = null;
		shown = null;
		removePreview();
		status((pending ? "the plane changed before your click was segmented there; " : "") + "encoding " + now + " of '"
			+ imp.getTitle() + "'\u2026" + (pending ? " (a point or rectangle selection is segmented here once it is)" : ""));
		scheduleSync();
		forget();
		selectionChanged(0);
	}

	private void refocus() {
		ImageWindow w = imp.getWindow();
		if (w == null) return;
		w.toFront();
		if (canvas != null) canvas.requestFocus();
	}

	private void startTicker(long g) {
		if (!on || g != generation.get()) return;
		readyGeneration = 0; // new pixels on the same plane: not ready until they are encoded
		stopTicker();
		String what = imp.getStackSize() > 1 ? plane + " of '" + imp.getTitle() + "'" : "'" + imp.getTitle() + "'";
		ticker = new Timer(250, e -> {
			long since = encodingSince;
			if (since == 0 || !on) return;
			double s = (System.nanoTime() - since) / 1e9;
			IJ.showStatus(String.format(Locale.ROOT, "%sencoding %s\u2026 %.1f s%s", STATUS, what, s,
				requested != null && shown == null ? " (your click is queued)" : ""));
			IJ.showProgress(Math.min(0.95, s / Math.max(0.5, encodeSecondsEstimate)));
		});
		ticker.setInitialDelay(0);
		ticker.start();
	}

	private void stopTicker() {
		if (ticker == null) return;
		ticker.stop();
		ticker = null;
		IJ.showProgress(1.0);
	}

	private static void status(String message) {
		IJ.showStatus(STATUS + message);
	}

	// ---------------------------------------------------------------- for tests and the latency harness

	/** The prediction on screen, or {@code null}. */
	public Prediction preview() {
		return shown == null ? null : shown.prediction;
	}

	/** The ROIs of the masks on screen (as the ROI Manager would get them), in rank order. */
	public List<SamRois.MaskRoi> previewRois() {
		return shown == null ? Collections.emptyList() : Collections.unmodifiableList(shown.rois);
	}

	/** Index into {@link #previewRois()} of the chosen mask, or -1. */
	public int chosen() {
		return shown == null ? -1 : shown.chosen;
	}

	/** Whether the current plane is encoded. */
	public boolean isReady() {
		return on && readyGeneration == generation.get();
	}

	public boolean isOn() {
		return on;
	}

	public ImagePlus image() {
		return imp;
	}

	/** Whether the worker has ended (after stop). */
	boolean awaitWorker(long millis) throws InterruptedException {
		return worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
	}

	/** Told on the event dispatch thread each time a preview is painted for the first time. */
	void onTiming(Consumer<Timing> listener) {
		timingListener = listener;
	}

	/** Told on the event dispatch thread each time a result is put on the image. */
	void onShown(Consumer<Timing> listener) {
		shownListener = listener;
	}

	/** Whether the worker is running the encoder now. */
	boolean isEncoding() {
		return encodingSince != 0;
	}

	/** How many images have live mode on. */
	static int activeCount() {
		return onEdt(ACTIVE::size);
	}

	/** Test hook: runs on the worker just before a decode (e.g. to hold it while the test turns the mode off). */
	static volatile Consumer<LiveMode> beforeDecode;

	private void hookBeforeDecode() {
		Consumer<LiveMode> hook = beforeDecode;
		if (hook != null) hook.accept(this);
	}

	void painted(Timing t) {
		if (t.painted != 0) return;
		t.painted = System.nanoTime();
		Consumer<Timing> l = timingListener;
		if (l != null) l.accept(t);
	}

	/** Where the time from mouse release to the painted preview goes, in {@link System#nanoTime()}. */
	static final class Timing {
		final long released;
		volatile long decodeStart;
		volatile long decoded;
		/** Of the decode, the time in ONNX Runtime's session run (the rest is upscaling and scoring the masks). */
		volatile long onnxRuntime;
		volatile long built;
		volatile long shown;
		volatile long painted;

		final Plane plane;

		Timing(long released, Plane plane) {
			this.released = released;
			this.plane = plane;
		}
	}

	// ---------------------------------------------------------------- state

	/** The object being segmented: its clicks (and box) so far, and its latest result. */
	private static final class Session {
		Prompt prompt;
		Shown result;

		Session(Prompt prompt) {
			this.prompt = prompt;
		}
	}

	/** One prompt for the worker, for one plane of one generation. */
	private static final class Request {
		final long generation;
		final Plane plane;
		final Prompt prompt;
		final MaskMode mode;
		final Session session;
		final long releasedAt;

		Request(long generation, Plane plane, Prompt prompt, MaskMode mode, Session session, long releasedAt) {
			this.generation = generation;
			this.plane = plane;
			this.prompt = prompt;
			this.mode = mode;
			this.session = session;
			this.releasedAt = releasedAt;
		}
	}

	/** A plane of one generation. */
	private static final class Target {
		final long generation;
		final Plane plane;

		Target(long generation, Plane plane) {
			this.generation = generation;
			this.plane = plane;
		}
	}

	/** The embedding the worker holds, for one plane of one generation. */
	private static final class Current {
		final Embedding embedding;
		final Plane plane;
		final long generation;
		final Object key;

		Current(Embedding embedding, Plane plane, long generation, Object key) {
			this.embedding = embedding;
			this.plane = plane;
			this.generation = generation;
			this.key = key;
		}
	}

	/** A result on screen (or about to be): its masks as ROIs, which one is chosen, which were kept. */
	private final class Shown {
		final Request request;
		final Session session;
		final Prediction prediction;
		final List<SamRois.MaskRoi> rois;
		final Timing timing;
		final Set<Integer> kept = new HashSet<>();
		int chosen;

		Shown(Request request, Prediction prediction, List<SamRois.MaskRoi> rois, Timing timing) {
			this.request = request;
			this.session = request.session;
			this.prediction = prediction;
			this.rois = new ArrayList<>(rois);
			this.timing = timing;
		}

		Mask chosenMask() {
			return rois.isEmpty() ? null : rois.get(chosen).mask;
		}

		List<Roi> restyled(ImagePlus image) {
			return LivePreview.build(rois, chosen, kept, request.prompt, request.plane, image, () -> painted(timing));
		}
	}

	// ---------------------------------------------------------------- listeners

	private final class Listeners extends MouseAdapter implements RoiListener, ImageListener, KeyEventDispatcher {

		@Override
		public void mousePressed(MouseEvent e) {
			if (e.getButton() != MouseEvent.BUTTON1) return;
			pressed = true;
			pressShift = e.isShiftDown();
			pressAlt = e.isAltDown();
		}

		/**
		 * Runs after ImageJ's own handling of the release (ImageJ's canvas listens first), so the
		 * selection is what the tool made of the click.
		 */
		@Override
		public void mouseReleased(MouseEvent e) {
			if (!pressed || !on) return;
			pressed = false;
			long releasedAt = System.nanoTime();
			if (Toolbar.getToolId() != Toolbar.POINT) {
				selectionChanged(releasedAt);
				return;
			}
			Roi roi = imp.getRoi();
			ImageCanvas c = (ImageCanvas) e.getComponent();
			double x = pixel(c.offScreenXD(e.getX())), y = pixel(c.offScreenYD(e.getY()));
			if (pressShift || pressAlt) {
				// The position under the mouse (ImageJ may have moved the point it added, e.g. the
				// multi-point tool aligns shift-clicks with the first point). ImageJ also merged the
				// click into the selection; the preview marks every click, so the selection goes
				// back to what it was: the object's first click (or box). A multi-point selection
				// would also make the point tool's next plain click open ImageJ's "Point Selection"
				// dialog instead of starting the next object.
				restoreSelection();
				refine(x, y, !pressAlt, releasedAt);
				return;
			}
			if (Toolbar.getMultiPointMode() && roi instanceof PointRoi && lastSelectionRoi instanceof PointRoi
				&& roi.size() == lastSelectionRoi.size() + 1)
			{
				// The multi-point tool added a point to the selection. In live mode a plain click
				// starts the next object (or, with the background counter, marks background), at
				// the pixel under the mouse, as the point tool places its points.
				PointRoi points = (PointRoi) roi;
				if (points.getCounter(points.size() - 1) == PromptInput.BACKGROUND_COUNTER) {
					restoreSelection();
					refine(x, y, false, releasedAt);
					return;
				}
				PointRoi single = new PointRoi(x, y);
				single.setPointType(points.getPointType());
				single.setSize(points.getSize());
				single.setStrokeColor(points.getStrokeColor());
				single.setCounter(points.getCounter()); // the counter the next clicks get
				imp.setRoi(single);
			}
			selectionChanged(releasedAt);
		}

		/** Puts back the selection as it was before the press (a copy of it). */
		private void restoreSelection() {
			Roi before = lastSelectionRoi, now = imp.getRoi();
			if (before == null || signature(now).equals(lastSelection)) return;
			Roi back = (Roi) before.clone();
			if (back instanceof PointRoi && now instanceof PointRoi)
				((PointRoi) back).setCounter(((PointRoi) now).getCounter()); // the multi-point counter chosen meanwhile
			imp.setRoi(back);
			remember(back);
		}

		/** As ImageJ places a point tool click: the pixel under the mouse. */
		private double pixel(double offScreen) {
			return Math.round(offScreen - 0.5);
		}

		@Override
		public void roiModified(ImagePlus image, int id) {
			if (image != imp || id == RoiListener.DELETED) return;
			// Called on whatever thread changed the ROI, and for mouse presses before our own
			// mousePressed: decide later, on the event thread, once the press is known.
			if (settleQueued.compareAndSet(false, true)) EventQueue.invokeLater(() -> {
				settleQueued.set(false);
				if (on && !pressed) selectionChanged(0);
			});
		}

		@Override
		public void imageOpened(ImagePlus image) { }

		// ImageJ calls its image listeners in a loop over the list by index: removing ourselves
		// inside the call would make it skip the next listener, so ending waits for the next turn.

		@Override
		public void imageClosed(ImagePlus image) {
			if (image == imp) EventQueue.invokeLater(() -> end(false));
		}

		@Override
		public void imageUpdated(ImagePlus image) {
			if (image != imp || !on) return;
			if (imp.getWindow() == null) {
				EventQueue.invokeLater(() -> end(false));
				return;
			}
			attach(imp.getCanvas()); // ImageJ replaces the window when, e.g., an image becomes a stack
			Plane now = Plane.current(imp);
			if (!same(now, plane)) planeChanged(now);
			else scheduleSync(); // the same plane, perhaps new pixels or a new display range: re-encoded if so
		}

		@Override
		public boolean dispatchKeyEvent(KeyEvent e) {
			if (!on) return false;
			Window w = imp.getWindow();
			Component c = e.getComponent();
			if (w == null || c == null || c != w && !w.isAncestorOf(c)) return false;
			if (imp.getRoi() instanceof TextRoi) return false; // typing text
			if (e.isControlDown() || e.isMetaDown() || e.isAltDown()) return false;
			int code = e.getKeyCode();
			switch (e.getID()) {
				case KeyEvent.KEY_PRESSED:
					Runnable action = action(e);
					if (action == null) return false;
					swallowing.add(code);
					action.run();
					return true;
				case KeyEvent.KEY_RELEASED:
					return swallowing.remove(code);
				case KeyEvent.KEY_TYPED:
					return !swallowing.isEmpty() && "\t\n123kc\u001b".indexOf(e.getKeyChar()) >= 0;
				default:
					return false;
			}
		}

		private Runnable action(KeyEvent e) {
			boolean shift = e.isShiftDown();
			switch (e.getKeyCode()) {
				case KeyEvent.VK_TAB:
					return () -> cycle(shift ? -1 : 1);
				case KeyEvent.VK_1: case KeyEvent.VK_NUMPAD1:
					return shift ? null : () -> pick(1);
				case KeyEvent.VK_2: case KeyEvent.VK_NUMPAD2:
					return shift ? null : () -> pick(2);
				case KeyEvent.VK_3: case KeyEvent.VK_NUMPAD3:
					return shift ? null : () -> pick(3);
				case KeyEvent.VK_ENTER:
					return LiveMode.this::keep;
				case KeyEvent.VK_K:
					return shift ? null : LiveMode.this::keep;
				case KeyEvent.VK_C:
					return shift ? null : LiveMode.this::clear;
				case KeyEvent.VK_ESCAPE:
					// With nothing to clear, Escape keeps its ImageJ meaning (abort a macro or a selection in progress).
					return hasSomethingToClear() ? LiveMode.this::clear : null;
				default:
					return null;
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	/** Whether two planes are the same channel, slice and frame (Plane has no equals). */
	static boolean same(Plane a, Plane b) {
		return a == b || a != null && b != null && a.channel == b.channel && a.slice == b.slice && a.frame == b.frame;
	}

	static boolean isPromptShape(Roi roi) {
		return roi instanceof PointRoi || roi != null && roi.getType() == Roi.RECTANGLE && roi.getCornerDiameter() == 0;
	}

	/** What identifies a selection's prompt: its kind and coordinates (and counters, for points). */
	static String signature(Roi roi) {
		if (roi == null) return "none";
		StringBuilder s = new StringBuilder().append(roi.getType()).append(':');
		if (roi instanceof PointRoi) {
			java.awt.geom.Rectangle2D.Double b = roi.getFloatBounds();
			ij.process.FloatPolygon p = roi.getFloatPolygon();
			int[] counters = ((PointRoi) roi).getCounters();
			for (int i = 0; i < p.npoints; i++)
				s.append(p.xpoints[i]).append(',').append(p.ypoints[i]).append(',')
					.append(counters == null ? 0 : counters[i] & 0xff).append(';');
			s.append(b.width);
		}
		else {
			java.awt.geom.Rectangle2D.Double b = roi.getFloatBounds();
			s.append(b.x).append(',').append(b.y).append(',').append(b.width).append(',').append(b.height);
			s.append(roi.getState() == Roi.CONSTRUCTING ? ":constructing" : "");
		}
		return s.toString();
	}

	/** Runs {@code task} on the event dispatch thread and returns its result (rethrowing its exception). */
	static <T> T onEdt(java.util.concurrent.Callable<T> task) {
		if (EventQueue.isDispatchThread()) {
			try {
				return task.call();
			}
			catch (RuntimeException e) {
				throw e;
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}
		AtomicReference<T> result = new AtomicReference<>();
		try {
			EventQueue.invokeAndWait(() -> {
				try {
					result.set(task.call());
				}
				catch (RuntimeException e) {
					throw e;
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
		}
		catch (InvocationTargetException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			throw new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("Interrupted while switching live mode.", e);
		}
		return result.get();
	}
}
