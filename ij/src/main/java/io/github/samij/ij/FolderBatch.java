package io.github.samij.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import io.github.samij.core.SamException;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.batch.PromptCsv;
import io.github.samij.ij.convert.SamRois;
import io.github.samij.ij.output.LabelImage;
import io.github.samij.ij.output.OutputFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Segments the images of a folder with the prompts of a CSV file ({@link PromptCsv}) and writes,
 * per image, a 16-bit label image {@code <name>_sam_labels.tif} (the best kept mask of each object,
 * labels 1, 2, 3... in CSV order) and a RoiSet {@code <name>_sam_rois.zip} (every kept mask), and
 * for the run one {@value #RESULTS_FILE} (one row per kept mask).
 * <p>
 * Outputs go beside each image, or into an output folder. Every file is written under a temporary
 * name and renamed when complete, image by image, so a cancelled or failed run keeps the finished
 * images' outputs and never leaves a half-written file; {@value #RESULTS_FILE} is rewritten after
 * each image and always lists exactly the finished ones. Only these names are written, and never
 * over a listed image or a {@value #RESULTS_FILE} this plugin did not write.
 * <p>
 * A missing image, a malformed CSV line, a prompt SAM cannot take is one log line naming the CSV
 * line(s) and is skipped; the rest completes. Escape or an interrupted thread stops the run before
 * the next image. Use from one thread.
 */
public final class FolderBatch {

	static final String RESULTS_FILE = BatchFiles.RESULTS_FILE;
	static final String HEADER = BatchFiles.HEADER;
	static final String LABELS_SUFFIX = BatchFiles.LABELS_SUFFIX;
	static final String ROIS_SUFFIX = "_sam_rois.zip";

	/** Who may stop a run besides the user's Escape: asked before each image with the number finished so far. */
	interface Monitor {
		/** No one: the run stops only for Escape or an interrupt. */
		Monitor NONE = done -> false;

		/** {@code true} stops the run before the next image. */
		boolean cancelled(int done);
	}

	private FolderBatch() { }

	/** What a run did. */
	public static final class Summary {
		/** Images the CSV lists with at least one usable object. */
		int listed;
		/** Images whose outputs were written. */
		int done;
		/** Objects painted into label images. */
		int objects;
		/** Rows of {@value #RESULTS_FILE} (kept masks). */
		int masks;
		/** Every problem, as logged (without the log prefix). */
		final List<String> problems = new ArrayList<>();
		/** Why the run stopped early, or {@code null}. */
		String note;
		Path results;
		/** The thread was interrupted during an image: stop after it (the flag is set again on return). */
		boolean interrupted;

		public String text() {
			return String.format(Locale.ROOT, "Segment Folder: %d of %d image(s) done, %d object(s) labelled, %d mask(s) in %s%s%s",
				done, listed, objects, masks, results, problems.isEmpty() ? "." : "; " + problems.size()
					+ " problem(s) reported above.", note == null ? "" : " " + note);
		}
	}

	/**
	 * Runs the batch.
	 *
	 * @param folder the images (the CSV's file names are relative to it)
	 * @param prompts the CSV; {@code null} for {@code prompts.csv} in the folder
	 * @param output where outputs go; {@code null} for beside each image
	 * @throws SamException for what stops the whole run before it starts (no folder, no CSV, an
	 *           unusable header, a model that does not load) or a file that cannot be written
	 */
	public static Summary run(Path folder, Path prompts, Path output, SegmentSettings settings) {
		return run(folder, prompts, output, settings, Monitor.NONE);
	}

	/** {@link #run(Path, Path, Path, SegmentSettings)}, followed by {@code monitor}. */
	public static Summary run(Path folder, Path prompts, Path output, SegmentSettings settings, Monitor monitor) {
		checkFolder(folder);
		Path csv = prompts != null ? prompts : folder.resolve("prompts.csv");
		if (!Files.isRegularFile(csv))
			throw new SamException("The prompts CSV " + csv + " does not exist; give one with a header such as "
				+ "'file,x,y,label' (see the README, section Folder batch).");
		String csvName = csv.getFileName().toString();
		PromptCsv.Result parsed;
		try {
			parsed = PromptCsv.read(csv);
		}
		catch (IOException e) {
			throw new SamException("Cannot read the prompts CSV " + csv + ": " + (e instanceof CharacterCodingException
				? "it is not UTF-8 text (save it as CSV UTF-8)" : AtomicFiles.describe(e)) + ".");
		}

		Summary summary = new Summary();
		List<String> files = parsed.files();
		summary.listed = files.size();
		Path resultsDir = output != null ? output : folder;
		summary.results = resultsDir.resolve(RESULTS_FILE);
		Set<Path> inputs = new HashSet<>();
		for (String f : files) inputs.add(folder.resolve(f).toAbsolutePath().normalize());
		prepare(summary.results, inputs, settings.model);

		for (PromptCsv.Problem p : parsed.problems()) problem(summary, csvName + " " + p);
		StringBuilder rows = new StringBuilder(HEADER).append('\n');
		write(summary.results, rows.toString());
		StackProgress progress = new StackProgress("image", files.size());
		if (!files.isEmpty()) IJ.showStatus("SAM: image 1 of " + files.size());
		try {
			loop(folder, output, settings, parsed, csvName, inputs, summary, rows, progress, monitor);
		}
		finally {
			progress.finish();
			if (summary.interrupted) Thread.currentThread().interrupt(); // for the caller, as it came
		}
		return summary;
	}

	/** The images one by one. */
	private static void loop(Path folder, Path output, SegmentSettings settings, PromptCsv.Result parsed, String csvName,
		Set<Path> inputs, Summary summary, StringBuilder rows, StackProgress progress, Monitor monitor)
	{
		List<String> files = parsed.files();
		Set<Path> written = new HashSet<>();
		for (int i = 0; i < files.size(); i++) {
			if (summary.interrupted || progress.cancelled() || monitor.cancelled(summary.done)) {
				summary.note = progress.cancelNote(i);
				break;
			}
			String file = files.get(i);
			String where = csvName + " " + PromptCsv.describeLines(parsed.lines(file)) + ": ";
			Path image = folder.resolve(file).toAbsolutePath().normalize();
			if (!Files.isRegularFile(image)) {
				problem(summary, where + file + " was not found in " + folder + "; skipped.");
				progress.done(i + 1);
				continue;
			}
			String base = BatchFiles.baseName(image);
			Path dir = output != null ? output : image.getParent();
			Path labelsFile = dir.resolve(base + LABELS_SUFFIX), roisFile = dir.resolve(base + ROIS_SUFFIX);
			if (inputs.contains(labelsFile.toAbsolutePath().normalize()) || inputs.contains(roisFile.toAbsolutePath().normalize())) {
				problem(summary, where + "the outputs of " + file + " would overwrite an image the CSV lists; rename one; skipped.");
				progress.done(i + 1);
				continue;
			}
			if (!written.add(labelsFile.toAbsolutePath().normalize())) {
				problem(summary, where + "the outputs of " + file + " would overwrite those of another image of the same name "
					+ "written earlier in this run; skipped.");
				progress.done(i + 1);
				continue;
			}
			ImagePlus imp = IJ.openImage(image.toString());
			if (imp == null) {
				problem(summary, where + file + " cannot be opened as an image; skipped.");
				progress.done(i + 1);
				continue;
			}
			segmentImage(imp, file, parsed.objects(file), csvName, settings, summary, rows, labelsFile, roisFile);
			write(summary.results, rows.toString());
			summary.done++;
			imp.flush();
			progress.done(i + 1);
		}
	}

	/** Segments one image's objects and writes its label image and RoiSet; appends its rows. */
	private static void segmentImage(ImagePlus imp, String file, List<PromptCsv.PromptObject> objects, String csvName,
		SegmentSettings settings, Summary summary, StringBuilder rows, Path labelsFile, Path roisFile)
	{
		LabelImage labels = new LabelImage(imp);
		List<Roi> rois = new ArrayList<>();
		StringBuilder imageRows = new StringBuilder();
		for (PromptCsv.PromptObject o : objects) {
			String where = csvName + " " + o.where() + ": " + file + ": ";
			if (o.slice > imp.getStackSize()) {
				problem(summary, where + "slice " + o.slice + " does not exist (the image has " + imp.getStackSize()
					+ " plane" + (imp.getStackSize() == 1 ? "" : "s") + "); object skipped.");
				continue;
			}
			SegmentAnything.Result r;
			try {
				r = segmentUninterrupted(imp, Plane.ofIndex(imp, o.slice), o, settings, summary);
			}
			catch (SamException e) {
				problem(summary, where + e.getMessage() + " Object skipped.");
				continue;
			}
			if (r.rois.isEmpty()) {
				problem(summary, where + r.summary + " Object skipped.");
				continue;
			}
			int label = labels.paint(r.plane, r.rois.get(0).mask);
			String name = o.id.isEmpty() ? "#" + label : o.id;
			for (SamRois.MaskRoi m : r.rois) {
				Roi roi = (Roi) m.roi.clone();
				roi.setName(name + " " + m.roi.getName());
				roi.setProperty("sam_file", file);
				roi.setProperty("sam_object", o.id);
				roi.setProperty("sam_label", Integer.toString(label));
				roi.setProperty("sam_line", Integer.toString(o.lines.get(0)));
				rois.add(roi);
				imageRows.append(BatchFiles.row(file, Integer.toString(o.lines.get(0)), o.id, label, o.slice, o.prompt.toString(), m.mask));
			}
		}
		if (Thread.interrupted()) summary.interrupted = true; // noted; nothing below is cut short by it
		save(file, labels, labelsFile, rois, roisFile, summary);
		rows.append(imageRows);
		summary.objects += labels.count();
		summary.masks += rois.size();
	}

	/** One image's label image and RoiSet, each written whole or not at all. */
	static void save(String file, LabelImage labels, Path labelsFile, List<Roi> rois, Path roisFile, Summary summary) {
		try {
			OutputFiles.saveTiff(labels.image(), labelsFile);
			OutputFiles.saveRoiSet(rois, roisFile);
		}
		catch (IOException e) {
			throw new SamException("Cannot write the outputs of " + file + " to " + labelsFile.getParent() + ": "
				+ AtomicFiles.describe(e) + ". " + summary.done + " image(s) were finished before.");
		}
	}

	/**
	 * Segments one object; an interrupt that arrives meanwhile is noted as a cancel request and the
	 * object is segmented again with the flag cleared. ImageJ treats an interrupted thread as
	 * "stop": its mask tracing ({@code ThresholdToSelection}) then silently returns nothing, which
	 * would write a wrong (though complete) label image. Cancel means "after the current image".
	 */
	private static SegmentAnything.Result segmentUninterrupted(ImagePlus imp, Plane plane, PromptCsv.PromptObject o,
		SegmentSettings settings, Summary summary)
	{
		while (true) {
			SegmentAnything.Result r;
			try {
				r = SegmentAnything.segmentPlane(imp, plane, o.prompt, settings);
			}
			catch (SamException e) {
				if (!Thread.interrupted()) throw e;
				summary.interrupted = true;
				continue;
			}
			if (!Thread.interrupted()) return r;
			summary.interrupted = true;
		}
	}

	/** The images folder, if it is one; else the message of a run that cannot start. */
	static Path checkFolder(Path folder) {
		if (folder == null || !Files.isDirectory(folder))
			throw new SamException("The images folder " + (folder == null ? "(none given)" : folder) + " does not exist; "
				+ "choose the folder that holds the images.");
		return folder;
	}

	/**
	 * What must hold before anything is written: the results file is ours (or absent) and no input,
	 * the model loads, the output folder exists.
	 */
	static void prepare(Path results, Set<Path> inputs, String model) {
		BatchFiles.checkResultsFile(results, inputs);
		Models.get(model); // a model that does not load stops the run before anything is written
		try {
			Files.createDirectories(results.getParent());
		}
		catch (IOException e) {
			throw new SamException("Cannot create the output folder " + results.getParent() + ": " + AtomicFiles.describe(e) + ".");
		}
	}

	static void write(Path file, String text) {
		try {
			OutputFiles.saveText(text, file);
		}
		catch (IOException e) {
			throw new SamException("Cannot write " + file + ": " + AtomicFiles.describe(e) + ".");
		}
	}

	static void problem(Summary summary, String message) {
		summary.problems.add(message);
		IJ.log(Feedback.TITLE + ": " + message);
	}
}
