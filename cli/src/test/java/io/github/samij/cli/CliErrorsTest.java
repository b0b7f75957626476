package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.TestModel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wrong invocation ends with exactly one line on stderr that names the problem, no stack
 * trace, nothing written, and status 2 (wrong arguments or input) or 1 (failure while running).
 */
class CliErrorsTest {

	@TempDir
	Path tmp;

	private final String ihc = TestModel.repositoryFile("sample-data/ihc.png").toString();

	private Path out() {
		return tmp.resolve("out");
	}

	/** Runs, checks the one-line contract, and returns the line. */
	private String fails(int status, String expected, String... args) {
		Invocation run = Invocation.of(args);
		assertEquals(status, run.status, run.toString());
		String[] lines = run.errLines();
		assertEquals(1, lines.length, "exactly one line on stderr: " + Arrays.toString(lines));
		String line = lines[0];
		assertTrue(line.startsWith("sam-ij: "), line);
		assertTrue(line.contains(expected), "'" + line + "' should contain '" + expected + "'");
		assertFalse(line.contains("\tat ") || line.contains("Exception") || line.contains("java."), line);
		assertEquals("", run.out, "nothing on stdout");
		assertFalse(Files.exists(out()), "nothing is written when the command fails");
		return line;
	}

	@Test
	void missingImage() {
		fails(2, "missing --image FILE", "segment", "--point", "10,10", "--out", out().toString());
	}

	@Test
	void missingPromptAndMissingOut() {
		fails(2, "missing prompt: give --point X,Y", "segment", "--image", ihc, "--out", out().toString());
		fails(2, "missing --out DIR", "segment", "--image", ihc, "--point", "10,10");
	}

	@Test
	void nonexistentImage() {
		String missing = tmp.resolve("nope.png").toString();
		fails(2, "image file '" + missing + "' does not exist", "segment", "--image", missing, "--point", "1,1", "--out",
			out().toString());
	}

	@Test
	void fileThatIsNotAnImage() throws Exception {
		Path text = tmp.resolve("x.txt");
		Files.writeString(text, "hello, not pixels\n", StandardCharsets.UTF_8);
		fails(2, "'" + text + "' is not an image ImageIO can read (PNG, TIFF, JPEG", "segment", "--image", text.toString(),
			"--point", "1,1", "--out", out().toString());
	}

	@Test
	void truncatedImage() throws Exception {
		Path cut = tmp.resolve("cut.png");
		byte[] png = Files.readAllBytes(Path.of(ihc));
		Files.write(cut, Arrays.copyOf(png, png.length / 3));
		fails(2, "cannot read image '" + cut + "'", "segment", "--image", cut.toString(), "--point", "1,1", "--out",
			out().toString());
	}

	@Test
	void badPointSyntax() {
		fails(2, "--point expects X,Y or X,Y:0|1, got '12'", "segment", "--image", ihc, "--point", "12", "--out",
			out().toString());
		fails(2, "--point expects X,Y or X,Y:0|1, got '12,13:2'", "segment", "--image", ihc, "--point", "12,13:2",
			"--out", out().toString());
		fails(2, "--point needs a value", "segment", "--image", ihc, "--out", out().toString(), "--point");
	}

	@Test
	void badBoxAndRange() {
		fails(2, "--box expects X0,Y0,X1,Y1", "segment", "--image", ihc, "--box", "1,2,3", "--out", out().toString());
		fails(2, "--range expects percentile, minmax or MIN,MAX", "segment", "--image", ihc, "--point", "1,1", "--range",
			"auto", "--out", out().toString());
	}

	@Test
	void pointOutsideTheImage() {
		fails(2, "lies outside the 512×512 image", "segment", "--image", ihc, "--point", "600,10", "--out",
			out().toString());
	}

	@Test
	void unknownOption() {
		fails(2, "unknown option '--colour' for segment", "segment", "--image", ihc, "--point", "1,1", "--colour", "red",
			"--out", out().toString());
	}

	@Test
	void segmentAllSettingsOutOfRangeNameTheirOptionAndRange() {
		String out = out().toString();
		fails(2, "--min_iou must be from 0 to 1, got 2.0.", "segment-all", "--image", ihc, "--out", out, "--min_iou", "2");
		fails(2, "--points_per_side must be a whole number from 1 to 256, got 0.", "segment-all", "--image", ihc, "--out", out,
			"--points_per_side", "0");
		fails(2, "--prompts must be seeds or grid, got 'everything'.", "segment-all", "--image", ihc, "--out", out, "--prompts",
			"everything");
		fails(2, "--min_area must be a whole number, got 'ten'.", "segment-all", "--image", ihc, "--out", out, "--min_area", "ten");
		fails(2, "--max_area must be 0 (no limit) or at least min_area (15) pixels, got 3.", "segment-all", "--image", ihc, "--out",
			out, "--max_area", "3");
		fails(2, "--objects must be auto or bright or dark, got 'white'.", "segment-all", "--image", ihc, "--out", out, "--objects",
			"white");
		fails(2, "missing --out DIR", "segment-all", "--image", ihc);
		fails(2, "missing --image FILE", "segment-all", "--out", out);
		fails(2, "--task expects clicks (one object per click) or instances (every object), got 'all'", "eval", "--data", tmp.toString(),
			"--task", "all");
	}

	@Test
	void unknownSubcommand() {
		fails(2, "unknown command 'segmnet'; the commands are segment, segment-all, batch, demo, bench, eval, models, install and help", "segmnet", "--image", ihc);
	}

	@Test
	void badCropAndRanking() {
		fails(2, "--crop expects 0 (the whole image) or a size in pixels, got '-1'", "segment", "--image", ihc, "--point",
			"46,8", "--crop", "-1", "--out", out().toString());
		fails(2, "--ranking expects predicted_iou or smallest_confident, got 'largest'", "segment", "--image", ihc, "--point",
			"46,8", "--ranking", "largest", "--out", out().toString());
	}

	@Test
	void badMode() {
		fails(2, "--mode expects auto, multi or single, got 'best'", "segment", "--image", ihc, "--point", "1,1", "--mode",
			"best", "--out", out().toString());
	}

	@Test
	void modelFolderWithoutModel() throws Exception {
		Path empty = Files.createDirectories(tmp.resolve("empty-model"));
		fails(1, empty.toString(), "segment", "--image", ihc, "--point", "300,350", "--model", empty.toString(), "--out",
			out().toString());
	}

	@Test
	void outIsARegularFile() throws Exception {
		Path file = tmp.resolve("out");
		Files.writeString(file, "not a folder", StandardCharsets.UTF_8);
		Invocation run = Invocation.of("segment", "--image", ihc, "--point", "300,350", "--out", file.toString());
		assertEquals(2, run.status, run.toString());
		assertEquals(1, run.errLines().length, run.err);
		assertTrue(run.err.contains("--out '" + file + "' is a file; give a folder"), run.err);
		assertEquals("not a folder", Files.readString(file, StandardCharsets.UTF_8), "the file is left alone");
	}

	@Test
	void backgroundPointsAloneAreRefusedAsInImageJ() {
		fails(2, "All points are background (:0); add at least one foreground point (--point X,Y or X,Y:1), or a box",
			"segment", "--image", ihc, "--point", "300,350:0", "--point", "200,200:0", "--out", out().toString());
	}

	@Test
	void aBoxWhollyOutsideTheImageIsRefused() {
		fails(2, "--box: the box (600, 600)-(700, 700) lies wholly outside the 512×512 image; give corners inside the image",
			"segment", "--image", ihc, "--box", "600,600,700,700", "--out", out().toString());
	}

	@Test
	void aModelThatIsAFileSaysSo() throws Exception {
		Path file = Files.writeString(tmp.resolve("encoder.onnx"), "not a folder", StandardCharsets.UTF_8);
		fails(1, "Model " + file + " is a file; give the folder that holds the SAM encoder and decoder", "segment", "--image",
			ihc, "--point", "300,350", "--model", file.toString(), "--out", out().toString());
	}

	@Test
	void aBoxPartlyOutsideIsClippedToTheImageAsImageJClipsIt() throws Exception {
		Invocation run = Invocation.ok("segment", "--image", ihc, "--box", "250,300,600,560", "--out", out().toString());
		assertEquals("sam-ij: note: --box: the box (250, 300)-(600, 560) reaches past the 512×512 image; clipped to the box "
			+ "(250, 300)-(512, 512), as ImageJ clips a rectangle\n", run.err);
		com.google.gson.JsonArray box = com.google.gson.JsonParser.parseString(Files.readString(out().resolve("result.json"),
			StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("prompt").getAsJsonArray("box");
		assertEquals("[250,300,512,512]", box.toString(), "the clipped box is the prompt");
	}
}
