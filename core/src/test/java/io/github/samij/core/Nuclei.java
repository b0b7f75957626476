package io.github.samij.core;

import java.util.ArrayDeque;

/** Ground-truth nuclei of a DSB image: bounding boxes and interior points, for prompt tests. */
final class Nuclei {

	final int width;
	final int height;
	final int[] labels;
	final int count;

	Nuclei(String name, int width, int height) {
		this.width = width;
		this.height = height;
		this.labels = TestImages.labels(name);
		int max = 0;
		for (int l : labels) max = Math.max(max, l);
		this.count = max;
	}

	long area(int label) {
		long a = 0;
		for (int l : labels) if (l == label) a++;
		return a;
	}

	/** {x0, y0, x1, y1} with x1, y1 exclusive. */
	int[] box(int label) {
		int x0 = width, y0 = height, x1 = -1, y1 = -1;
		for (int i = 0; i < labels.length; i++)
			if (labels[i] == label) {
				int x = i % width, y = i / width;
				x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
			}
		return new int[] { x0, y0, x1, y1 };
	}

	/** The object's pixel farthest (4-connected steps) from anything outside it: always inside, even for concave shapes. */
	int[] interior(int label) {
		int[] dist = new int[labels.length];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int i = 0; i < labels.length; i++) {
			if (labels[i] != label) queue.add(i);
			else dist[i] = Integer.MAX_VALUE;
		}
		int best = -1;
		while (!queue.isEmpty()) {
			int i = queue.poll(), x = i % width, y = i / width;
			int[] next = { x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1 };
			for (int j : next)
				if (j >= 0 && dist[j] == Integer.MAX_VALUE) {
					dist[j] = dist[i] + 1;
					queue.add(j);
					if (best < 0 || dist[j] > dist[best]) best = j;
				}
		}
		// Objects touching the border are not reached through it; fall back to their first pixel.
		if (best < 0) for (int i = 0; i < labels.length && best < 0; i++) if (labels[i] == label) best = i;
		return new int[] { best % width, best / width };
	}
}
