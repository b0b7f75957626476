package io.github.samij.ij.live;

import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.gui.RoiListener;
import ij.gui.TextRoi;
import ij.gui.Toolbar;

import io.github.samij.ij.convert.PromptInput;

import java.awt.Component;
import java.awt.EventQueue;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * What the user does to a live image, turned into calls on its {@link LiveSession}: a mouse
 * listener on the canvas (it runs after ImageJ's own, so the selection is already what the tool made
 * of the click), a ROI listener (selections set by macros or the ROI Manager), an image listener
 * (plane changes, new pixels, closing) and a {@link KeyEventDispatcher} limited to the image's
 * window. Keys go through the dispatcher, not a key listener on the canvas, because ImageJ's key
 * listener comes first there and acts on Tab (window behind), Enter (ImageJ to front), Escape
 * (abort) and single-letter shortcuts; the dispatcher sees them first and consumes only the keys of
 * {@link #KEYS}, from which the help line is made. It also remembers the last selection it handled,
 * so that a selection is segmented once and the image's own selection can be put back after a
 * refining click.
 * <p>
 * Event dispatch thread only, except the ROI and image notices, which ImageJ may send from any
 * thread: they only queue work for the event dispatch thread.
 */
final class LiveInput extends MouseAdapter implements RoiListener, ImageListener, KeyEventDispatcher {

	/** What a key does to a session; {@code false} leaves the key to ImageJ. */
	private interface KeyAction {
		boolean apply(LiveSession session);
	}

	/** One entry of the help line, and the keys that do it. */
	private static final class Entry {
		final String gesture;
		final String does;
		final Map<Integer, KeyAction> plain = new HashMap<>();
		final Map<Integer, KeyAction> shifted = new HashMap<>();

		Entry(String gesture, String does) {
			this.gesture = gesture;
			this.does = does;
		}

		Entry on(KeyAction action, int... codes) {
			for (int c : codes) plain.put(c, action);
			return this;
		}

		Entry shifted(KeyAction action, int code) {
			shifted.put(code, action);
			return this;
		}
	}

	/** The mouse gestures and keys of live mode, in the order of the help line. */
	static final List<Entry> KEYS = List.of(new Entry("click", "segment"), new Entry("shift-click", "add"),
		new Entry("alt-click", "remove"),
		new Entry("Tab / 1 2 3", "choose").on(always(s -> s.cycle(1)), KeyEvent.VK_TAB)
			.shifted(always(s -> s.cycle(-1)), KeyEvent.VK_TAB)
			.on(always(s -> s.pick(1)), KeyEvent.VK_1, KeyEvent.VK_NUMPAD1)
			.on(always(s -> s.pick(2)), KeyEvent.VK_2, KeyEvent.VK_NUMPAD2)
			.on(always(s -> s.pick(3)), KeyEvent.VK_3, KeyEvent.VK_NUMPAD3),
		new Entry("Enter or k", "keep").on(always(LiveSession::keep), KeyEvent.VK_ENTER, KeyEvent.VK_K)
			.shifted(always(LiveSession::keep), KeyEvent.VK_ENTER),
		// Without a Segment All label image, d keeps its ImageJ meaning (Draw).
		new Entry("d", "delete the label under the mouse").on(LiveSession::deleteLabelUnderMouse, KeyEvent.VK_D),
		// With nothing to clear, Escape keeps its ImageJ meaning (abort a macro or a selection in progress).
		new Entry("Esc or c", "clear").on(LiveSession::clearIfAny, KeyEvent.VK_ESCAPE)
			.shifted(LiveSession::clearIfAny, KeyEvent.VK_ESCAPE).on(always(LiveSession::clear), KeyEvent.VK_C));

	private static KeyAction always(java.util.function.Consumer<LiveSession> action) {
		return s -> {
			action.accept(s);
			return true;
		};
	}

	/** The bindings, as the status bar shows them. */
	static final String HELP = KEYS.stream().map(e -> e.gesture + ": " + e.does).collect(Collectors.joining(" \u00b7 "));

	/** The characters the consumed keys type, consumed too. */
	private static final String TYPED = "\t\n123kcd\u001b";

	private final LiveSession session;
	private final ImagePlus imp;
	private final AtomicBoolean settleQueued = new AtomicBoolean();
	private final Set<Integer> swallowing = new HashSet<>();
	private ImageCanvas canvas;
	private boolean pressed;
	private boolean pressShift;
	private boolean pressAlt;
	/** The selection as last handled: its signature and a copy. */
	private String lastSelection;
	private Roi lastSelectionRoi;

	LiveInput(LiveSession session, ImagePlus imp) {
		this.session = session;
		this.imp = imp;
	}

	/** The pixel under the mouse, as the canvas last saw it. */
	java.awt.Point mouse() {
		return canvas == null ? null : canvas.getCursorLoc();
	}

	/** Starts listening. */
	void attach() {
		attach(imp.getCanvas());
		Roi.addRoiListener(this);
		ImagePlus.addImageListener(this);
		KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(this);
	}

	/** Stops listening, everywhere. */
	void detach() {
		attach(null);
		Roi.removeRoiListener(this);
		ImagePlus.removeImageListener(this);
		KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(this);
	}

	private void attach(ImageCanvas c) {
		if (c == canvas) return;
		if (canvas != null) canvas.removeMouseListener(this);
		canvas = c;
		if (c != null) c.addMouseListener(this);
	}

	// ---------------------------------------------------------------- the selection as handled

	/** Whether {@code roi} differs from the selection handled last; if so it is handled now (remembered). */
	boolean isNew(Roi roi) {
		if (signature(roi).equals(lastSelection)) return false;
		remember(roi);
		return true;
	}

	/** Remembers {@code roi} as the selection handled last. */
	void remember(Roi roi) {
		lastSelection = signature(roi);
		lastSelectionRoi = roi == null ? null : (Roi) roi.clone();
	}

	/** Forgets the selection handled last, so that the current one is handled again (on a new plane). */
	void forget() {
		lastSelection = null;
		lastSelectionRoi = null;
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

	/** What identifies a selection's prompt: its kind and coordinates (and counters, for points). */
	static String signature(Roi roi) {
		if (roi == null) return "none";
		StringBuilder s = new StringBuilder().append(roi.getType()).append(':');
		java.awt.geom.Rectangle2D.Double b = roi.getFloatBounds();
		if (roi instanceof PointRoi) {
			ij.process.FloatPolygon p = roi.getFloatPolygon();
			int[] counters = ((PointRoi) roi).getCounters();
			for (int i = 0; i < p.npoints; i++)
				s.append(p.xpoints[i]).append(',').append(p.ypoints[i]).append(',')
					.append(counters == null ? 0 : counters[i] & 0xff).append(';');
			s.append(b.width);
		}
		else {
			s.append(b.x).append(',').append(b.y).append(',').append(b.width).append(',').append(b.height);
			s.append(roi.getState() == Roi.CONSTRUCTING ? ":constructing" : "");
		}
		return s.toString();
	}

	// ---------------------------------------------------------------- mouse

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
		if (!pressed || !session.isOn()) return;
		pressed = false;
		if (Toolbar.getToolId() != Toolbar.POINT) {
			session.selectionChanged();
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
			session.refine(x, y, !pressAlt);
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
				session.refine(x, y, false);
				return;
			}
			PointRoi single = new PointRoi(x, y);
			single.setPointType(points.getPointType());
			single.setSize(points.getSize());
			single.setStrokeColor(points.getStrokeColor());
			single.setCounter(points.getCounter()); // the counter the next clicks get
			imp.setRoi(single);
		}
		session.selectionChanged();
	}

	/** As ImageJ places a point tool click: the pixel under the mouse. */
	private static double pixel(double offScreen) {
		return Math.round(offScreen - 0.5);
	}

	// ---------------------------------------------------------------- selections and images

	@Override
	public void roiModified(ImagePlus image, int id) {
		if (image != imp || id == RoiListener.DELETED) return;
		// Called on whatever thread changed the ROI, and for mouse presses before our own
		// mousePressed: decide later, on the event thread, once the press is known.
		if (settleQueued.compareAndSet(false, true)) EventQueue.invokeLater(() -> {
			settleQueued.set(false);
			if (session.isOn() && !pressed) session.selectionChanged();
		});
	}

	@Override
	public void imageOpened(ImagePlus image) { }

	// ImageJ calls its image listeners in a loop over the list by index: removing ourselves inside
	// the call would make it skip the next listener, so ending waits for the next turn.

	@Override
	public void imageClosed(ImagePlus image) {
		if (image == imp) EventQueue.invokeLater(() -> session.end(false));
	}

	@Override
	public void imageUpdated(ImagePlus image) {
		if (image != imp || !session.isOn()) return;
		if (imp.getWindow() == null) {
			EventQueue.invokeLater(() -> session.end(false));
			return;
		}
		attach(imp.getCanvas()); // ImageJ replaces the window when, e.g., an image becomes a stack
		session.imageUpdated();
	}

	// ---------------------------------------------------------------- keys

	@Override
	public boolean dispatchKeyEvent(KeyEvent e) {
		if (!session.isOn()) return false;
		Window w = imp.getWindow();
		Component c = e.getComponent();
		if (w == null || c == null || c != w && !w.isAncestorOf(c)) return false;
		if (imp.getRoi() instanceof TextRoi) return false; // typing text
		if (e.isControlDown() || e.isMetaDown() || e.isAltDown()) return false;
		int code = e.getKeyCode();
		switch (e.getID()) {
			case KeyEvent.KEY_PRESSED:
				KeyAction action = action(code, e.isShiftDown());
				if (action == null || !action.apply(session)) return false;
				swallowing.add(code);
				return true;
			case KeyEvent.KEY_RELEASED:
				return swallowing.remove(code);
			case KeyEvent.KEY_TYPED:
				return !swallowing.isEmpty() && TYPED.indexOf(e.getKeyChar()) >= 0;
			default:
				return false;
		}
	}

	private static KeyAction action(int code, boolean shift) {
		for (Entry entry : KEYS) {
			KeyAction a = (shift ? entry.shifted : entry.plain).get(code);
			if (a != null) return a;
		}
		return null;
	}
}
