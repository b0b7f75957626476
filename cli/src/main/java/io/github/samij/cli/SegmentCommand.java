package io.github.samij.cli;

import io.github.samij.core.Embedding;
import io.github.samij.core.SamException;
import io.github.samij.core.Segmenter;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.model.SamModel;
import io.github.samij.core.prompt.Prompt;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * {@code sam-ij segment}: reads the image, checks everything the user gave before the slow model
 * load, segments, and writes the outputs only once the segmentation has succeeded.
 */
public final class SegmentCommand implements Subcommand {

	private final Console console;

	public SegmentCommand(Console console) {
		this.console = console;
	}

	@Override
	public Options options() {
		return SegmentArgs.OPTIONS;
	}

	@Override
	public int run(Options.Values options) {
		return run(SegmentArgs.of(options));
	}

	/** Runs a segmentation and prints its summary; returns the exit status (0). */
	public int run(SegmentArgs args) {
		Overlay.loadFontsAhead();
		ImageFiles.Loaded image = ImageFiles.read(args.image, args.range);
		Prompt prompt = clipBox(args.prompt(), image.width(), image.height());
		try {
			prompt.checkInside(image.width(), image.height());
		}
		catch (SamException e) {
			// A prompt outside the image is a mistake in the arguments: usage status, and found before the model loads.
			throw new UsageException(e.getMessage());
		}
		if (Files.exists(args.out) && !Files.isDirectory(args.out))
			throw new UsageException("--out '" + args.out + "' is a file; give a folder (it is created if needed)");
		if (args.rangeGiven && image.range == null)
			console.note("--range is ignored for " + image.kind + " images; it maps 16- and 32-bit grey");

		ResultWriter.Timing timing = new ResultWriter.Timing();
		long t0 = System.nanoTime();
		try (SamModel model = console.loadModel(args.model)) {
			timing.modelLoad = millisSince(t0);
			Segmenter segmenter = new Segmenter(model, Segmenter.DEFAULT_CACHE_BYTES);
			// With --crop, SAM sees a window around the prompt (Segmenter.segment does both steps in one
			// call; they are taken apart here to time the encoder and the decoder).
			long t1 = System.nanoTime();
			Embedding embedding = segmenter.embed(image.image, prompt, args.crop);
			timing.encode = millisSince(t1);
			long t2 = System.nanoTime();
			Prediction prediction = segmenter.decode(embedding, prompt, args.mode, args.ranking);
			timing.decode = millisSince(t2);
			String modelName = model.name();
			List<String> files = ResultWriter.write(args.out, image, prediction, args.mode, args.ranking, embedding.window(),
				modelName, timing, console::note);
			summary(args, image, prediction, modelName, timing, files);
			return 0;
		}
	}

	/**
	 * The prompt with its box clipped to the image, as ImageJ clips a rectangle drawn past the
	 * image's edge (with a note); a box wholly outside is refused.
	 */
	private Prompt clipBox(Prompt prompt, int width, int height) {
		Prompt.Box box = prompt.box();
		if (box == null || box.x0 >= 0 && box.y0 >= 0 && box.x1 <= width && box.y1 <= height) return prompt;
		Prompt.Box clipped = box.clippedTo(width, height);
		if (clipped == null)
			throw new UsageException("--box: the " + box + " lies wholly outside the " + width + "×" + height
				+ " image; give corners inside the image");
		console.note("--box: the " + box + " reaches past the " + width + "×" + height + " image; clipped to the " + clipped
			+ ", as ImageJ clips a rectangle");
		return Prompt.of(prompt.points(), clipped);
	}

	private void summary(SegmentArgs args, ImageFiles.Loaded image, Prediction prediction, String model,
		ResultWriter.Timing timing, List<String> files)
	{
		console.out.printf(Locale.ROOT, "Image:  %s (%dx%d, %s%s)%n", image.file, image.width(), image.height(), image.kind,
			image.range == null ? "" : String.format(Locale.ROOT, ", %s range %s..%s mapped to 0..255", args.range,
				num(image.range.min()), num(image.range.max())));
		console.out.printf(Locale.ROOT, "Prompt: %s; mode %s%s%n", prediction.prompt(), prediction.mode(),
			args.mode == prediction.mode() ? "" : " (from " + args.mode + ")");
		console.out.printf(Locale.ROOT, "Model:  %s (load %d ms, encode %d ms, decode %d ms)%n", model, timing.modelLoad,
			timing.encode, timing.decode);
		console.out.println("rank  scale    IoU    stability  area (px)  bbox x,y,w,h");
		for (Mask m : prediction.masks()) {
			int[] b = m.bbox();
			console.out.printf(Locale.ROOT, "%4d  %-7s  %.3f  %.3f      %9d  %d,%d,%d,%d%n", m.rank(), m.scale(), m.iou(),
				m.stability(), m.area(), b[0], b[1], b[2], b[3]);
		}
		console.out.println("Wrote to " + args.out + ": " + String.join(", ", files));
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private static String num(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
	}
}
