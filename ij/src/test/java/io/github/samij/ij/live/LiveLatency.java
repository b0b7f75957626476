package io.github.samij.ij.live;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.Toolbar;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.Models;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures live mode's latency from mouse release to the preview painted on screen, in a real
 * ImageJ window: the image is opened and shown, live mode encodes it, and then each measured click
 * is a mouse press and release posted to the image canvas's event queue, exactly as the window
 * system's events arrive. The clock starts when the release is posted and stops when the canvas
 * has painted the new preview; a {@link LiveProbe} set on the session tells when each part ended.
 * Plain clicks return three masks; each is followed by a shift-click refinement (one mask, the
 * chosen mask as mask input).
 * <p>
 * Needs a display (e.g. Xvfb); starts ImageJ if it is not running. {@link LiveLatencyTest} runs it;
 * {@link #main} prints the figures.
 */
public final class LiveLatency {

	private static final long TIMEOUT_SECONDS = 60;
	/** Time from one preview painted to the next click. */
	private static final long CLICK_INTERVAL_MS = 300;

	private LiveLatency() { }

	/** One series of clicks: click-to-paint latency and where the time went, in milliseconds. */
	public static final class Result {
		public final String kind;
		public final int clicks;
		public final double median, p90, min, max;
		/** Medians of the parts: waiting for the worker, the decoder, masks to ROIs and preview, event thread to paint. */
		public final double queue, decode, rois, paint;
		/** Median time of the decode spent in ONNX Runtime's session run. */
		public final double onnxRuntime;

		Result(String kind, List<Timing> timings, List<Long> starts) {
			this.kind = kind;
			this.clicks = timings.size();
			List<Double> total = new ArrayList<>(), q = new ArrayList<>(), d = new ArrayList<>(), r = new ArrayList<>(),
				p = new ArrayList<>(), o = new ArrayList<>();
			for (int i = 0; i < timings.size(); i++) {
				Timing t = timings.get(i);
				total.add(ms(t.painted - starts.get(i)));
				q.add(ms(t.decoding - starts.get(i)));
				d.add(ms(t.decoded - t.decoding));
				r.add(ms(t.built - t.decoded));
				p.add(ms(t.painted - t.built));
				o.add(ms(t.onnxRuntime));
			}
			Collections.sort(total);
			median = percentile(total, 50);
			p90 = percentile(total, 90);
			min = total.isEmpty() ? Double.NaN : total.get(0);
			max = total.isEmpty() ? Double.NaN : total.get(total.size() - 1);
			queue = percentile(q, 50);
			decode = percentile(d, 50);
			rois = percentile(r, 50);
			paint = percentile(p, 50);
			onnxRuntime = percentile(o, 50);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s: release -> preview painted: median %.0f ms, p90 %.0f ms (min %.0f, max %.0f; "
				+ "n=%d). Medians of the parts: to the worker %.1f ms, decode %.0f ms (ONNX Runtime %.0f ms), masks to ROIs "
				+ "and preview %.0f ms, event thread and paint %.1f ms", kind, median, p90, min, max, clicks, queue, decode,
				onnxRuntime, rois, paint);
		}
	}

	/** Measures {@code clicks} plain clicks and as many refinements on sample-data/ihc.png (512 × 512). */
	public static List<Result> measure(int clicks) {
		return measure(defaultImage(), clicks);
	}

	/**
	 * Opens {@code image} in ImageJ, turns live mode on, waits for the embedding, then measures
	 * {@code clicks} plain clicks (three masks) and {@code clicks} shift-click refinements (one
	 * mask), after three unmeasured warm-up clicks. Closes the image afterwards.
	 */
	public static List<Result> measure(Path image, int clicks) {
		if (GraphicsEnvironment.isHeadless()) throw new SamException("The live latency benchmark needs a display (e.g. xvfb-run).");
		if (IJ.getInstance() == null) new ImageJ(ImageJ.NO_SHOW);
		ImagePlus imp = IJ.openImage(image.toString());
		if (imp == null) throw new SamException("Cannot open " + image);
		LiveSession live = null;
		try {
			imp.show();
			waitUntil(() -> imp.getWindow() != null && imp.getWindow().isShowing(), "the image window");
			LiveMode.onEdt(() -> {
				IJ.setTool(Toolbar.POINT);
				imp.getWindow().toFront();
				return null;
			});
			live = LiveMode.start(imp);
			LiveSession l = live;
			waitUntil(() -> LiveMode.onEdt(l::isReady), "the embedding");
			Timer timer = new Timer(Models.get("").model());
			l.setProbe(timer);
			List<Timing> plain = new ArrayList<>(), refined = new ArrayList<>();
			List<Long> plainStarts = new ArrayList<>(), refinedStarts = new ArrayList<>();
			int w = imp.getWidth(), h = imp.getHeight();
			for (int i = -3; i < clicks; i++) {
				// Spread over the image on a 7 x 7 grid, so each click is a new prompt.
				int k = Math.floorMod(i * 3, 49);
				int x = (int) (w * (0.15 + 0.7 * (k % 7) / 6.0)), y = (int) (h * (0.15 + 0.7 * (k / 7) / 6.0));
				click(imp, x, y, false, timer, i < 0 ? null : plain, plainStarts);
				click(imp, Math.min(w - 1, x + w / 40), Math.min(h - 1, y + h / 40), true, timer, i < 0 ? null : refined,
					refinedStarts);
			}
			List<Result> out = new ArrayList<>();
			out.add(new Result("click (3 masks)", plain, plainStarts));
			out.add(new Result("shift-click refinement (1 mask)", refined, refinedStarts));
			return out;
		}
		finally {
			if (live != null) LiveMode.stop(imp);
			imp.changes = false;
			LiveMode.onEdt(() -> {
				imp.close();
				return null;
			});
		}
	}

	/** When each part of one click ended, in {@link System#nanoTime()}. */
	static final class Timing {
		volatile long decoding;
		volatile long decoded;
		/** Of the decode, the time in ONNX Runtime's session run (the rest is upscaling and scoring the masks). */
		volatile long onnxRuntime;
		volatile long built;
		volatile long painted;
	}

	/** The probe: stamps each part of the click in flight and hands the finished timing over when its preview is painted. */
	private static final class Timer implements LiveProbe {
		private final SamModel model;
		private final BlockingQueue<Timing> painted = new ArrayBlockingQueue<>(16);
		private volatile Timing current = new Timing();
		private volatile long runBefore;

		Timer(SamModel model) {
			this.model = model;
		}

		/** A fresh timing for the next click. */
		void next() {
			painted.clear();
			current = new Timing();
		}

		@Override
		public void decoding(Prompt prompt) {
			runBefore = model.decoderRunNanos();
			current.decoding = System.nanoTime();
		}

		@Override
		public void decoded(Prediction prediction) {
			current.decoded = System.nanoTime();
			current.onnxRuntime = model.decoderRunNanos() - runBefore; // exact unless another thread decodes meanwhile
		}

		@Override
		public void built(Prediction prediction) {
			current.built = System.nanoTime();
		}

		@Override
		public void painted(Prediction prediction) {
			Timing t = current;
			if (t.built == 0 || t.painted != 0) return; // a preview restyled, not the click's
			t.painted = System.nanoTime();
			painted.offer(t);
		}
	}

	/** Posts a press and a release at image (x, y) and waits for the preview to be painted. */
	private static void click(ImagePlus imp, int x, int y, boolean shift, Timer timer, List<Timing> into, List<Long> starts) {
		ImageCanvas c = imp.getCanvas();
		int sx = c.screenX(x), sy = c.screenY(y);
		int mods = InputEvent.BUTTON1_DOWN_MASK | (shift ? InputEvent.SHIFT_DOWN_MASK : 0);
		java.awt.EventQueue q = Toolkit.getDefaultToolkit().getSystemEventQueue();
		timer.next();
		long when = System.currentTimeMillis();
		q.postEvent(new MouseEvent(c, MouseEvent.MOUSE_PRESSED, when, mods, sx, sy, 1, false, MouseEvent.BUTTON1));
		long start = System.nanoTime();
		q.postEvent(new MouseEvent(c, MouseEvent.MOUSE_RELEASED, when + 1, shift ? InputEvent.SHIFT_DOWN_MASK : 0, sx, sy, 1,
			false, MouseEvent.BUTTON1));
		Timing t;
		try {
			t = timer.painted.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (t == null) throw new SamException("No preview was painted within " + TIMEOUT_SECONDS + " s of a click at (" + x
				+ ", " + y + ").");
			// A user clicks again after seeing the preview, 300 ms later at the quickest: this is the
			// rhythm being measured, not a wait for something to happen. Clicking 30 ms after the paint
			// measured the decoder competing with the drawing of the previous preview (Xvfb renders in
			// software): 109 instead of 85 ms, docs/live-mode.md.
			Thread.sleep(CLICK_INTERVAL_MS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("Interrupted.", e);
		}
		if (into != null) {
			into.add(t);
			starts.add(start);
		}
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5 * TIMEOUT_SECONDS);
		try {
			while (!condition.getAsBoolean()) {
				if (System.nanoTime() > end) throw new SamException("Timed out waiting for " + what + ".");
				Thread.sleep(20);
			}
			EventQueue.invokeAndWait(() -> { });
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("Interrupted.", e);
		}
		catch (java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	private static Path defaultImage() {
		Path dir = Paths.get("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("sample-data/ihc.png"))) dir = dir.getParent();
		if (dir == null) throw new SamException("Cannot find sample-data/ihc.png from " + Paths.get("").toAbsolutePath()
			+ "; pass the image's path.");
		return dir.resolve("sample-data/ihc.png");
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	/** Nearest-rank percentile of {@code values} (sorted or not). */
	static double percentile(List<Double> values, int p) {
		if (values.isEmpty()) return Double.NaN;
		List<Double> v = new ArrayList<>(values);
		Collections.sort(v);
		int rank = (int) Math.ceil(p / 100.0 * v.size());
		return v.get(Math.max(0, Math.min(v.size() - 1, rank - 1)));
	}

	/** {@code [IMAGE] [CLICKS]}: prints one line per series. */
	public static void main(String[] args) {
		Path image = args.length > 0 ? Paths.get(args[0]) : defaultImage();
		int clicks = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		for (Result r : measure(image, clicks)) System.out.println(r);
		System.exit(0);
	}
}
