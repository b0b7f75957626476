package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import io.github.samij.ij.output.LabelImage;

import org.junit.jupiter.api.Test;

/** The label image's title is the one a macro builds with File.getNameWithoutExtension(getTitle()). */
class LabelImageTest {

	@Test
	void titledAsMacrosNameIt() {
		assertEquals("my cells-SAM-labels", title("my cells.tif"), "spaces kept");
		assertEquals("x-SAM-labels", title("x.czi #1"), "a Bio-Formats series title");
		assertEquals("x-SAM-labels", title("x.lif - Series001"));
		assertEquals("stack-SAM-labels", title("stack"));
		assertEquals("v1-SAM-labels", title("v1.2"), "everything before the last dot, as the macro function");
	}

	private static String title(String source) {
		return new LabelImage(new ImagePlus(source, new ByteProcessor(4, 4))).image().getTitle();
	}
}
