package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.cli.eval.InstanceScore;
import io.github.samij.cli.eval.OtsuBaseline;
import io.github.samij.core.Progress;
import io.github.samij.core.SharedSegmenter;
import io.github.samij.core.TestImages;
import io.github.samij.core.instances.Instances;
import io.github.samij.core.instances.SegmentAll;
import io.github.samij.core.instances.SegmentAllSettings;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * docs/images/segment-all-dsb014.png: the ground truth, the classical baseline and Segment All on a
 * crowded fluorescence image of the dev set, outlines over the image, each panel captioned with its
 * AP@0.5 against the ground truth — and Segment All must beat the baseline there.
 */
class SegmentAllFigureTest {

	/** The panel: the top-left 348 × 260 of dsb014 (696 × 520), at full resolution. */
	private static final int W = 348, H = 260;

	@Test
	void groundTruthOtsuAndSegmentAllSideBySide() throws Exception {
		ImageFiles.Loaded image = ImageFiles.read(TestImages.dsb("dsb014"), RangeChoice.PERCENTILE);
		int[] truth = TestImages.labels("dsb014");
		int[] otsu = OtsuBaseline.segment(image.image, null);
		Instances sam = new SegmentAll(SharedSegmenter.get(), SegmentAllSettings.DEFAULT).run(image.image, Progress.NONE,
			() -> false);
		double otsuAp = InstanceScore.of(otsu, truth).ap(0), samAp = InstanceScore.of(sam.labels(), truth).ap(0);
		assertTrue(samAp > otsuAp + 0.1, "Segment All " + samAp + " vs Otsu " + otsuAp);

		BufferedImage figure = new BufferedImage(3 * W + 16, H + 28, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = figure.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
		int[][] panels = { truth, otsu, sam.labels() };
		String[] captions = { "ground truth (" + count(truth) + " nuclei)",
			String.format(Locale.ROOT, "Otsu + fill holes + particles: AP50 %.2f", otsuAp),
			String.format(Locale.ROOT, "Segment All (seeds): AP50 %.2f", samAp) };
		for (int p = 0; p < 3; p++) {
			BufferedImage drawn = Overlay.drawLabels(image.display, panels[p]);
			g.drawImage(drawn.getSubimage(0, 0, W, H), p * (W + 8), 0, null);
			g.setColor(Color.BLACK);
			g.drawString(captions[p], p * (W + 8) + 4, H + 19);
		}
		g.dispose();
		Path out = Paths.get("target", "figures", "segment-all-dsb014.png");
		Files.createDirectories(out.getParent());
		ImageIO.write(figure, "png", out.toFile());
		assertEquals(3 * W + 16, ImageIO.read(out.toFile()).getWidth());
	}

	private static long count(int[] labels) {
		return java.util.Arrays.stream(labels).filter(l -> l != 0).distinct().count();
	}
}
