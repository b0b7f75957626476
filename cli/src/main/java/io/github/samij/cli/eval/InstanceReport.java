package io.github.samij.cli.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The summary of an instance evaluation: per method (Segment All, the Otsu baseline) the mean over
 * images of AP@0.5, AP averaged over 0.5…0.95 and F1@0.5, and seconds per image, for all images
 * and per modality; and the same as a table. Stateless.
 */
public final class InstanceReport {

	private InstanceReport() { }

	public static Map<String, Object> summarise(List<InstanceEvaluation.ImageResult> images) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("all", set(images));
		Map<String, Object> by = new LinkedHashMap<>();
		for (String m : new TreeSet<>(modalities(images))) {
			List<InstanceEvaluation.ImageResult> subset = new ArrayList<>();
			for (InstanceEvaluation.ImageResult i : images) if (i.modality.equals(m)) subset.add(i);
			by.put(m, set(subset));
		}
		r.put("by_modality", by);
		return r;
	}

	private static List<String> modalities(List<InstanceEvaluation.ImageResult> images) {
		List<String> m = new ArrayList<>();
		for (InstanceEvaluation.ImageResult i : images) m.add(i.modality);
		return m;
	}

	private static Map<String, Object> set(List<InstanceEvaluation.ImageResult> images) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("images", images.size());
		int objects = 0;
		for (InstanceEvaluation.ImageResult i : images) objects += i.objects;
		s.put("objects", objects);
		s.put("sam", method(images, i -> i.sam));
		s.put("otsu", method(images, i -> i.otsu));
		return s;
	}

	private static Map<String, Object> method(List<InstanceEvaluation.ImageResult> images,
		Function<InstanceEvaluation.ImageResult, InstanceEvaluation.Method> of)
	{
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("ap50", mean(images, i -> of.apply(i).ap50));
		m.put("ap", mean(images, i -> of.apply(i).ap));
		m.put("f1", mean(images, i -> of.apply(i).f1));
		List<Double> seconds = new ArrayList<>();
		for (InstanceEvaluation.ImageResult i : images) seconds.add(of.apply(i).seconds);
		seconds.sort(null);
		m.put("seconds_median", seconds.isEmpty() ? 0 : round(seconds.get(seconds.size() / 2)));
		m.put("seconds_mean", mean(images, i -> of.apply(i).seconds));
		return m;
	}

	private static double mean(List<InstanceEvaluation.ImageResult> images, ToDoubleFunction<InstanceEvaluation.ImageResult> f) {
		double s = 0;
		for (InstanceEvaluation.ImageResult i : images) s += f.applyAsDouble(i);
		return images.isEmpty() ? 0 : round(s / images.size());
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

	/** The summary as text: one row per set, Segment All and Otsu side by side. */
	@SuppressWarnings("unchecked")
	public static String table(Map<String, Object> summary) {
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT, "%-14s %6s %7s | %-22s %7s | %-22s %7s%n", "", "", "", "Segment All", "", "Otsu baseline", ""));
		s.append(String.format(Locale.ROOT, "%-14s %6s %7s | %6s %6s %6s %7s | %6s %6s %6s %7s%n", "set", "images", "objects", "AP50",
			"AP", "F1", "s/img", "AP50", "AP", "F1", "s/img"));
		row(s, "all", (Map<String, Object>) summary.get("all"));
		for (Map.Entry<String, Object> e : ((Map<String, Object>) summary.get("by_modality")).entrySet())
			row(s, e.getKey(), (Map<String, Object>) e.getValue());
		return s.toString();
	}

	@SuppressWarnings("unchecked")
	private static void row(StringBuilder s, String name, Map<String, Object> set) {
		Map<String, Object> a = (Map<String, Object>) set.get("sam"), b = (Map<String, Object>) set.get("otsu");
		s.append(String.format(Locale.ROOT, "%-14s %6s %7s | %6.3f %6.3f %6.3f %7.2f | %6.3f %6.3f %6.3f %7.3f%n", name,
			set.get("images"), set.get("objects"), a.get("ap50"), a.get("ap"), a.get("f1"), a.get("seconds_median"), b.get("ap50"),
			b.get("ap"), b.get("f1"), b.get("seconds_median")));
	}
}
