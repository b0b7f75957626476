package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.instances.SegmentAllSettings;

/**
 * The Segment All settings on the command line: one option per key of {@link SegmentAllSettings},
 * spelled as the key ({@code --min_iou 0.9}), as in ImageJ's macro options, with the same
 * defaults and ranges. Stateless.
 */
final class SegmentAllArgs {

	private SegmentAllArgs() { }

	/** Declares the settings' options on {@code options}. */
	static Options declare(Options options) {
		return options.value("--" + SegmentAllSettings.PROMPTS, "seeds|grid").value("--" + SegmentAllSettings.POINTS_PER_SIDE, "N")
			.value("--" + SegmentAllSettings.MIN_IOU, "0..1").value("--" + SegmentAllSettings.MIN_STABILITY, "0..1")
			.value("--" + SegmentAllSettings.MIN_AREA, "PIXELS").value("--" + SegmentAllSettings.MAX_AREA, "PIXELS")
			.value("--" + SegmentAllSettings.OBJECTS, "auto|bright|dark");
	}

	/** The settings given, the defaults for the others; a value out of range is a usage error naming its option. */
	static SegmentAllSettings settings(Options.Values o) {
		SegmentAllSettings s = SegmentAllSettings.DEFAULT;
		try {
			for (String key : SegmentAllSettings.KEYS) {
				String text = o.get("--" + key);
				if (text != null) s = s.with(key, text);
			}
			return s;
		}
		catch (SamException e) {
			throw new UsageException("--" + e.getMessage());
		}
	}

}
