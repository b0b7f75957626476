package io.github.samij.spark;

import io.github.samij.cli.UsageException;
import io.github.samij.core.SamException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's words for why a Spark job failed. A task's exception reaches the driver as the
 * exception itself (local mode) or as text inside Spark's message (a cluster); either way SAM-IJ's
 * own message is what the user needs, not Spark's stage and task numbers. Stateless.
 */
final class Failures {

	private static final Pattern OURS = Pattern.compile("io\\.github\\.samij\\.(?:core\\.SamException|cli\\.UsageException): ([^\\n]*)");

	private Failures() { }

	static String cause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause())
			if (t instanceof SamException || t instanceof UsageException) return t.getMessage();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			Matcher m = OURS.matcher(String.valueOf(t.getMessage()));
			if (m.find()) return m.group(1).trim();
		}
		String text = String.valueOf(failure.getMessage());
		int end = text.indexOf('\n');
		return (end < 0 ? text : text.substring(0, end)).trim();
	}
}
