package io.github.samij.ij.command;

import ij.IJ;

import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.ij.Feedback;
import io.github.samij.ij.FolderAll;
import io.github.samij.ij.FolderBatch;
import io.github.samij.ij.SegmentSettings;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Segment Anything on every image a prompts CSV lists (see {@link FolderBatch} and the README,
 * section <i>Folder batch</i>); without a CSV, Segment All on every image of the folder
 * ({@link FolderAll}), with the same outputs. Field names are the macro keys:
 * {@code run("Segment Folder...", "folder=[/data] prompts=[/data/prompts.csv] output=[] mode=auto keep=[best only] ...")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segment Anything>Segment Folder...")
public class SegmentFolderCommand extends MaskOptionsCommand {

	static final String HELP = "Prompts CSV: a header, then one line per point or box, e.g.\n"
		+ "    file,x,y,label               (label 1 = foreground, 0 = background)\n"
		+ "    file,x0,y0,x1,y1             (a box)\n"
		+ "Optional columns: object (lines with the same object form one prompt), slice.\n"
		+ "No CSV (and no prompts.csv in the folder): Segment All on every image, at its defaults.\n"
		+ "Writes <name>_sam_labels.tif, <name>_sam_rois.zip and sam_results.csv. Esc stops after the current image.";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false)
	private String help = HELP;

	@Parameter(label = "Images folder", style = FileWidget.DIRECTORY_STYLE)
	private File folder;

	@Parameter(label = "Prompts CSV (empty: prompts.csv in the folder)", required = false, style = FileWidget.OPEN_STYLE)
	private File prompts;

	@Parameter(label = "Output folder (empty: beside the images)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File output;

	{
		keep = SegmentSettings.KEEP_BEST; // one mask per object: the files hold objects, not choices
	}

	/** What the last run did, for scripts and tests; {@code null} after a failure. */
	private FolderBatch.Summary summary;

	@Override
	public void run() {
		summary = null;
		try {
			Path images = folder == null ? null : folder.toPath(), out = output == null ? null : output.toPath();
			if (prompts == null && images != null && !Files.exists(images.resolve("prompts.csv")))
				summary = FolderAll.run(images, out, SegmentAllSettings.DEFAULT, source());
			else summary = FolderBatch.run(images, prompts == null ? null : prompts.toPath(), out, settings(SegmentSettings.OUTPUT_MANAGER));
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
