package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --ranking}: the same three masks, another rank 1. The click is the evaluation
 * protocol's click on nucleus 14 of dsb000, where SAM ranks a mask covering the nucleus and its
 * neighbour first (predicted IoU 0.958) and the nucleus alone second (0.926).
 */
class CliRankingTest {

	@TempDir
	Path tmp;

	@Test
	void smallestConfidentPutsTheNucleusFirst() throws Exception {
		JsonObject sam = segment("predicted_iou");
		JsonObject smallest = segment("smallest_confident");
		assertEquals("predicted_iou", sam.getAsJsonObject("prompt").get("ranking").getAsString());
		assertEquals("smallest_confident", smallest.getAsJsonObject("prompt").get("ranking").getAsString());

		// The same masks (token, predicted IoU, area) under both rankings; only the ranks move.
		Map<Integer, String> byToken = new HashMap<>();
		for (JsonObject m : masks(sam)) byToken.put(m.get("token").getAsInt(), m.get("iou") + " " + m.get("area"));
		for (JsonObject m : masks(smallest))
			assertEquals(byToken.get(m.get("token").getAsInt()), m.get("iou") + " " + m.get("area"));

		JsonObject samFirst = masks(sam)[0], smallestFirst = masks(smallest)[0];
		assertTrue(smallestFirst.get("area").getAsLong() < samFirst.get("area").getAsLong(),
			"rank 1 is the smaller mask: " + smallestFirst + " vs " + samFirst);
		assertTrue(smallestFirst.get("iou").getAsDouble() >= samFirst.get("iou").getAsDouble() - 0.05,
			"within the margin of SAM's first choice");

		// Against the ground truth: the nucleus itself, where SAM's first choice is not.
		Nuclei nuclei = new Nuclei("dsb000", 256, 256);
		byte[] nucleus = nuclei.mask(14);
		double samIou = iou(Outputs.checkMasks(tmp.resolve("predicted_iou"), sam)[0], nucleus);
		double smallestIou = iou(Outputs.checkMasks(tmp.resolve("smallest_confident"), smallest)[0], nucleus);
		assertTrue(smallestIou > 0.75 && samIou < 0.5, "IoU with nucleus 14: " + smallestIou + " vs " + samIou);
	}

	private JsonObject segment(String ranking) throws Exception {
		Path out = tmp.resolve(ranking);
		Invocation run = Invocation.ok("segment", "--image", TestImages.dsb("dsb000").toString(), "--point", "46,8",
			"--mode", "multi", "--ranking", ranking, "--out", out.toString());
		return Outputs.result(out);
	}

	private static double iou(byte[] a, byte[] b) {
		long inter = 0, union = 0;
		for (int i = 0; i < a.length; i++) {
			if (a[i] != 0 && b[i] != 0) inter++;
			if (a[i] != 0 || b[i] != 0) union++;
		}
		return (double) inter / union;
	}

	private static JsonObject[] masks(JsonObject result) {
		JsonArray a = result.getAsJsonArray("masks");
		JsonObject[] m = new JsonObject[a.size()];
		for (int i = 0; i < m.length; i++) m[i] = a.get(i).getAsJsonObject();
		return m;
	}
}
