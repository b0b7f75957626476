package io.github.samij.core;

import io.github.samij.core.model.ManagedModel;

import java.nio.file.Path;

/**
 * The real default model for tests, fetched through the same code path as a user's first run
 * (into the user cache, or {@code SAMIJ_CACHE}). Shared with the other modules' tests.
 */
public final class TestModel {

	private TestModel() { }

	/** The default model folder, downloading it first if needed. */
	public static synchronized Path directory() {
		return ManagedModel.inCache().ensure(Progress.NONE);
	}

	/** A file of the repository (found from the working directory), e.g. "sample-data/ihc.png". */
	public static Path repositoryFile(String relative) {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("sample-data"))) dir = dir.getParent();
		if (dir == null) throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
		return dir.resolve(relative);
	}
}
