package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.Nuclei;
import io.github.samij.core.Segmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.TestModel;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder's four-mask graph is rewritten once and then loaded from the cache: the kept graph
 * gives the same masks (which match the ground truth), it is used without parsing the decoder
 * again, and a kept graph that changed is not trusted but written anew.
 */
class DecoderCacheTest {

	@TempDir
	Path tmp;

	private String oldCache;
	private Path cache;

	@BeforeEach
	void ownCache() {
		oldCache = System.getProperty(ManagedModel.CACHE_PROPERTY);
		cache = tmp.resolve("cache");
		System.setProperty(ManagedModel.CACHE_PROPERTY, cache.toString());
	}

	@AfterEach
	void restoreCache() {
		if (oldCache == null) System.clearProperty(ManagedModel.CACHE_PROPERTY);
		else System.setProperty(ManagedModel.CACHE_PROPERTY, oldCache);
	}

	/** The masks of a click on dsb000's first nucleus; checks the best one against the ground truth. */
	private static Prediction click(Path folder) {
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		SamImage image = TestImages.load(TestImages.dsb("dsb000"));
		int[] p = truth.interior(1);
		try (SamModel model = SamModel.load(folder)) {
			Prediction prediction = new Segmenter(model, 0).segment(image, Prompt.point(p[0] + 0.5, p[1] + 0.5), MaskMode.MULTI);
			double best = prediction.masks().stream().mapToDouble(m -> TestImages.iou(m.imagePixels(), truth.labels, 1)).max()
				.orElse(0);
			assertTrue(best > 0.7, "a mask matches the clicked nucleus: IoU " + best);
			return prediction;
		}
	}

	private static void assertSameMasks(Prediction expected, Prediction actual) {
		assertEquals(expected.masks().size(), actual.masks().size());
		for (int k = 0; k < expected.masks().size(); k++) {
			Mask a = expected.masks().get(k), b = actual.masks().get(k);
			assertEquals(a.toString(), b.toString(), "token, rank, scores and area");
			assertArrayEquals(a.imagePixels(), b.imagePixels());
		}
	}

	@Test
	void theRewrittenDecoderIsKeptAndLoadedFromTheCache() throws IOException {
		Path folder = Files.createDirectories(tmp.resolve("model"));
		for (String f : new String[] { "encoder.onnx", "sam.onnx", ModelDescriptor.FILE_NAME })
			Files.copy(TestModel.directory().resolve(f), folder.resolve(f));
		Path decoder = folder.resolve("sam.onnx");
		Path kept = cache.resolve("decoders").resolve(ManagedModel.DECODER_SHA256 + ".onnx");

		Prediction first = click(folder);
		byte[] exposed = DecoderGraph.expose(Files.readAllBytes(decoder), "sam.onnx").bytes();
		assertArrayEquals(exposed, Files.readAllBytes(kept), "the rewritten graph is kept");

		// The decoder is not read again while it is unchanged: garbage of the same size and time still loads.
		FileTime time = Files.getLastModifiedTime(decoder);
		byte[] original = Files.readAllBytes(decoder);
		byte[] garbage = new byte[original.length];
		Arrays.fill(garbage, (byte) 7);
		Files.write(decoder, garbage);
		Files.setLastModifiedTime(decoder, time);
		assertSameMasks(first, click(folder));
		Files.write(decoder, original);
		Files.setLastModifiedTime(decoder, time);

		// A kept graph that changed (another size or time) is not trusted: the decoder is exposed again.
		Files.write(kept, Arrays.copyOf(exposed, exposed.length / 2));
		assertFalse(DecoderCache.find(ManagedModel.DECODER_SHA256) != null, "a changed graph is not used");
		assertSameMasks(first, click(folder));
		assertArrayEquals(exposed, Files.readAllBytes(kept), "written anew");
	}

	@Test
	void aMultiMaskExportIsKeptAsItIs() throws IOException {
		byte[] single = Files.readAllBytes(TestModel.directory().resolve("sam.onnx"));
		DecoderGraph multi = DecoderGraph.expose(OnnxModels.multiMaskExportOf(single), "multi.onnx");
		DecoderCache.keep("f".repeat(64), multi);
		DecoderCache.Entry entry = DecoderCache.find("f".repeat(64));
		assertEquals(DecoderGraph.LOW_RES_MASKS, entry.lowResMasks);
		assertEquals(DecoderGraph.IOU_PREDICTIONS, entry.iouPredictions);
		assertEquals(null, entry.graph, "the decoder's own file is loaded");
		assertFalse(Files.exists(cache.resolve("decoders").resolve("f".repeat(64) + ".onnx")));
	}
}
