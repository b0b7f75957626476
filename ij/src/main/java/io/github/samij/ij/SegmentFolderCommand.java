package io.github.samij.ij;

import ij.IJ;

import java.io.File;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Segment Anything on every image a prompts CSV lists (see {@link FolderBatch} and the README,
 * section <i>Folder batch</i>). Field names are the macro keys:
 * {@code run("Segment Folder...", "folder=[/data] prompts=[/data/prompts.csv] output=[] mode=auto keep=[best only] ...")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Folder...")
public class SegmentFolderCommand implements Command {

	static final String HELP = "Prompts CSV: a header, then one line per point or box, e.g.\n"
		+ "    file,x,y,label               (label 1 = foreground, 0 = background)\n"
		+ "    file,x0,y0,x1,y1             (a box)\n"
		+ "Optional columns: object (lines with the same object form one prompt), slice.\n"
		+ "Writes <name>_sam_labels.tif, <name>_sam_rois.zip and sam_results.csv. Esc stops after the current image.";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = HELP;

	@Parameter(label = "Images folder", style = FileWidget.DIRECTORY_STYLE)
	private File folder;

	@Parameter(label = "Prompts CSV (empty: prompts.csv in the folder)", required = false, style = FileWidget.OPEN_STYLE)
	private File prompts;

	@Parameter(label = "Output folder (empty: beside the images)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Mode", choices = { "auto", "multi", "single" },
		description = "auto: one click → three masks; a box or several points → one mask")
	private String mode = "auto";

	@Parameter(label = "Ranking", choices = { "predicted_iou", "smallest_confident" },
		description = SegmentSettings.RANKING_HELP)
	private String ranking = "predicted_iou";

	@Parameter(label = "Keep", choices = { SegmentSettings.KEEP_BEST, SegmentSettings.KEEP_ALL },
		description = "the label image always gets each object's best kept mask; the RoiSet and CSV get the kept ones")
	private String keep = SegmentSettings.KEEP_BEST;

	@Parameter(label = "Minimum predicted IoU", min = "0", max = "1", stepSize = "0.01")
	private double min_iou;

	@Parameter(label = "Minimum stability", min = "0", max = "1", stepSize = "0.01")
	private double min_stability;

	@Parameter(label = "Components", choices = { SegmentSettings.COMPONENTS_ALL, SegmentSettings.COMPONENTS_PROMPTED },
		description = "all pieces of each mask, or only those under the prompt")
	private String components = SegmentSettings.COMPONENTS_ALL;

	@Parameter(label = "Crop around the prompt (pixels; 0: the whole image)", min = "0",
		description = "for small objects in large images: SAM sees a window of this size around the prompt")
	private int crop;

	@Parameter(label = "Channels (empty: the image's own; or e.g. 1 or 1,2,3 as red, green, blue)", required = false)
	private String channels = "";

	@Parameter(label = "Model folder (empty: default model)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File model;

	/** What the last run did, for scripts and tests; {@code null} after a failure. */
	private FolderBatch.Summary summary;

	@Override
	public void run() {
		summary = null;
		try {
			SegmentSettings s = SegmentSettings.of(mode, ranking, SegmentSettings.OUTPUT_MANAGER, min_iou, min_stability, keep,
				components, model == null ? "" : model.getPath());
			s.channels = ImageInput.parseChannels(channels);
			s.crop = SegmentSettings.cropSize(crop);
			summary = FolderBatch.run(folder == null ? null : folder.toPath(), prompts == null ? null : prompts.toPath(),
				output == null ? null : output.toPath(), s);
			IJ.log(Feedback.TITLE + ": " + summary.text());
			IJ.showStatus(summary.text());
		}
		catch (RuntimeException e) {
			Feedback.error(e);
		}
	}

	FolderBatch.Summary summary() {
		return summary;
	}
}
