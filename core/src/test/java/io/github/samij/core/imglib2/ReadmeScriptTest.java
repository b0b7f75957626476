package io.github.samij.core.imglib2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestImages;
import io.github.samij.core.TestModel;
import io.github.samij.core.image.SamImage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * The README's Fiji script, run as Fiji's script editor runs it: Groovy (Fiji's version), its
 * {@code #@} parameter lines handled by the caller — the input image bound, the output read back.
 */
class ReadmeScriptTest {

	@Test
	void theReadmesGroovyScriptSegmentsTheNucleiOfAnImage() throws Exception {
		String readme = Files.readString(TestModel.repositoryFile("README.md"), StandardCharsets.UTF_8);
		int start = readme.indexOf("```groovy\n");
		assertTrue(start >= 0, "the README has a Groovy script");
		String script = readme.substring(start + "```groovy\n".length(), readme.indexOf("```", start + 10));
		assertTrue(script.startsWith("#@ Img image\n#@output Img labels\n"), script);
		String groovy = script.lines().filter(l -> !l.startsWith("#@")).collect(Collectors.joining("\n"));

		SamImage dsb = TestImages.load(TestImages.dsb("dsb000"));
		Img<?> image = ArrayImgs.unsignedBytes(dsb.plane(1).clone(), 256, 256);
		Binding binding = new Binding();
		binding.setVariable("image", image);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		binding.setVariable("out", new PrintStream(printed, true, StandardCharsets.UTF_8));
		new GroovyShell(binding).evaluate(groovy);

		String text = printed.toString(StandardCharsets.UTF_8);
		// SAM's predicted IoU can pass 1; the click (110, 26) is on nucleus 8 of dsb000 (360 pixels).
		Matcher m = Pattern.compile("best mask: IoU \\d\\.\\d+, (\\d+) px\\n(\\d+) objects\\n").matcher(text);
		assertTrue(m.matches(), text);
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		long area = Long.parseLong(m.group(1));
		assertTrue(Math.abs(area - truth.area(8)) < 0.3 * truth.area(8), "the best mask is the clicked nucleus: " + text);
		@SuppressWarnings("unchecked")
		Img<IntType> labels = (Img<IntType>) binding.getVariable("labels");
		int[] l = new int[256 * 256];
		Cursor<IntType> c = Views.flatIterable(labels).cursor();
		for (int i = 0; i < l.length; i++) l[i] = c.next().get();
		int count = Integer.parseInt(m.group(2));
		assertEquals(count, java.util.Arrays.stream(l).max().getAsInt());
		assertTrue(truth.ap50(l, count) >= 0.75, "AP@0.5 " + truth.ap50(l, count));
	}
}
