package io.github.samij.core;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Embeddings by image key, least recently used first out, bounded by bytes. Two threads asking for
 * the same key at once share one encoder run. An embedding larger than the whole bound is returned
 * but not kept.
 * <p>
 * Thread-safe: all state is guarded by this object's monitor; encoding runs outside it.
 */
public final class EmbeddingCache {

	private final LinkedHashMap<Object, Embedding> entries = new LinkedHashMap<>(16, 0.75f, true);
	private final Map<Object, CompletableFuture<Embedding>> inFlight = new HashMap<>();
	private long maxBytes;
	private long bytes;
	private long hits;
	private long misses;
	private long evictions;

	/** @param maxBytes the bound; each SAM embedding takes 4 MiB */
	public EmbeddingCache(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * The embedding for {@code key}, from the cache or computed now by {@code encoder}. A
	 * {@code null} key is never cached.
	 */
	public Embedding get(Object key, Supplier<Embedding> encoder) {
		if (key == null) return encoder.get();
		CompletableFuture<Embedding> mine;
		CompletableFuture<Embedding> theirs;
		synchronized (this) {
			Embedding cached = entries.get(key);
			if (cached != null) {
				hits++;
				return cached;
			}
			theirs = inFlight.get(key);
			mine = theirs == null ? new CompletableFuture<>() : null;
			if (mine != null) {
				misses++;
				inFlight.put(key, mine);
			}
		}
		if (theirs != null) return await(theirs);
		try {
			Embedding e = encoder.get();
			synchronized (this) {
				put(key, e);
				inFlight.remove(key);
			}
			mine.complete(e);
			return e;
		}
		catch (RuntimeException | Error t) {
			synchronized (this) {
				inFlight.remove(key);
			}
			mine.completeExceptionally(t);
			throw t;
		}
	}

	private static Embedding await(CompletableFuture<Embedding> future) {
		try {
			return future.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			throw new SamException("Encoding failed: " + e.getCause(), e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SamException("Interrupted while waiting for the image to be encoded.", e);
		}
	}

	private void put(Object key, Embedding e) {
		if (e.bytes() > maxBytes) return;
		Embedding old = entries.put(key, e);
		if (old != null) bytes -= old.bytes();
		bytes += e.bytes();
		evictToBound();
	}

	private void evictToBound() {
		Iterator<Embedding> eldest = entries.values().iterator();
		while (bytes > maxBytes && eldest.hasNext()) {
			bytes -= eldest.next().bytes();
			eldest.remove();
			evictions++;
		}
	}

	/** Changes the bound, evicting at once if needed. */
	public synchronized void setMaxBytes(long maxBytes) {
		this.maxBytes = maxBytes;
		evictToBound();
	}

	/** Forgets all embeddings. */
	public synchronized void clear() {
		entries.clear();
		bytes = 0;
	}

	public synchronized long maxBytes() {
		return maxBytes;
	}

	/** Bytes held now. */
	public synchronized long bytes() {
		return bytes;
	}

	/** Embeddings held now. */
	public synchronized int size() {
		return entries.size();
	}

	public synchronized boolean contains(Object key) {
		return entries.containsKey(key);
	}

	public synchronized long hits() {
		return hits;
	}

	public synchronized long misses() {
		return misses;
	}

	public synchronized long evictions() {
		return evictions;
	}
}
