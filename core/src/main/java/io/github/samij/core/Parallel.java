package io.github.samij.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Runs a few independent tasks side by side on an executor the caller chose, the calling thread
 * taking the first: the colour channels of one image, the masks of one prompt. An executor that
 * runs tasks in the calling thread ({@code Runnable::run}) makes everything sequential. Stateless
 * and thread-safe.
 */
public final class Parallel {

	/** Runs every task on the calling thread. */
	public static final Executor SEQUENTIAL = Runnable::run;

	private Parallel() { }

	/** Runs {@code task} for 0 .. n − 1 and returns when all are done, rethrowing the first failure. */
	public static void forEach(Executor executor, int n, IntConsumer task) {
		if (n <= 1 || executor == SEQUENTIAL) {
			for (int i = 0; i < n; i++) task.accept(i);
			return;
		}
		CompletableFuture<?>[] others = new CompletableFuture<?>[n - 1];
		for (int i = 1; i < n; i++) {
			int k = i;
			others[i - 1] = CompletableFuture.runAsync(() -> task.accept(k), executor);
		}
		task.accept(0);
		try {
			CompletableFuture.allOf(others).join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			throw e;
		}
	}
}
