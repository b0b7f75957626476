package io.github.samij.core.instances;

import java.util.ArrayList;
import java.util.List;

/** Segment All results made from a label image, for tests of what consumes them (writers, label images, ROIs). */
public final class TestInstances {

	private TestInstances() { }

	/** The result whose label image is {@code labels} (0 background, 1..K, every label present), scores 0.9 / 0.96. */
	public static Instances of(int width, int height, int[] labels) {
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		long[] area = new long[max + 1];
		int[][] box = new int[max + 1][];
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i], x = i % width, y = i / width;
			if (l == 0) continue;
			if (box[l] == null) box[l] = new int[] { x, y, x, y };
			area[l]++;
			box[l][0] = Math.min(box[l][0], x);
			box[l][1] = Math.min(box[l][1], y);
			box[l][2] = Math.max(box[l][2], x);
			box[l][3] = Math.max(box[l][3], y);
		}
		List<Instance> objects = new ArrayList<>(max);
		for (int l = 1; l <= max; l++) {
			int[] b = box[l];
			objects.add(new Instance(l, 1, 0.9f, 0.96f, area[l], new int[] { b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1 },
				b[0] + 0.5, b[1] + 0.5));
		}
		return new Instances(width, height, labels, objects, new Instances.Run(max, 0, max, true, 0, 0, 0), List.of());
	}
}
