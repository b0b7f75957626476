package io.github.samij.core.batch;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the prompts of a folder batch from a CSV file: which objects to segment in which image.
 * <p>
 * <b>Format.</b> The first non-blank line is a header naming the columns, in any order (case
 * does not matter): {@code file} (required), {@code x}, {@code y}, {@code label}, {@code x0},
 * {@code y0}, {@code x1}, {@code y1}, {@code object}, {@code slice}. A header needs {@code x}
 * and {@code y}, or {@code x0}, {@code y0}, {@code x1} and {@code y1}, or both. Each further line
 * gives a point ({@code x}, {@code y}; {@code label} 1 = foreground, the default, 0 = background),
 * a box ({@code x0}, {@code y0}, {@code x1}, {@code y1}), or both, in pixels of the image
 * {@code file} (relative to the images folder). Lines of one file with the same {@code object}
 * value form one prompt (several points, a box with points); a line whose {@code object} is empty
 * (or without that column) is an object of its own. {@code slice} (default 1) is the stack
 * position of the object in a stack. Blank lines and lines starting with {@code #} are skipped;
 * fields may be double-quoted ({@code "a, b.png"}); the separator is a comma, or a semicolon or tab
 * when the header uses one instead; a UTF-8 byte order mark is ignored.
 * <p>
 * A malformed line is one {@link Problem} with its line number and is skipped; the other lines
 * still count. Only a header that cannot work at all (no {@code file} column, no coordinates) stops
 * the whole file, with a {@link SamException}.
 * <p>
 * Stateless and thread-safe; free of ImageJ types so that any front end can use it.
 */
public final class PromptCsv {

	/** The column names, in the order the messages list them. */
	public static final List<String> COLUMNS = List.of("file", "object", "x", "y", "label", "x0", "y0", "x1", "y1",
		"slice");

	private PromptCsv() { }

	/** A line that could not be used, and why. */
	public static final class Problem {
		/** 1-based line number in the CSV file. */
		public final int line;
		/** One sentence, without the line number. */
		public final String message;

		public Problem(int line, String message) {
			this.line = line;
			this.message = message;
		}

		@Override
		public String toString() {
			return "line " + line + ": " + message;
		}
	}

	/** One object to segment: the prompt its lines add up to. */
	public static final class PromptObject {
		/** The image, as written in the CSV (trimmed). */
		public final String file;
		/** The {@code object} value, or empty when the line had none. */
		public final String id;
		/** 1, 2, 3... in order of first appearance within its file. */
		public final int index;
		/** 1-based stack position. */
		public final int slice;
		/** The CSV lines this object comes from, ascending. */
		public final List<Integer> lines;
		public final Prompt prompt;

		PromptObject(String file, String id, int index, int slice, List<Integer> lines, Prompt prompt) {
			this.file = file;
			this.id = id;
			this.index = index;
			this.slice = slice;
			this.lines = Collections.unmodifiableList(lines);
			this.prompt = prompt;
		}

		/** "line 4" or "lines 4, 5, 9". */
		public String where() {
			return describeLines(lines);
		}

		@Override
		public String toString() {
			return file + " object " + (id.isEmpty() ? "#" + index : "'" + id + "'") + " (" + where() + "): " + prompt;
		}
	}

	/** What a CSV file holds: the objects by image (in order of first appearance) and the problems. */
	public static final class Result {
		private final Map<String, List<PromptObject>> byFile;
		private final Map<String, List<Integer>> fileLines;
		private final List<Problem> problems;

		Result(Map<String, List<PromptObject>> byFile, Map<String, List<Integer>> fileLines, List<Problem> problems) {
			this.byFile = byFile;
			this.fileLines = fileLines;
			this.problems = Collections.unmodifiableList(problems);
		}

		/** The images with at least one usable object, in order of first appearance. */
		public List<String> files() {
			return List.copyOf(byFile.keySet());
		}

		/** The objects of an image, in order of first appearance. */
		public List<PromptObject> objects(String file) {
			List<PromptObject> o = byFile.get(file);
			return o == null ? List.of() : Collections.unmodifiableList(o);
		}

		/** The lines (ascending) that name {@code file} and were used. */
		public List<Integer> lines(String file) {
			List<Integer> l = fileLines.get(file);
			return l == null ? List.of() : Collections.unmodifiableList(l);
		}

		/** How many objects all files have. */
		public int objectCount() {
			int n = 0;
			for (List<PromptObject> o : byFile.values()) n += o.size();
			return n;
		}

		/** Lines that were skipped, by line number. */
		public List<Problem> problems() {
			return problems;
		}
	}

	/** Reads a CSV file (UTF-8). */
	public static Result read(Path csv) throws IOException {
		try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			return parse(r);
		}
	}

	/** Parses CSV text. */
	public static Result parse(String text) {
		try {
			return parse(new StringReader(text));
		}
		catch (IOException e) {
			throw new AssertionError(e); // a StringReader does not fail
		}
	}

	/** Parses CSV text from a reader (not closed). */
	public static Result parse(Reader reader) throws IOException {
		BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
		List<Problem> problems = new ArrayList<>();
		CsvHeader header = null;
		Map<String, Builder> objects = new LinkedHashMap<>();
		Map<String, List<Integer>> fileLines = new LinkedHashMap<>();
		Map<String, Integer> indexes = new LinkedHashMap<>();
		String text;
		int lineNumber = 0;
		while ((text = in.readLine()) != null) {
			lineNumber++;
			if (lineNumber == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
			if (text.isBlank() || text.trim().startsWith("#")) continue;
			if (header == null) {
				header = CsvHeader.parse(text, lineNumber, problems);
				continue;
			}
			List<String> fields;
			try {
				fields = CsvFields.split(text, header.separator);
			}
			catch (IllegalArgumentException e) {
				problems.add(new Problem(lineNumber, e.getMessage() + "; line skipped."));
				continue;
			}
			CsvHeader.Row row;
			try {
				row = header.row(fields);
			}
			catch (IllegalArgumentException e) {
				problems.add(new Problem(lineNumber, e.getMessage() + "; line skipped."));
				continue;
			}
			String key = row.id.isEmpty() ? row.file + "\u0000#" + lineNumber : row.file + "\u0000=" + row.id;
			Builder b = objects.get(key);
			if (b == null) {
				b = new Builder(row.file, row.id, row.slice);
				objects.put(key, b);
			}
			String conflict = b.conflict(row);
			if (conflict != null) {
				problems.add(new Problem(lineNumber, conflict + "; line skipped."));
				continue;
			}
			b.add(row, lineNumber);
			fileLines.computeIfAbsent(row.file, f -> new ArrayList<>()).add(lineNumber);
		}
		if (header == null)
			throw new SamException("The prompts CSV is empty: it needs a header line such as 'file,x,y,label' and one line "
				+ "per point.");

		Map<String, List<PromptObject>> byFile = new LinkedHashMap<>();
		for (Builder b : objects.values()) {
			if (b.lines.isEmpty()) continue; // its only line conflicted
			Prompt prompt = Prompt.of(b.points, b.box);
			if (!prompt.hasForeground()) {
				problems.add(new Problem(b.lines.get(0), "object " + (b.id.isEmpty() ? "" : "'" + b.id + "' ") + "of "
					+ b.file + " (" + describeLines(b.lines) + ") has only background points (label 0); SAM needs a "
					+ "foreground point or a box; object skipped."));
				continue;
			}
			int index = indexes.merge(b.file, 1, Integer::sum);
			byFile.computeIfAbsent(b.file, f -> new ArrayList<>())
				.add(new PromptObject(b.file, b.id, index, b.slice, b.lines, prompt));
		}
		// Lines that named a file whose objects were all dropped say nothing about that file.
		fileLines.keySet().retainAll(byFile.keySet());
		problems.sort((a, b) -> Integer.compare(a.line, b.line));
		return new Result(byFile, fileLines, problems);
	}

	/** "line 4" or "lines 4, 5, 9". */
	public static String describeLines(List<Integer> lines) {
		if (lines.size() == 1) return "line " + lines.get(0);
		StringBuilder s = new StringBuilder("lines ");
		for (int i = 0; i < lines.size(); i++) s.append(i > 0 ? ", " : "").append(lines.get(i));
		return s.toString();
	}

	/** The lines of one object so far. */
	private static final class Builder {
		final String file;
		final String id;
		final int slice;
		final List<Prompt.Point> points = new ArrayList<>();
		final List<Integer> lines = new ArrayList<>();
		Prompt.Box box;
		int boxLine;

		Builder(String file, String id, int slice) {
			this.file = file;
			this.id = id;
			this.slice = slice;
		}

		/** Why {@code row} cannot join this object, or {@code null}. */
		String conflict(CsvHeader.Row row) {
			if (row.slice != slice)
				return "object '" + id + "' of " + file + " is on slice " + slice + " (line " + lines.get(0) + "), this line "
					+ "says slice " + row.slice;
			if (row.box != null && box != null)
				return "object '" + id + "' of " + file + " already has a box (line " + boxLine + "); SAM takes one box per "
					+ "object";
			return null;
		}

		void add(CsvHeader.Row row, int line) {
			if (row.point != null) points.add(row.point);
			if (row.box != null) {
				box = row.box;
				boxLine = line;
			}
			lines.add(line);
		}
	}
}
