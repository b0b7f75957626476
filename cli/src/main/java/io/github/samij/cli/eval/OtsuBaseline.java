package io.github.samij.cli.eval;

import io.github.samij.core.image.Otsu;
import io.github.samij.core.image.SamImage;
import io.github.samij.core.instances.Regions;

/**
 * The classical ImageJ recipe Segment All is compared with, as the evaluation protocol states it
 * (sample-data/dsb2018-dev/README.md): 8-bit grey (the unweighted mean of red, green and blue, as
 * ImageJ converts RGB) → Otsu threshold, objects above it when bright, at or below it when dark →
 * fill holes → 8-connected components → components under {@value #MIN_AREA} pixels dropped.
 * Stateless and thread-safe.
 */
public final class OtsuBaseline {

	public static final int MIN_AREA = 15;

	private OtsuBaseline() { }

	/**
	 * The instance label image (row-major, 0 background, 1..K).
	 *
	 * @param brightObjects whether objects are above the threshold; {@code null}: the minority side
	 *          ({@link Otsu#brightIsMinority})
	 */
	public static int[] segment(SamImage image, Boolean brightObjects) {
		int w = image.width(), h = image.height(), n = w * h;
		byte[] r = image.plane(0), g = image.plane(1), b = image.plane(2);
		int[] gray = new int[n];
		for (int i = 0; i < n; i++) gray[i] = ((r[i] & 0xff) + (g[i] & 0xff) + (b[i] & 0xff)) / 3;
		long[] histogram = Otsu.histogram(gray);
		boolean bright = brightObjects != null ? brightObjects : Otsu.brightIsMinority(histogram);
		byte[] mask = Otsu.foreground(gray, histogram, bright);
		int[] labels = Regions.components(Regions.fillHoles(mask, w, h), w, h);
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		int[] size = new int[max + 1];
		for (int l : labels) size[l]++;
		int[] renumber = new int[max + 1];
		for (int l = 1, next = 1; l <= max; l++) renumber[l] = size[l] >= MIN_AREA ? next++ : 0;
		for (int i = 0; i < n; i++) labels[i] = renumber[labels[i]];
		return labels;
	}
}
