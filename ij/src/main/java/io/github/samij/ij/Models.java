package io.github.samij.ij;

import ij.IJ;

import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.model.DefaultModel;
import io.github.samij.core.model.SamModel;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The segmenters of this ImageJ session, one per model folder, loaded on first use and kept (with
 * their embedding caches) until ImageJ quits: loading a model takes about a second, and a second
 * click on the same image must not encode it again. Also the session's options (Segment Anything
 * Options): the cache bound and live mode's ranking.
 * <p>
 * Thread-safe: loading is serialised; the returned segmenters are themselves thread-safe.
 */
public final class Models {

	private static final Map<Path, Segmenter> LOADED = new HashMap<>();
	private static long cacheBytes = Segmenter.DEFAULT_CACHE_BYTES;
	private static Ranking liveRanking = Ranking.PREDICTED_IOU;

	private Models() { }

	/**
	 * The segmenter for a model folder; {@code null} or blank means the default model, fetched
	 * on first use with progress in ImageJ's status bar.
	 */
	public static synchronized Segmenter get(String modelDirectory) {
		boolean useDefault = modelDirectory == null || modelDirectory.isBlank();
		Path dir = useDefault ? DefaultModel.inCache().directory() : Paths.get(modelDirectory.trim()).toAbsolutePath();
		Segmenter s = LOADED.get(dir);
		if (s == null) {
			IJ.showStatus("Loading SAM model " + dir.getFileName() + "...");
			SamModel model = useDefault ? SamModel.loadDefault(statusBar()) : SamModel.load(dir);
			if (model.inferred() != null) IJ.log("Segment Anything: " + model.inferred());
			s = new Segmenter(model, cacheBytes);
			LOADED.put(dir, s);
			IJ.showStatus("");
		}
		return s;
	}

	/** The embedding cache bound, in bytes. */
	public static synchronized long cacheBytes() {
		return cacheBytes;
	}

	/** Sets the embedding cache bound of every segmenter, now and later (4 MiB per embedding). */
	public static synchronized void setCacheBytes(long bytes) {
		cacheBytes = bytes;
		for (Segmenter s : LOADED.values()) s.cache().setMaxBytes(bytes);
	}

	/** How live mode ranks a click's three masks (rank 1 is the one it shows chosen). */
	public static synchronized Ranking liveRanking() {
		return liveRanking;
	}

	/** Sets live mode's ranking, for the next click in every live image. */
	public static synchronized void setLiveRanking(Ranking ranking) {
		liveRanking = Objects.requireNonNull(ranking, "ranking");
	}

	/** Progress into ImageJ's status bar and progress bar. */
	public static Progress statusBar() {
		return (message, fraction) -> {
			IJ.showStatus(message);
			if (fraction >= 0) IJ.showProgress(fraction);
		};
	}
}
