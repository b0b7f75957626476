package io.github.samij.ij.live;

import ij.ImagePlus;
import ij.WindowManager;

import io.github.samij.core.SamException;
import io.github.samij.ij.Feedback;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live annotation, turned on and off per image: while it is on, every point or rectangle the user
 * makes with ImageJ's own tools is segmented as soon as the mouse is released, and SAM's masks are
 * shown at once as a preview; keys choose, keep, refine and clear ({@link #HELP},
 * docs/live-mode.md). Each image has its own {@link LiveSession}; several can be on at once.
 * <p>
 * Thread-safety: {@link #start}, {@link #stop}, {@link #toggle}, {@link #of} and {@link #set} may be
 * called from any thread; they run on the event dispatch thread, which owns the registry.
 */
public final class LiveMode {

	/** The mouse and key bindings, as shown in the status bar. */
	public static final String HELP = LiveInput.HELP;

	/** Live sessions by image (identity); event dispatch thread only. */
	private static final Map<ImagePlus, LiveSession> ACTIVE = new IdentityHashMap<>();

	private LiveMode() { }

	/** Turns live mode on for {@code imp} with the default model; returns the (possibly existing) session. */
	public static LiveSession start(ImagePlus imp) {
		return start(imp, "");
	}

	/**
	 * Turns live mode on for {@code imp}, which must be shown in a window, with a model folder
	 * ({@code ""} for the default model). Encoding starts at once, in the background.
	 *
	 * @throws SamException without a display or without an image window
	 */
	public static LiveSession start(ImagePlus imp, String modelDirectory) {
		return onEdt(() -> {
			if (imp == null) throw new SamException("No image is open: open an image, then turn live mode on.");
			LiveSession existing = ACTIVE.get(imp);
			if (existing != null) return existing;
			if (GraphicsEnvironment.isHeadless())
				throw new SamException("Live mode needs a display; use Segment Anything... or a macro without one.");
			if (imp.getWindow() == null || imp.getCanvas() == null)
				throw new SamException("Image '" + imp.getTitle() + "' is not shown in a window; show it, then turn live mode on.");
			LiveSession live = new LiveSession(imp, modelDirectory == null ? "" : modelDirectory);
			ACTIVE.put(imp, live);
			live.begin();
			return live;
		});
	}

	/** Turns live mode off for {@code imp}; {@code false} if it was not on. */
	public static boolean stop(ImagePlus imp) {
		return onEdt(() -> {
			LiveSession live = imp == null ? null : ACTIVE.get(imp);
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

	/** The live session of {@code imp}, or {@code null}. */
	public static LiveSession of(ImagePlus imp) {
		return onEdt(() -> ACTIVE.get(imp));
	}

	public static boolean isOn(ImagePlus imp) {
		return of(imp) != null;
	}

	/** How many images have live mode on. */
	public static int activeCount() {
		return onEdt(ACTIVE::size);
	}

	/**
	 * For macros: {@code call("io.github.samij.ij.live.LiveMode.set", "on")} ("on", "off" or
	 * "toggle") on the current image; returns "on" or "off".
	 */
	public static String set(String state) {
		ImagePlus imp = WindowManager.getCurrentImage();
		String s = state == null ? "toggle" : state.trim().toLowerCase(Locale.ROOT);
		try {
			if (s.equals("on")) start(imp);
			else if (s.equals("off")) stop(imp);
			else if (s.equals("toggle")) toggle(imp);
			else throw new SamException("Live mode can be set 'on', 'off' or 'toggle', not '" + state + "'.");
		}
		catch (SamException e) {
			Feedback.error(e);
		}
		return isOn(imp) ? "on" : "off";
	}

	/** A session ended (turned off, or its image closed); event dispatch thread. */
	static void ended(ImagePlus imp) {
		ACTIVE.remove(imp);
	}

	/** Runs {@code task} on the event dispatch thread and returns its result (rethrowing its exception). */
	static <T> T onEdt(Callable<T> task) {
		if (EventQueue.isDispatchThread()) return call(task);
		AtomicReference<T> result = new AtomicReference<>();
		try {
			EventQueue.invokeAndWait(() -> result.set(call(task)));
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

	private static <T> T call(Callable<T> task) {
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
}
