package io.github.samij.ij.command;

import ij.IJ;

import io.github.samij.core.Embedding;
import io.github.samij.core.SamException;
import io.github.samij.core.mask.Ranking;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.Models;
import io.github.samij.ij.SegmentSettings;

import java.util.Locale;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Sets how much memory the embedding cache may hold (each SAM embedding takes 4 MiB): a long stack
 * is encoded slice by slice and only the most recently used embeddings are kept; and the order in
 * which live mode ranks a click's three masks. Both hold until ImageJ quits.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Anything Options...")
public class OptionsCommand implements Command {

	@Parameter(label = "Embedding cache (MB; 4 MB per slice)", min = "0", persist = false)
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
		try {
			ranking = Ranking.parse(live_ranking);
		}
		catch (SamException e) {
			Feedback.error(e);
			return;
		}
		Models.setCacheBytes((long) cache_mb << 20);
		Models.setLiveRanking(ranking);
		IJ.showStatus(String.format(Locale.ROOT, "Segment Anything: embedding cache %d MB (%d slices)", cache_mb,
			((long) cache_mb << 20) / ((long) Embedding.FLOATS * Float.BYTES)));
	}
}
