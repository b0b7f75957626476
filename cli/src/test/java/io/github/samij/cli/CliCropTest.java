package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --crop}: dsb000 tiled 12 × 12 into a 3072 × 3072 PNG, a box around one nucleus;
 * with a 256-pixel window SAM finds the nucleus it misses on the whole image.
 */
class CliCropTest {

	private static final int TILES = 12, LABEL = 14, TX = 5, TY = 7;

	@TempDir
	Path tmp;

	@Test
	void aWindowAroundTheBoxFindsTheSmallNucleus() throws Exception {
		BufferedImage tile = ImageIO.read(TestImages.dsb("dsb000").toFile());
		BufferedImage big = new BufferedImage(256 * TILES, 256 * TILES, BufferedImage.TYPE_INT_RGB);
		for (int ty = 0; ty < TILES; ty++)
			for (int tx = 0; tx < TILES; tx++) big.createGraphics().drawImage(tile, tx * 256, ty * 256, null);
		Path image = tmp.resolve("mosaic.png");
		ImageIO.write(big, "png", image.toFile());
		Nuclei nuclei = new Nuclei("dsb000", 256, 256);
		int[] b = nuclei.box(LABEL);
		int ox = TX * 256, oy = TY * 256;
		String box = (b[0] + ox) + "," + (b[1] + oy) + "," + (b[2] + ox) + "," + (b[3] + oy);

		double whole = iou(segment(image, box, "0"), nuclei, ox, oy);
		JsonObject cropped = segment(image, box, "256");
		double window = iou(cropped, nuclei, ox, oy);
		System.out.printf("CliCropTest: IoU with the nucleus: whole image %.3f, --crop 256 %.3f%n", whole, window);
		assertTrue(window >= 0.7 && window > whole + 0.1, "--crop 256: " + window + ", whole image: " + whole);

		JsonArray crop = cropped.getAsJsonObject("prompt").getAsJsonArray("crop");
		assertEquals(256, crop.get(2).getAsInt(), "result.json records the window");
		int x = crop.get(0).getAsInt(), y = crop.get(1).getAsInt();
		assertTrue(x <= b[0] + ox && x + 256 >= b[2] + ox && y <= b[1] + oy && y + 256 >= b[3] + oy, "around the box");
		assertEquals(3072, cropped.getAsJsonObject("image").get("width").getAsInt(), "masks at the image's size");
	}

	private JsonObject segment(Path image, String box, String crop) throws Exception {
		Path out = tmp.resolve("crop" + crop);
		Invocation run = Invocation.ok("segment", "--image", image.toString(), "--box", box, "--crop", crop, "--out",
			out.toString());
		JsonObject result = Outputs.result(out);
		result.addProperty("folder", out.toString());
		return result;
	}

	/** IoU of the rank-1 mask PNG with the nucleus placed at (ox, oy). */
	private static double iou(JsonObject result, Nuclei nuclei, int ox, int oy) throws Exception {
		byte[] mask = Outputs.checkMasks(Path.of(result.get("folder").getAsString()), result)[0];
		int w = result.getAsJsonObject("image").get("width").getAsInt();
		long inter = 0, union = 0;
		for (int i = 0; i < mask.length; i++) {
			int x = i % w - ox, y = i / w - oy;
			boolean p = mask[i] != 0, g = x >= 0 && y >= 0 && x < 256 && y < 256 && nuclei.at(x, y) == LABEL;
			if (p && g) inter++;
			if (p || g) union++;
		}
		return (double) inter / union;
	}
}
