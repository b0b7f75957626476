package io.github.samij.core.batch;

import io.github.samij.core.SamException;
import io.github.samij.core.mask.Mask;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files a folder batch writes, the same from ImageJ's Segment Folder, the command line's
 * {@code batch} and its Spark run: per image {@code <name>}{@value #LABELS_SUFFIX} (a 16-bit label
 * image), for the run {@value #RESULTS_FILE} (one row per kept mask, columns {@value #HEADER}).
 * Stateless.
 */
public final class BatchFiles {

	public static final String RESULTS_FILE = "sam_results.csv";
	public static final String HEADER = "file,line,object,label,slice,prompt,rank,scale,iou,stability,area";
	public static final String LABELS_SUFFIX = "_sam_labels.tif";
	/** The extensions of the files a batch without a CSV takes for images (any case). */
	public static final List<String> IMAGE_EXTENSIONS = List.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif");

	private BatchFiles() { }

	/** One line of {@value #RESULTS_FILE}. */
	public static String row(String file, String line, String object, int label, int slice, String prompt, Mask m) {
		return row(file, line, object, label, slice, prompt, m.rank(), m.scale().toString(), m.iou(), m.stability(), m.area());
	}

	/** One line of {@value #RESULTS_FILE} from its values. */
	public static String row(String file, String line, String object, int label, int slice, String prompt, int rank,
		String scale, float iou, float stability, long area)
	{
		return String.join(",", CsvFields.quote(file), line, CsvFields.quote(object), Integer.toString(label),
			Integer.toString(slice), CsvFields.quote(prompt), Integer.toString(rank), scale,
			String.format(Locale.ROOT, "%.4f", iou), String.format(Locale.ROOT, "%.4f", stability), Long.toString(area)) + "\n";
	}

	/**
	 * The images of a folder for a batch without a CSV: its files of {@link #IMAGE_EXTENSIONS}, by
	 * name, without hidden files and a batch's own label images.
	 *
	 * @throws SamException when the folder cannot be listed
	 */
	public static List<Path> images(Path folder) {
		List<Path> images = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path f : files) {
				String name = f.getFileName().toString(), lower = name.toLowerCase(Locale.ROOT);
				int dot = lower.lastIndexOf('.');
				if (name.startsWith(".") || dot < 0 || !Files.isRegularFile(f)) continue;
				if (lower.endsWith(LABELS_SUFFIX) || !IMAGE_EXTENSIONS.contains(lower.substring(dot + 1))) continue;
				images.add(f);
			}
		}
		catch (IOException e) {
			throw new SamException("Cannot list the images folder " + folder + ": " + AtomicFiles.describe(e) + ".");
		}
		images.sort(null);
		return images;
	}

	/** The file name without its last extension ("a.b.png" → "a.b"). */
	public static String baseName(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	/**
	 * Refuses to replace a results file that a batch did not write, or one of the run's images
	 * ({@code inputs}, absolute and normalised).
	 *
	 * @throws SamException saying what to do
	 */
	public static void checkResultsFile(Path results, Set<Path> inputs) {
		if (inputs.contains(results.toAbsolutePath().normalize()))
			throw new SamException("The prompts CSV lists " + results + " as an image; the run's " + RESULTS_FILE
				+ " would replace it. Rename that file or choose an output folder.");
		if (!Files.exists(results)) return;
		String first = null;
		try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
			first = in.readLine();
		}
		catch (IOException | RuntimeException e) {
			// unreadable: not ours either
		}
		if (!HEADER.equals(first))
			throw new SamException(results + " exists and was not written by Segment Folder; move it away or choose another "
				+ "output folder (nothing was done).");
	}
}
