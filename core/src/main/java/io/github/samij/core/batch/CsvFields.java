package io.github.samij.core.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one CSV line: splitting a line read, quoting a field written. Double quotes
 * enclose a field that holds the separator, a quote ({@code ""} inside) or a line break. Stateless
 * and thread-safe.
 */
public final class CsvFields {

	private CsvFields() { }

	/** A field for a comma-separated line: as it is, or double-quoted when it holds a comma, quote or line break. */
	public static String quote(String field) {
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
			return field;
		return '"' + field.replace("\"", "\"\"") + '"';
	}

	/** Splits one CSV line; double quotes enclose fields and {@code ""} is a quote inside them. */
	public static List<String> split(String line, char separator) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else field.append(c);
			}
			else if (c == '"' && field.toString().isBlank()) {
				field.setLength(0);
				quoted = true;
			}
			else if (c == separator) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else field.append(c);
		}
		if (quoted) throw new IllegalArgumentException("a quoted field is not closed (a \" is missing)");
		fields.add(field.toString());
		return fields;
	}
}
