package io.github.samij.ij;

import ij.IJ;

import io.github.samij.core.Embedding;

import java.util.Locale;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Sets how much memory the embedding cache may hold (each SAM embedding takes 4 MiB): a long stack
 * is encoded slice by slice and only the most recently used embeddings are kept.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Anything Options...")
public class OptionsCommand implements Command {

	@Parameter(label = "Embedding cache (MB; 4 MB per slice)", min = "0")
	private int cache_mb = (int) (Models.cacheBytes() >> 20);

	@Override
	public void run() {
		if (cache_mb < 0) {
			Feedback.error(new io.github.samij.core.SamException("cache_mb must be 0 or more, got " + cache_mb + "."));
			return;
		}
		Models.setCacheBytes((long) cache_mb << 20);
		IJ.showStatus(String.format(Locale.ROOT, "Segment Anything: embedding cache %d MB (%d slices)", cache_mb,
			((long) cache_mb << 20) / ((long) Embedding.FLOATS * Float.BYTES)));
	}
}
