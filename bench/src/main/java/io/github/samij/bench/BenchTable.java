package io.github.samij.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark report as a plain-text table (the JSON holds everything; this is the summary). */
public final class BenchTable {

	private BenchTable() { }

	public static String render(Map<String, Object> r) {
		if (r.get("model") == null) return sweep(r);
		StringBuilder s = new StringBuilder();
		Map<String, Object> machine = map(r, "machine"), model = map(r, "model");
		s.append(String.format(Locale.ROOT, "SAM-IJ benchmark (%s plan) — %s, %s CPUs (%s), ONNX Runtime %s%n", r.get("plan"),
			model.get("name"), machine.get("cpus"), machine.get("cpu_model"), machine.get("onnxruntime")));
		s.append(String.format(Locale.ROOT, "session options: %s; load average %s -> %s (a shared machine: compare "
			+ "ratios within one run)%n%n", model.get("session_settings"), machine.get("load_average_start"),
			machine.get("load_average_end")));
		row(s, "measurement", "median", "q1 .. q3", "n");
		s.append("-".repeat(86)).append('\n');

		Map<String, Object> load = map(r, "model_load"), cold = map(r, "cold_start");
		row(s, "model load, first in this JVM", ms(num(load, "first_load_in_jvm_ms")), "", "1");
		stat(s, "model load, again", map(load, "load_ms"), "ms");
		row(s, "first click after the first load", ms(num(cold, "first_click_after_first_load_ms")), "", "1");
		stat(s, "first click after a load (encode+decode)", map(cold, "first_click_after_load_ms"), "ms");
		stat(s, "click on a new image, model warm", map(cold, "new_image_click_ms"), "ms");

		for (String part : new String[] { "encoder", "decoder" }) {
			Map<String, Object> sizes = map(map(r, part), "sizes");
			for (Map.Entry<String, Object> e : sizes.entrySet()) {
				@SuppressWarnings("unchecked")
				Map<String, Object> m = (Map<String, Object>) e.getValue();
				String size = e.getKey() + "x" + e.getKey();
				stat(s, part + " " + size + ": whole call", map(m, "whole_ms"), "ms");
				stat(s, part + " " + size + ": inside session.run", map(m, "session_run_ms"), "ms");
				stat(s, part + " " + size + ": overhead / session.run", map(m, "overhead_ratio"), "%");
			}
		}

		if (r.get("stack") == null) {
			// A model other than the default: the model's own rows only (Benchmark#run).
			segmentAll(s, r);
			return s.toString();
		}

		for (String key : new String[] { "imagej_click", "imagej_click_" + Benchmark.LARGE }) {
			Map<String, Object> ij = map(r, key);
			if (ij == null) continue;
			stat(s, "ImageJ click " + ((String) ij.get("image")).split(" ")[0] + " -> "
				+ (Boolean.TRUE.equals(ij.get("headless")) ? "overlay (headless)" : "ROI Manager"), map(ij, "whole_ms"), "ms");
			stat(s, "  of which decoder session.run", map(ij, "decoder_session_run_ms"), "ms");
			Map<String, Object> steps = map(ij, "steps");
			stat(s, "  step: prompt + image key", map(steps, "prompt_and_image_key_ms"), "ms");
			stat(s, "  step: Segmenter (cached embedding)", map(steps, "segmenter_ms"), "ms");
			stat(s, "  step: masks -> ROIs", map(steps, "rois_ms"), "ms");
			stat(s, "  step: ROIs out + results table", map(steps, "output_ms"), "ms");
		}

		Map<String, Object> st = map(r, "stack");
		String stackName = "stack " + st.get("slices") + "x512x512";
		row(s, stackName + ": ideal (1 / session.run), slices/s", fmt(num(st, "ideal_slices_per_s"), 3), "", "");
		stat(s, "  one encode per slice, slices/s", map(st, "slices_per_s"), "");
		stat(s, "  one encode per slice / ideal", map(st, "vs_ideal"), "");

		Map<String, Object> mem = map(r, "memory");
		row(s, "per cached embedding: Java heap", bytes(num(mem, "heap_bytes_per_embedding")), "", str(mem.get("embeddings")));
		row(s, "per cached embedding: direct (native)", bytes(num(mem, "direct_bytes_per_embedding")), "",
			str(mem.get("embeddings")));
		if (mem.get("resident_bytes_per_embedding") != null)
			row(s, "per cached embedding: process RSS", bytes(num(mem, "resident_bytes_per_embedding")), "",
				str(mem.get("embeddings")));

		segmentAll(s, r);

		Map<String, Object> startup = map(r, "startup");
		stat(s, "sam-ij segment, whole process (s)", map(startup, "sam_ij_segment_s"), "");
		stat(s, "  bare sessions + encode + decode, process (s)", map(startup, "bare_sessions_s"), "");
		stat(s, "  sam-ij segment / bare sessions", map(startup, "ratio"), "x");
		if (startup.get("ratio_to_cached_native") != null) {
			stat(s, "  bare sessions, cached native libraries (s)", map(startup, "bare_sessions_cached_native_s"), "");
			stat(s, "  sam-ij segment / that", map(startup, "ratio_to_cached_native"), "x");
		}
		Map<String, Object> longRun = map(r, "long_run");
		for (String part : new String[] { "decodes", "reloads" }) {
			Map<String, Object> p = map(longRun, part);
			row(s, "memory over " + p.get("count") + " " + (part.equals("decodes") ? "decodes" : "model loads"),
				"+" + fmt(num(p, "largest_growth_mib"), 1) + " MiB", Boolean.TRUE.equals(p.get("flat")) ? "flat" : "GROWS", "");
		}

		s.append("\ntargets:\n");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> targets = (List<Map<String, Object>>) r.get("targets");
		for (Map<String, Object> t : targets)
			s.append(String.format(Locale.ROOT, "  %-4s %-70s %s (goal %s)%n", Boolean.TRUE.equals(t.get("met")) ? "met" : "MISS",
				t.get("target"), fmt(num(t, "median"), 3), t.get("goal")));
		return s.toString();
	}

	private static void segmentAll(StringBuilder s, Map<String, Object> r) {
		Map<String, Object> all = map(r, "segment_all"), seeds = map(all, "seeds"), grid = map(all, "grid");
		String crop = "Segment All 512x512 (" + all.get("ground_truth_objects") + " nuclei)";
		stat(s, crop + ": encoder session.run", map(all, "encoder_session_run_ms"), "ms");
		stat(s, "  seeds: " + seeds.get("objects") + " objects, " + seeds.get("decoder_runs") + " decodes", map(seeds, "whole_ms"), "ms");
		stat(s, "  seeds / encoder session.run", map(seeds, "ratio_to_encoder"), "x");
		row(s, "  floor: (encoder + decoder session.run) / enc", fmt(num(seeds, "ratio_floor"), 2) + " x", "", "");
		stat(s, "  decoder session.run per prompt", map(seeds, "decoder_session_run_per_prompt_ms"), "ms");
		stat(s, "  grid: " + grid.get("objects") + " objects, " + grid.get("decoder_runs") + " decodes", map(grid, "whole_ms"), "ms");
		stat(s, "  grid / encoder session.run", map(grid, "ratio_to_encoder"), "x");
	}

	/** The table of a {@code --sweep} run. */
	@SuppressWarnings("unchecked")
	private static String sweep(Map<String, Object> r) {
		StringBuilder s = new StringBuilder();
		Map<String, Object> machine = map(r, "machine");
		s.append(String.format(Locale.ROOT, "ONNX Runtime session settings, 512x512, interleaved rounds — %s CPUs (%s), ONNX "
			+ "Runtime %s, load average %s -> %s%n%n", machine.get("cpus"), machine.get("cpu_model"), machine.get("onnxruntime"),
			machine.get("load_average_start"), machine.get("load_average_end")));
		s.append(String.format(Locale.ROOT, "%-58s %7s %18s %16s %20s%n", "settings", "load ms", "encoder run ms",
			"decoder run ms", "stack slices/s"));
		for (Map<String, Object> c : (List<Map<String, Object>>) map(r, "session_options").get("sweep")) {
			Map<String, Object> e = map(map(c, "encoder_512"), "session_run_ms"), d = map(map(c, "decoder_512"), "session_run_ms"),
				st = map(c, "stack_slices_per_s");
			s.append(String.format(Locale.ROOT, "%-58s %7.0f %6.0f (%4.0f-%4.0f) %6.1f (%3.0f-%3.0f) %6.3f (%.2f-%.2f)%n",
				c.get("settings"), num(c, "load_ms"), num(e, "median"), num(e, "q1"), num(e, "q3"), num(d, "median"), num(d, "q1"),
				num(d, "q3"), num(st, "median"), num(st, "q1"), num(st, "q3")));
		}
		s.append("(medians, q1-q3 in brackets; defaults in use: ").append(map(r, "session_options").get("in_use")).append(")\n");
		return s.toString();
	}

	private static void stat(StringBuilder s, String name, Map<String, Object> st, String unit) {
		double f = unit.equals("%") ? 100 : 1;
		int decimals = unit.equals("%") ? 1 : num(st, "median") >= 100 ? 0 : num(st, "median") >= 10 ? 1 : 2;
		if (unit.isEmpty()) decimals = 3;
		if (unit.equals("x")) decimals = 2;
		String u = unit.isEmpty() ? "" : unit.equals("%") ? " %" : " " + unit;
		row(s, name, fmt(num(st, "median") * f, decimals) + u,
			fmt(num(st, "q1") * f, decimals) + " .. " + fmt(num(st, "q3") * f, decimals), str(st.get("n")));
	}

	private static void row(StringBuilder s, String name, String median, String spread, String n) {
		s.append(String.format(Locale.ROOT, "%-46s %14s %20s %4s%n", name, median, spread, n));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> m, String key) {
		return (Map<String, Object>) m.get(key);
	}

	private static double num(Map<String, Object> m, String key) {
		Object v = m.get(key);
		return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
	}

	private static String ms(double v) {
		return fmt(v, v >= 100 ? 0 : 1) + " ms";
	}

	private static String bytes(double v) {
		return fmt(v / (1024 * 1024), 2) + " MiB";
	}

	private static String fmt(double v, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", v);
	}

	private static String str(Object o) {
		return o == null ? "" : o.toString();
	}
}
