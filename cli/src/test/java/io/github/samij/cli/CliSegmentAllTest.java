package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.samij.cli.eval.InstanceScore;
import io.github.samij.core.TestImages;
import io.github.samij.core.instances.TestInstances;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam-ij segment-all} end to end with the real default model, against the DSB 2018 ground truth. */
class CliSegmentAllTest {

	@TempDir
	Path tmp;

	private static int[] labels(Path tif) throws Exception {
		BufferedImage img = ImageIO.read(tif.toFile());
		return img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, new int[img.getWidth() * img.getHeight()]);
	}

	@Test
	void everyNucleusOfAnImageAsALabelImageAResultAndAnOverlay() throws Exception {
		Path out = tmp.resolve("all");
		Invocation run = Invocation.ok("segment-all", "--image", TestImages.dsb("dsb000").toString(), "--out", out.toString());
		for (String line : run.err.split("\n", -1))
			assertTrue(line.isEmpty() || line.startsWith("sam-ij: Segment All: "), "stderr has progress only, no notes: " + run.err);
		JsonObject result = JsonParser.parseString(Files.readString(out.resolve("result.json"), StandardCharsets.UTF_8))
			.getAsJsonObject();
		BufferedImage tif = ImageIO.read(out.resolve("labels.tif").toFile());
		assertEquals(DataBuffer.TYPE_USHORT, tif.getRaster().getDataBuffer().getDataType(), "16-bit labels");
		assertEquals(256, tif.getWidth());
		int[] labels = labels(out.resolve("labels.tif"));
		int count = result.get("count").getAsInt();
		assertEquals(count, Arrays.stream(labels).max().getAsInt());
		JsonArray objects = result.getAsJsonArray("objects");
		assertEquals(count, objects.size());
		for (int k = 0; k < count; k++) {
			JsonObject o = objects.get(k).getAsJsonObject();
			int label = k + 1;
			assertEquals(label, o.get("label").getAsInt());
			assertEquals(Arrays.stream(labels).filter(l -> l == label).count(), o.get("area").getAsLong(), o.toString());
			assertTrue(o.get("iou").getAsDouble() >= 0.88 && o.get("stability").getAsDouble() >= 0.95, o.toString());
		}
		assertEquals("seeds", result.getAsJsonObject("settings").get("prompts").getAsString());
		assertTrue(result.getAsJsonObject("timing").get("encode_ms").getAsLong() > 0);
		BufferedImage overlay = ImageIO.read(out.resolve("overlay.png").toFile());
		assertEquals(256, overlay.getWidth());
		// Against the ground truth: the classical baseline scores AP@0.5 = 0.62 on this image.
		InstanceScore score = InstanceScore.of(labels, TestImages.labels("dsb000"));
		assertTrue(score.ap(0) >= 0.75, "AP@0.5 " + score.ap(0));
		assertTrue(run.out.contains("Objects: " + count), run.out);
	}

	@Test
	void aFlatImageGivesNoObjectsAndSaysSo() throws Exception {
		BufferedImage flat = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
		Path image = tmp.resolve("flat.png"), out = tmp.resolve("flat");
		ImageIO.write(flat, "png", image.toFile());
		Invocation run = Invocation.ok("segment-all", "--image", image.toString(), "--out", out.toString());
		assertEquals("sam-ij: note: The image is flat (every pixel has the grey value 0): there are no objects to find.\n",
			run.err);
		assertTrue(Arrays.stream(labels(out.resolve("labels.tif"))).allMatch(l -> l == 0));
		assertTrue(run.out.contains("Objects: 0"), run.out);
	}

	@Test
	void moreThan65535ObjectsGoTo32BitLabels() throws Exception {
		int w = 600, h = 600; // every other pixel of every other row: 90,000 one-pixel objects
		int[] l = new int[w * h];
		for (int i = 0; i < l.length; i++) l[i] = i % 2 == 0 && (i / w) % 2 == 0 ? i / 2 + 1 : 0;
		// Renumber 1..K in order.
		int k = 0;
		for (int i = 0; i < l.length; i++) if (l[i] != 0) l[i] = ++k;
		assertTrue(k > 65535);
		BufferedImage img = InstancesWriter.labelImage(TestInstances.of(w, h, l));
		assertEquals(DataBuffer.TYPE_FLOAT, img.getRaster().getDataBuffer().getDataType());
		Path file = tmp.resolve("labels.tif");
		ImageIO.write(img, "tiff", file.toFile());
		BufferedImage back = ImageIO.read(file.toFile());
		float[] values = back.getRaster().getSamples(0, 0, w, h, 0, new float[w * h]);
		for (int i = 0; i < l.length; i++) if (values[i] != l[i]) throw new AssertionError("pixel " + i + ": " + values[i] + " vs " + l[i]);
		assertArrayEquals(new float[] { 1, 0, 2 }, Arrays.copyOf(values, 3));
	}
}
