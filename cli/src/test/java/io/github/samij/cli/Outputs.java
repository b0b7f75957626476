package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Reading back and checking what {@code segment} wrote. */
final class Outputs {

	private Outputs() { }

	static JsonObject result(Path out) throws IOException {
		Path json = out.resolve("result.json");
		assertTrue(Files.isRegularFile(json), "result.json is written");
		return JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
	}

	static BufferedImage png(Path file) throws IOException {
		assertTrue(Files.isRegularFile(file), file + " is written");
		BufferedImage img = ImageIO.read(file.toFile());
		assertNotNull(img, file + " is a readable image");
		return img;
	}

	/**
	 * Checks each mask file listed in result.json: 8-bit grey at the image size, only 0 and 255,
	 * as many 255 pixels as the JSON area, bounding box matching. Returns the mask pixels by rank - 1.
	 */
	static byte[][] checkMasks(Path out, JsonObject result) throws IOException {
		int w = result.getAsJsonObject("image").get("width").getAsInt();
		int h = result.getAsJsonObject("image").get("height").getAsInt();
		JsonArray masks = result.getAsJsonArray("masks");
		byte[][] pixels = new byte[masks.size()][];
		for (int i = 0; i < masks.size(); i++) {
			JsonObject m = masks.get(i).getAsJsonObject();
			assertEquals(i + 1, m.get("rank").getAsInt(), "masks are listed in rank order");
			assertEquals("mask_rank" + (i + 1) + ".png", m.get("file").getAsString());
			BufferedImage img = png(out.resolve(m.get("file").getAsString()));
			assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType(), "mask PNG is 8-bit grey");
			assertEquals(w, img.getWidth());
			assertEquals(h, img.getHeight());
			byte[] px = new byte[w * h];
			img.getRaster().getDataElements(0, 0, w, h, px);
			long inside = 0;
			int x0 = w, y0 = h, x1 = -1, y1 = -1;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int v = px[y * w + x] & 0xff;
					assertTrue(v == 0 || v == 255, "mask values are 0 or 255, found " + v);
					if (v == 255) {
						inside++;
						x0 = Math.min(x0, x);
						y0 = Math.min(y0, y);
						x1 = Math.max(x1, x);
						y1 = Math.max(y1, y);
					}
				}
			assertEquals(m.get("area").getAsLong(), inside, "255 pixels of " + m.get("file") + " = JSON area");
			JsonArray bbox = m.getAsJsonArray("bbox");
			assertEquals(x0, bbox.get(0).getAsInt());
			assertEquals(y0, bbox.get(1).getAsInt());
			assertEquals(x1 - x0 + 1, bbox.get(2).getAsInt());
			assertEquals(y1 - y0 + 1, bbox.get(3).getAsInt());
			pixels[i] = px;
		}
		return pixels;
	}

	/** The number of pixels where two same-size images differ. */
	static long differingPixels(BufferedImage a, BufferedImage b) {
		assertEquals(a.getWidth(), b.getWidth());
		assertEquals(a.getHeight(), b.getHeight());
		long n = 0;
		for (int y = 0; y < a.getHeight(); y++)
			for (int x = 0; x < a.getWidth(); x++)
				if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) n++;
		return n;
	}
}
