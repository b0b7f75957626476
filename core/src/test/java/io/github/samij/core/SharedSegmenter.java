package io.github.samij.core;

import io.github.samij.core.model.SamModel;

/** One real model and segmenter per test JVM: loading takes about a second. */
public final class SharedSegmenter {

	private static Segmenter segmenter;

	private SharedSegmenter() { }

	public static synchronized Segmenter get() {
		if (segmenter == null)
			segmenter = new Segmenter(SamModel.load(TestModel.directory()), Segmenter.DEFAULT_CACHE_BYTES);
		return segmenter;
	}
}
