package io.github.samij.core.batch;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of a prompts CSV: its separator and the position of each known column, and each further
 * line read into a {@link Row}. Immutable once parsed.
 */
final class CsvHeader {

	final char separator;
	final int count;
	final Map<String, Integer> index = new LinkedHashMap<>();

	private CsvHeader(char separator, int count) {
		this.separator = separator;
		this.count = count;
	}

	static CsvHeader parse(String text, int line, List<PromptCsv.Problem> problems) {
		char separator = text.indexOf(',') < 0 && text.indexOf(';') >= 0 ? ';'
			: text.indexOf(',') < 0 && text.indexOf('\t') >= 0 ? '\t' : ',';
		List<String> names;
		try {
			names = CsvFields.split(text, separator);
		}
		catch (IllegalArgumentException e) {
			throw new SamException("The prompts CSV's header (line " + line + ") is malformed: " + e.getMessage() + ".");
		}
		CsvHeader h = new CsvHeader(separator, names.size());
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).trim().toLowerCase(Locale.ROOT);
			if (!PromptCsv.COLUMNS.contains(name)) {
				problems.add(new PromptCsv.Problem(line, "unknown column '" + names.get(i).trim() + "' is ignored (the columns are "
					+ String.join(", ", PromptCsv.COLUMNS) + ")."));
				continue;
			}
			if (h.index.containsKey(name))
				throw new SamException("The prompts CSV's header (line " + line + ") names column '" + name + "' twice.");
			h.index.put(name, i);
		}
		boolean point = h.index.containsKey("x") && h.index.containsKey("y");
		boolean box = h.index.keySet().containsAll(List.of("x0", "y0", "x1", "y1"));
		if (!h.index.containsKey("file") || !point && !box)
			throw new SamException("The prompts CSV's header (line " + line + ") is '" + text.trim() + "'; it needs a "
				+ "'file' column and the columns of a point (x, y, optionally label) and/or of a box (x0, y0, x1, y1), "
				+ "e.g. 'file,x,y,label'.");
		for (String partial : new String[] { "x", "y" })
			if (!point && h.index.containsKey(partial))
				throw new SamException("The prompts CSV's header (line " + line + ") has column '" + partial
					+ "' but not both x and y.");
		return h;
	}

	private String field(List<String> fields, String column) {
		Integer i = index.get(column);
		return i == null ? "" : fields.get(i).trim();
	}

	Row row(List<String> fields) {
		if (fields.size() != count)
			throw new IllegalArgumentException("it has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
				+ " but the header has " + count);
		Row r = new Row();
		r.file = field(fields, "file");
		if (r.file.isEmpty()) throw new IllegalArgumentException("the file is empty");
		r.id = field(fields, "object");
		String x = field(fields, "x"), y = field(fields, "y");
		if (!x.isEmpty() || !y.isEmpty()) {
			if (x.isEmpty() || y.isEmpty()) throw new IllegalArgumentException("a point needs both x and y");
			r.point = new Prompt.Point(number("x", x), number("y", y), foreground(field(fields, "label")));
		}
		else if (!field(fields, "label").isEmpty()) {
			foreground(field(fields, "label")); // still checked, so a typo is not silently ignored
		}
		String[] box = { field(fields, "x0"), field(fields, "y0"), field(fields, "x1"), field(fields, "y1") };
		int given = 0;
		for (String b : box) if (!b.isEmpty()) given++;
		if (given > 0 && given < 4) throw new IllegalArgumentException("a box needs all of x0, y0, x1 and y1");
		if (given == 4)
			r.box = new Prompt.Box(number("x0", box[0]), number("y0", box[1]), number("x1", box[2]), number("y1", box[3]));
		if (r.point == null && r.box == null)
			throw new IllegalArgumentException("it has neither a point (x, y) nor a box (x0, y0, x1, y1)");
		String slice = field(fields, "slice");
		r.slice = 1;
		if (!slice.isEmpty()) {
			try {
				r.slice = Integer.parseInt(slice);
			}
			catch (NumberFormatException e) {
				r.slice = 0;
			}
			if (r.slice < 1) throw new IllegalArgumentException("slice '" + slice + "' is not a stack position (1, 2, 3...)");
		}
		return r;
	}

	private static double number(String column, String text) {
		try {
			double v = Double.parseDouble(text);
			if (Double.isFinite(v)) return v;
		}
		catch (NumberFormatException e) {
			// below
		}
		throw new IllegalArgumentException(column + " '" + text + "' is not a number");
	}

	private static boolean foreground(String label) {
		switch (label.toLowerCase(Locale.ROOT)) {
			case "":
			case "1":
			case "foreground":
			case "fg":
				return true;
			case "0":
			case "background":
			case "bg":
				return false;
			default:
				throw new IllegalArgumentException("label '" + label + "' is neither 1 (foreground) nor 0 (background)");
		}
	}

	/** One usable line of a prompts CSV. */
	static final class Row {
		String file;
		String id;
		Prompt.Point point;
		Prompt.Box box;
		int slice;
	}
}
