package io.github.samij.core.instances;

import io.github.samij.core.mask.Mask;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;

/**
 * The objects {@link SegmentAll} found in one image: an instance label image (each pixel 0 for
 * background or the label of the one object it belongs to) and each object's scores and extent,
 * with what the run did (prompts found, decoded, skipped; times) and a note for the user when
 * there is something to say (no objects, and why). Immutable and thread-safe; the label array is
 * not copied on access. Serializable, so that tiles segmented on other machines can be merged.
 */
public final class Instances implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The most labels a 16-bit label image holds; more objects need 32 bits. */
	public static final int MAX_16_BIT_LABELS = 65535;

	private final int width;
	private final int height;
	private final int[] labels;
	private final List<Instance> objects;
	private final Run run;
	private final List<String> notes;

	/** What one run did, for result files and benchmarks. */
	public static final class Run implements Serializable {
		private static final long serialVersionUID = 1L;
		/** Prompt points found (seeds) or laid out (grid). */
		public final int points;
		/** Points not decoded because they fell inside an object already accepted. */
		public final int skipped;
		/** Decoder runs, refinements included. */
		public final int decoded;
		/** Whether seeds were taken as bright objects; {@code null} for the grid. */
		public final Boolean bright;
		public final double encodeSeconds;
		public final double promptSeconds;
		public final double totalSeconds;

		Run(int points, int skipped, int decoded, Boolean bright, double encodeSeconds, double promptSeconds, double totalSeconds) {
			this.points = points;
			this.skipped = skipped;
			this.decoded = decoded;
			this.bright = bright;
			this.encodeSeconds = encodeSeconds;
			this.promptSeconds = promptSeconds;
			this.totalSeconds = totalSeconds;
		}
	}

	Instances(int width, int height, int[] labels, List<Instance> objects, Run run, List<String> notes) {
		this.width = width;
		this.height = height;
		this.labels = labels;
		this.objects = Collections.unmodifiableList(objects);
		this.run = run;
		this.notes = Collections.unmodifiableList(notes);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The label image, row-major, width × height: 0 background, k the object labelled k. Not a copy: do not modify. */
	public int[] labels() {
		return labels;
	}

	/** The objects, by label: {@code objects().get(k - 1)} has label k. */
	public List<Instance> objects() {
		return objects;
	}

	public int count() {
		return objects.size();
	}

	/** Whether a 16-bit label image holds every label. */
	public boolean fits16Bit() {
		return objects.size() <= MAX_16_BIT_LABELS;
	}

	public Run run() {
		return run;
	}

	/** Sentences for the user: why nothing was found, or what to watch out for. Empty when there is nothing to say. */
	public List<String> notes() {
		return notes;
	}

	/**
	 * The object as a mask ({@link Mask#object}): its pixels in the label image, within its bounding
	 * box, rank its label.
	 */
	public Mask mask(Instance object) {
		int[] b = object.bbox();
		byte[] pixels = new byte[b[2] * b[3]];
		for (int y = 0; y < b[3]; y++)
			for (int x = 0, i = (b[1] + y) * width + b[0]; x < b[2]; x++, i++)
				if (labels[i] == object.label()) pixels[y * b[2] + x] = Mask.INSIDE;
		return Mask.object(object.label(), object.token(), object.iou(), object.stability(), b, pixels, width, height);
	}
}
