package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import io.github.samij.core.SamException;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.instances.SegmentAllSettings;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.LabelImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Segment Folder without a prompts CSV: Segment All on every image of a folder, with the same
 * outputs as a CSV run ({@link FolderBatch}) — per image {@code <name>_sam_labels.tif} (every plane,
 * labels 1..K on each) and {@code <name>_sam_rois.zip}, for the run {@value FolderBatch#RESULTS_FILE}
 * (one row per object) — written whole or not at all, image by image. The images are the folder's
 * files ImageJ opens by their extension ({@link BatchFiles#IMAGE_EXTENSIONS}), by name, leaving out this
 * plugin's own outputs. An image that does not open is one log line and is skipped; Escape stops
 * the run, dropping the image in progress. Use from one thread.
 */
public final class FolderAll {


	private FolderAll() { }

	/**
	 * Runs Segment All over the folder's images.
	 *
	 * @param output where outputs go; {@code null} for the images' folder
	 * @throws SamException for what stops the run before it starts, or a file that cannot be written
	 */
	public static FolderBatch.Summary run(Path folder, Path output, SegmentAllSettings settings, SegmentAllRun.Source source) {
		return run(folder, output, settings, source, FolderBatch.Monitor.NONE);
	}

	/** {@link #run(Path, Path, SegmentAllSettings, SegmentAllRun.Source)}, followed by {@code monitor}. */
	static FolderBatch.Summary run(Path folder, Path output, SegmentAllSettings settings, SegmentAllRun.Source source,
		FolderBatch.Monitor monitor)
	{
		List<Path> images = BatchFiles.images(FolderBatch.checkFolder(folder));
		FolderBatch.Summary summary = new FolderBatch.Summary();
		summary.listed = images.size();
		Path dir = output != null ? output : folder;
		summary.results = dir.resolve(FolderBatch.RESULTS_FILE);
		Set<Path> inputs = new HashSet<>();
		for (Path p : images) inputs.add(p.toAbsolutePath().normalize());
		FolderBatch.prepare(summary.results, inputs, source.model);
		StringBuilder rows = new StringBuilder(FolderBatch.HEADER).append('\n');
		FolderBatch.write(summary.results, rows.toString());
		StackProgress progress = new StackProgress("image", images.size());
		try {
			for (int i = 0; i < images.size(); i++) {
				if (progress.cancelled() || monitor.cancelled(summary.done)) {
					summary.note = progress.cancelNote(i);
					break;
				}
				Path image = images.get(i);
				String file = image.getFileName().toString(), base = BatchFiles.baseName(image);
				ImagePlus imp = IJ.openImage(image.toString());
				if (imp == null) {
					FolderBatch.problem(summary, file + " cannot be opened as an image; skipped.");
					progress.done(i + 1);
					continue;
				}
				try {
					segmentImage(imp, file, settings, source, summary, rows, dir.resolve(base + FolderBatch.LABELS_SUFFIX),
						dir.resolve(base + FolderBatch.ROIS_SUFFIX));
				}
				catch (CancellationException e) {
					summary.note = progress.cancelNote(i);
					break;
				}
				finally {
					imp.flush();
				}
				FolderBatch.write(summary.results, rows.toString());
				summary.done++;
				progress.done(i + 1);
			}
		}
		finally {
			progress.finish();
		}
		return summary;
	}

	/** Every plane of one image: its objects, then its label image and RoiSet written; its rows appended. */
	private static void segmentImage(ImagePlus imp, String file, SegmentAllSettings settings, SegmentAllRun.Source source,
		FolderBatch.Summary summary, StringBuilder rows, Path labelsFile, Path roisFile)
	{
		LabelImage labels = new LabelImage(imp);
		List<Roi> rois = new ArrayList<>();
		StringBuilder imageRows = new StringBuilder();
		int objects = 0;
		for (int slice = 1; slice <= imp.getNSlices(); slice++)
			for (int frame = 1; frame <= imp.getNFrames(); frame++) {
				Plane plane = new Plane(1, slice, frame);
				SegmentAllRun.PlaneResult r = SegmentAllRun.segmentPlane(imp, plane, settings, source);
				labels.put(plane, r.instances);
				for (String note : r.instances.notes()) FolderBatch.problem(summary, file + (imp.getStackSize() > 1 ? " " + plane : "")
					+ ": " + note);
				for (SamRois.MaskRoi m : r.rois) {
					Roi roi = (Roi) m.roi.clone();
					roi.setProperty("sam_file", file);
					rois.add(roi);
					imageRows.append(BatchFiles.row(file, "", "", m.mask.rank(), plane.stackIndex(imp),
						roi.getProperty(SamRois.PROMPT), m.mask));
				}
				objects += r.instances.count();
			}
		FolderBatch.save(file, labels, labelsFile, rois, roisFile, summary);
		rows.append(imageRows);
		summary.objects += objects;
		summary.masks += rois.size();
	}
}
