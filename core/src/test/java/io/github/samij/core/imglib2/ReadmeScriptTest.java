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
		assertTrue(text.matches("(?s)best mask: IoU 0\\.\\d+, \\d+ px\\n\\d+ objects\\n"), text);
		@SuppressWarnings("unchecked")
		Img<IntType> labels = (Img<IntType>) binding.getVariable("labels");
		int[] l = new int[256 * 256];
		Cursor<IntType> c = Views.flatIterable(labels).cursor();
		for (int i = 0; i < l.length; i++) l[i] = c.next().get();
		Nuclei truth = new Nuclei("dsb000", 256, 256);
		int count = Integer.parseInt(text.lines().skip(1).findFirst().get().split(" ")[0]);
		assertEquals(count, java.util.Arrays.stream(l).max().getAsInt());
		assertTrue(truth.ap50(l, count) >= 0.75, "AP@0.5 " + truth.ap50(l, count));
	}
}
