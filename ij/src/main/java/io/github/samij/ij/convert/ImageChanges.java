package io.github.samij.ij.convert;

import ij.ImageListener;
import ij.ImagePlus;

import io.github.samij.core.prompt.Crop;

import java.awt.EventQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the checksums of the planes SAM was shown, for as long as ImageJ says nothing about
 * their image: a second click on an unchanged image then costs no pass over its pixels. ImageJ
 * tells its image listeners that an image was updated — new pixels, a slice change, a new display
 * range, a new title alike — so every such notice forgets that image's checksums, and the next
 * click computes them again, which tells a real change from the rest (a slice change does not
 * re-encode the slice, an edit does). Only images shown in a window are told about; for others
 * (batch mode, no display) a checksum is never remembered.
 * <p>
 * Thread-safe: notices arrive on the event dispatch thread, clicks on any; the map is guarded by
 * this class's lock. Off the event dispatch thread, the notices already posted are handled before a
 * remembered checksum is used.
 */
final class ImageChanges {

	private static final Map<Integer, Map<List<Object>, Remembered>> REMEMBERED = new HashMap<>();

	private static final ImageListener LISTENER = new ImageListener() {

		@Override
		public void imageOpened(ImagePlus imp) { }

		@Override
		public void imageClosed(ImagePlus imp) {
			forget(imp);
		}

		@Override
		public void imageUpdated(ImagePlus imp) {
			forget(imp);
		}
	};

	static {
		ImagePlus.addImageListener(LISTENER);
	}

	private ImageChanges() { }

	/** A checksum and the array it was taken of. */
	private static final class Remembered {
		final WeakReference<Object> pixels;
		final long stamp;

		Remembered(Object pixels, long stamp) {
			this.pixels = new WeakReference<>(pixels);
			this.stamp = stamp;
		}
	}

	/** Channel {@code c}'s checksum of the window ({@code null}: all) of {@code data}, a view of {@code imp}. */
	static long stamp(ImagePlus imp, PlaneData data, int c, Crop window) {
		if (imp.getWindow() == null) return data.stamp(c, window); // no notices for this image: never remembered
		handlePostedNotices();
		List<Object> key = List.of(data.stackIndexes[c], window == null ? "all" : window);
		Object pixels = data.pixels[c];
		synchronized (REMEMBERED) {
			Remembered r = REMEMBERED.getOrDefault(imp.getID(), Map.of()).get(key);
			if (r != null && r.pixels.get() == pixels) return r.stamp;
		}
		long stamp = data.stamp(c, window);
		synchronized (REMEMBERED) {
			REMEMBERED.computeIfAbsent(imp.getID(), id -> new HashMap<>()).put(key, new Remembered(pixels, stamp));
		}
		return stamp;
	}

	private static void forget(ImagePlus imp) {
		synchronized (REMEMBERED) {
			REMEMBERED.remove(imp.getID());
		}
	}

	/** Lets the event dispatch thread handle what ImageJ posted before now (a real wait for events, not a pause). */
	private static void handlePostedNotices() {
		if (EventQueue.isDispatchThread()) return;
		try {
			EventQueue.invokeAndWait(() -> { });
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (InvocationTargetException e) {
			throw new IllegalStateException(e.getCause());
		}
	}
}
