package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.samij.core.TestModel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam-ij demo}, and the help text. */
class CliDemoTest {

	@TempDir
	Path tmp;

	@Test
	void demoSegmentsTheSampleImageWithTheDocumentedClick() throws Exception {
		Path out = tmp.resolve("demo");
		Invocation run = Invocation.of("demo", "--out", out.toString());
		assertEquals(0, run.status, run.toString());
		JsonObject result = Outputs.result(out);
		assertEquals(TestModel.repositoryFile("sample-data/ihc.png").toString(),
			result.getAsJsonObject("image").get("file").getAsString());
		JsonObject point = result.getAsJsonObject("prompt").getAsJsonArray("points").get(0).getAsJsonObject();
		assertEquals(300, point.get("x").getAsInt());
		assertEquals(350, point.get("y").getAsInt());
		assertEquals("multi", result.getAsJsonObject("prompt").get("mode").getAsString());
		assertEquals(3, result.getAsJsonArray("masks").size());
		Outputs.checkMasks(out, result);
		assertTrue(Files.isRegularFile(out.resolve("overlay.png")));
		assertTrue(run.out.startsWith("Demo: "), run.out);
		assertTrue(run.out.contains("mask_rank3.png") && run.out.contains("overlay.png"), run.out);
	}

	@Test
	void helpIsPrintedForNoArgumentsHelpAndDashDashHelp() {
		for (String[] args : new String[][] { {}, { "help" }, { "--help" }, { "segment", "--help" } }) {
			Invocation run = Invocation.of(args);
			assertEquals(0, run.status, run.toString());
			assertEquals("", run.err);
			assertTrue(run.out.startsWith("Usage: sam-ij <command>"), run.out);
			assertTrue(run.out.contains("--point X,Y[:L]") && run.out.contains("--range") && run.out.contains("demo"));
		}
	}
}
