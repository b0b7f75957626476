package io.github.samij.core.live;

import io.github.samij.core.Embedding;
import io.github.samij.core.ImageSource;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Segments the prompts of one interactive session (a user clicking on one image) on a worker
 * thread of its own, so that the caller — a GUI's event thread — never waits for ONNX Runtime.
 * <p>
 * The image to segment on is set with {@link #setImage} (a new image or plane: a new
 * <em>generation</em>) or {@link #updateImage} (the same plane, perhaps with new pixels); it is
 * encoded at once in the background, or found in the segmenter's cache. Prompts
 * {@linkplain #submit submitted} meanwhile wait for it, and only the latest waiting prompt is decoded:
 * the latest wins. A result is delivered only while it is current — for the current generation and
 * the latest prompt submitted — so a result for another plane, an older prompt or a closed engine is
 * dropped, never delivered.
 * <p>
 * Threading: every public method may be called from any thread. The {@link Listener} is called on
 * the worker thread, one call at a time; tasks run in the order they were asked for. The images
 * handed in must be readable on the worker thread (snapshots, not views of something that changes).
 */
public final class LiveEngine implements AutoCloseable {

	/** What the worker reports. Called on the worker thread; keep it short or hand work on. */
	public interface Listener {

		/** The encoder starts on the image of {@code generation} (not called for a cached embedding). */
		default void encoding(long generation) { }

		/** The embedding of {@code generation}'s image exists, after {@code seconds} of encoding (0 when cached). */
		default void ready(long generation, double seconds) { }

		/** The decode of {@code request} starts. */
		default void decoding(Request request) { }

		/** {@code request}'s masks, current when delivered. */
		void result(Request request, Prediction prediction);

		/**
		 * The encoding of {@code generation}'s image ({@code request} {@code null}) or the decode of
		 * {@code request} failed; reported only while current.
		 */
		void failed(long generation, Request request, RuntimeException failure);
	}

	/** One prompt on the image of one generation, with what the caller tagged it with. Immutable. */
	public static final class Request {
		public final long generation;
		public final Prompt prompt;
		public final MaskMode mode;
		public final Ranking ranking;
		/** The caller's own object (e.g. where to show the result); handed to the worker with the request. */
		public final Object tag;

		Request(long generation, Prompt prompt, MaskMode mode, Ranking ranking, Object tag) {
			this.generation = generation;
			this.prompt = prompt;
			this.mode = mode;
			this.ranking = ranking;
			this.tag = tag;
		}
	}

	private final Supplier<Segmenter> segmenter;
	private final Listener listener;
	private final ExecutorService worker;
	private final AtomicLong generation = new AtomicLong();
	/** The image the embedding must be of; the worker reads the newest when it gets to it. */
	private final AtomicReference<Wanted> wanted = new AtomicReference<>();
	private final AtomicBoolean syncQueued = new AtomicBoolean();
	/** The prompt waiting for the worker (latest wins). */
	private final AtomicReference<Request> waiting = new AtomicReference<>();
	/** The last prompt submitted: the only one whose result is delivered. */
	private volatile Request latest;
	/** When the encoder started, or 0. */
	private volatile long encodingSince;
	private volatile boolean closed;

	// Worker thread only.
	private Current current;

	/**
	 * @param segmenter asked on the worker thread, when first needed (loading a model takes a while)
	 * @param threadName the worker thread's name
	 */
	public LiveEngine(Supplier<Segmenter> segmenter, String threadName, Listener listener) {
		this.segmenter = segmenter;
		this.listener = listener;
		this.worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, threadName);
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * A new image (or plane): starts a new generation, drops the prompt waiting for the old one and
	 * encodes this one in the background. Returns the new generation.
	 */
	public long setImage(ImageSource image) {
		long g = generation.incrementAndGet();
		waiting.set(null);
		latest = null;
		want(g, image);
		return g;
	}

	/**
	 * The same image (plane) as now, perhaps with new pixels or display settings: encoded again if its
	 * key changed, while the waiting prompt stays and is decoded on the newest embedding.
	 */
	public void updateImage(ImageSource image) {
		want(generation.get(), image);
	}

	private void want(long g, ImageSource image) {
		wanted.set(new Wanted(g, Objects.requireNonNull(image, "image")));
		if (syncQueued.compareAndSet(false, true)) execute(() -> {
			syncQueued.set(false);
			Wanted w = wanted.get(); // read when run: a sync queued for an older image serves the newest
			try {
				ensure(w.generation);
			}
			catch (RuntimeException e) {
				if (w.generation == generation.get()) listener.failed(w.generation, null, e);
			}
		});
	}

	/**
	 * Decodes {@code prompt} on the current image once it is encoded, unless another prompt comes
	 * first; {@code tag} (may be {@code null}) comes back with the result.
	 */
	public Request submit(Prompt prompt, MaskMode mode, Ranking ranking, Object tag) {
		Request r = new Request(generation.get(), prompt, mode, ranking, tag);
		latest = r;
		waiting.set(r);
		execute(this::decodeWaiting);
		return r;
	}

	/** Drops the waiting prompt, and the result of the latest one if it is being decoded. */
	public void cancel() {
		waiting.set(null);
		latest = null;
	}

	/** Whether {@code request} is still the latest prompt of the current generation. */
	public boolean isCurrent(Request request) {
		return request != null && request == latest && request.generation == generation.get() && !closed;
	}

	/** The current generation. */
	public long generation() {
		return generation.get();
	}

	/** Whether the encoder is running now. */
	public boolean isEncoding() {
		return encodingSince != 0;
	}

	/** Seconds the encoder has been running, or 0. */
	public double encodingSeconds() {
		long since = encodingSince;
		return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
	}

	/** Stops: nothing more is delivered; the worker finishes what it is doing (ONNX Runtime is not interrupted) and ends. */
	@Override
	public void close() {
		closed = true;
		generation.incrementAndGet();
		waiting.set(null);
		latest = null;
		execute(() -> current = null); // after whatever runs now; the segmenter's cache keeps the embedding
		worker.shutdown();
	}

	/** Waits until the worker has ended after {@link #close}; {@code false} on time-out. */
	public boolean awaitTermination(long millis) throws InterruptedException {
		return worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
	}

	private void execute(Runnable task) {
		if (!worker.isShutdown()) worker.execute(task);
	}

	/** Worker: the embedding of generation {@code g}'s image, encoding it if needed; {@code null} once stale. */
	private Current ensure(long g) {
		Wanted w = wanted.get();
		if (w == null || w.generation != g || g != generation.get()) return null;
		Object key = w.image.key(null);
		if (current != null && current.generation == g && current.key != null && current.key.equals(key)) return current;
		Segmenter s = segmenter.get();
		boolean cached = key != null && s.cache().contains(key);
		long start = System.nanoTime();
		if (!cached) {
			encodingSince = start;
			listener.encoding(g);
		}
		Embedding e;
		try {
			e = s.encode(w.image);
		}
		finally {
			encodingSince = 0;
		}
		if (g != generation.get()) return null; // moved on meanwhile: the cache keeps it
		current = new Current(g, key, e);
		listener.ready(g, cached ? 0 : (System.nanoTime() - start) / 1e9);
		return current;
	}

	/** Worker: decodes the waiting prompt, if it is still current. */
	private void decodeWaiting() {
		Request r = waiting.getAndSet(null);
		if (r == null || r.generation != generation.get()) return;
		try {
			Current c = current != null && current.generation == r.generation ? current : ensure(r.generation);
			if (c == null || !isCurrent(r)) return;
			listener.decoding(r);
			Prediction p = segmenter.get().decode(c.embedding, r.prompt, r.mode, r.ranking);
			if (isCurrent(r)) listener.result(r, p);
		}
		catch (RuntimeException e) {
			if (isCurrent(r)) listener.failed(r.generation, r, e);
		}
	}

	/** An image to encode, of one generation. */
	private static final class Wanted {
		final long generation;
		final ImageSource image;

		Wanted(long generation, ImageSource image) {
			this.generation = generation;
			this.image = image;
		}
	}

	/** The embedding the worker holds. */
	private static final class Current {
		final long generation;
		final Object key;
		final Embedding embedding;

		Current(long generation, Object key, Embedding embedding) {
			this.generation = generation;
			this.key = key;
			this.embedding = embedding;
		}
	}
}
