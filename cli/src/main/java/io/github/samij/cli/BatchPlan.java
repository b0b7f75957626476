package io.github.samij.cli;

import io.github.samij.core.SamException;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.batch.BatchFiles;
import io.github.samij.core.batch.PromptCsv;
import io.github.samij.core.instances.SegmentAllSettings;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a folder batch will do, decided before any image is read: the images in order, for each its
 * objects (from the prompts CSV, {@link PromptCsv}) or Segment All ({@code --all}: the folder's
 * images by name), where its label image goes, and the problems found on the way (a malformed CSV
 * line, a listed image that is missing, outputs that would overwrite an input or each other) —
 * the same rules as ImageJ's Segment Folder. The plan is a function of the command line, so a
 * Spark executor rebuilds the driver's plan from the same arguments. Immutable.
 */
public final class BatchPlan {


	/** One image to segment. Immutable. */
	public static final class Entry implements Serializable {
		private static final long serialVersionUID = 1L;
		/** Position in the plan, from 0. */
		public final int index;
		/** As the CSV names it, or the file's name for {@code --all}. */
		public final String file;
		final String image;
		final String labels;
		/** "prompts.csv lines 2-4: ", or "" for {@code --all}. */
		final String where;

		Entry(int index, String file, Path image, Path labels, String where) {
			this.index = index;
			this.file = file;
			this.image = image.toString();
			this.labels = labels.toString();
			this.where = where;
		}

		public Path image() {
			return Path.of(image);
		}

		public Path labels() {
			return Path.of(labels);
		}
	}

	final Path folder;
	/** The CSV, or {@code null} for {@code --all}. */
	final PromptCsv.Result csv;
	final String csvName;
	final SegmentAllSettings settings;
	final int tile;
	final Path results;
	private final List<Entry> entries;
	private final List<String> problems;
	/** Images listed (CSV) or found ({@code --all}), the skipped ones included. */
	final int listed;

	private BatchPlan(Path folder, PromptCsv.Result csv, String csvName, SegmentAllSettings settings, int tile, Path results,
		List<Entry> entries, List<String> problems, int listed)
	{
		this.folder = folder;
		this.csv = csv;
		this.csvName = csvName;
		this.settings = settings;
		this.tile = tile;
		this.results = results;
		this.entries = Collections.unmodifiableList(entries);
		this.problems = Collections.unmodifiableList(problems);
		this.listed = listed;
	}

	/**
	 * The plan of a run.
	 *
	 * @param prompts the CSV; {@code null} for {@code prompts.csv} in the folder (unless {@code settings} is given)
	 * @param out the output folder; {@code null} for beside the images
	 * @param settings Segment All's settings for {@code --all}, or {@code null} for a CSV run
	 * @throws UsageException when the folder or the CSV does not exist
	 * @throws SamException when the CSV cannot be read or its header cannot work
	 */
	public static BatchPlan of(Path folder, Path prompts, Path out, SegmentAllSettings settings, int tile) {
		if (!Files.isDirectory(folder))
			throw new UsageException("--folder '" + folder + "' is not a folder; give the folder that holds the images");
		Path resultsDir = out != null ? out : folder;
		Path results = resultsDir.resolve(BatchFiles.RESULTS_FILE);
		List<String> problems = new ArrayList<>();
		List<Entry> entries = new ArrayList<>();
		Set<Path> inputs = new HashSet<>(), written = new HashSet<>();
		if (settings != null) {
			List<Path> images = BatchFiles.images(folder);
			for (Path p : images) inputs.add(p.toAbsolutePath().normalize());
			for (Path image : images)
				add(entries, problems, inputs, written, image.getFileName().toString(), image, out, "");
			return new BatchPlan(folder, null, null, settings, tile, results, entries, problems, images.size());
		}
		Path csvFile = prompts != null ? prompts : folder.resolve("prompts.csv");
		if (!Files.isRegularFile(csvFile))
			throw new UsageException("the prompts CSV '" + csvFile + "' does not exist; give --prompts CSV with a header such as "
				+ "'file,x,y,label' (README, Folder batch), or --all to segment every object");
		PromptCsv.Result csv = readCsv(csvFile);
		String csvName = csvFile.getFileName().toString();
		for (PromptCsv.Problem p : csv.problems()) problems.add(csvName + " " + p);
		for (String f : csv.files()) inputs.add(folder.resolve(f).toAbsolutePath().normalize());
		for (String f : csv.files()) {
			String where = csvName + " " + PromptCsv.describeLines(csv.lines(f)) + ": ";
			Path image = folder.resolve(f).toAbsolutePath().normalize();
			if (!Files.isRegularFile(image)) problems.add(where + f + " was not found in " + folder + "; skipped.");
			else add(entries, problems, inputs, written, f, image, out, where);
		}
		return new BatchPlan(folder, csv, csvName, null, tile, results, entries, problems, csv.files().size());
	}

	/** Adds an image unless its label image would overwrite an input or another image's outputs. */
	private static void add(List<Entry> entries, List<String> problems, Set<Path> inputs, Set<Path> written, String file,
		Path image, Path out, String where)
	{
		Path dir = out != null ? out : image.getParent();
		Path labels = dir.resolve(BatchFiles.baseName(image) + BatchFiles.LABELS_SUFFIX).toAbsolutePath().normalize();
		if (inputs.contains(labels))
			problems.add(where + "the outputs of " + file + " would overwrite an image the run reads; rename one; skipped.");
		else if (!written.add(labels))
			problems.add(where + "the outputs of " + file + " would overwrite those of another image of the same name "
				+ "written earlier in this run; skipped.");
		else entries.add(new Entry(entries.size(), file, image, labels, where));
	}

	private static PromptCsv.Result readCsv(Path csv) {
		try {
			return PromptCsv.read(csv);
		}
		catch (IOException e) {
			throw new SamException("Cannot read the prompts CSV " + csv + ": " + (e instanceof CharacterCodingException
				? "it is not UTF-8 text (save it as CSV UTF-8)" : AtomicFiles.describe(e)) + ".");
		}
	}

	/**
	 * What must hold before anything is written: the results file is ours (or absent), the output
	 * folder exists, and the results file says the run has started (its header alone).
	 */
	public void prepare() {
		Set<Path> inputs = new HashSet<>();
		for (Entry e : entries) inputs.add(e.image());
		BatchFiles.checkResultsFile(results, inputs);
		try {
			Files.createDirectories(results.getParent());
		}
		catch (IOException e) {
			throw new SamException("Cannot create the output folder " + results.getParent() + ": " + AtomicFiles.describe(e) + ".");
		}
		writeResults(BatchFiles.HEADER + "\n");
	}

	/** Replaces the results file, whole. */
	public void writeResults(String text) {
		try {
			AtomicFiles.write(results, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException e) {
			throw new SamException("Cannot write " + results + ": " + AtomicFiles.describe(e) + ".");
		}
	}

	public List<Entry> entries() {
		return entries;
	}

	/** The problems found while planning, in the order found. */
	public List<String> problems() {
		return problems;
	}

	public Path results() {
		return results;
	}

	/** Whether every image gets Segment All rather than the CSV's prompts. */
	public boolean all() {
		return settings != null;
	}

	/** The run's summary line. */
	public String summary(int done, int objects, int masks, int problemCount) {
		return String.format(Locale.ROOT, "Batch: %d of %d image(s) done, %d object(s) labelled, %d %s in %s%s", done, listed,
			objects, masks, all() ? "object row(s)" : "mask row(s)", results, problemCount == 0 ? "." : "; " + problemCount
				+ " problem(s) reported above.");
	}
}
