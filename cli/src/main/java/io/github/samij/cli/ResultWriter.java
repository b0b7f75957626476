package io.github.samij.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import io.github.samij.core.SamException;
import io.github.samij.core.batch.AtomicFiles;
import io.github.samij.core.mask.Mask;
import io.github.samij.core.mask.Prediction;
import io.github.samij.core.mask.Ranking;
import io.github.samij.core.prompt.Crop;
import io.github.samij.core.prompt.MaskMode;
import io.github.samij.core.prompt.Prompt;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Writes one segmentation into an output folder: {@code mask_rank<R>.png} per mask,
 * {@code overlay.png}, and {@code result.json} last, each file atomically (see
 * {@link AtomicFiles}). Other files in the folder are left alone, except {@code mask_rank<R>.png}
 * files of ranks this result does not have: they are stale masks of an earlier run into the same
 * folder, and leaving them would pass them off as part of this result.
 */
public final class ResultWriter {

	public static final String RESULT = "result.json";
	public static final String OVERLAY = "overlay.png";
	private static final Pattern MASK_FILE = Pattern.compile("mask_rank(\\d+)\\.png");

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
		.setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

	/** What result.json holds; field names become snake_case. */
	static final class Result {
		ImageInfo image;
		PromptInfo prompt;
		String model;
		List<MaskInfo> masks = new ArrayList<>();
		Timing timingMs;
	}

	static final class ImageInfo {
		String file;
		int width;
		int height;
		String type;
		/** [min, max] mapped to 0..255 for 16- and 32-bit data, else null. */
		double[] intensityRange;
	}

	static final class PromptInfo {
		List<PointInfo> points = new ArrayList<>();
		Number[] box;
		String mode;
		String resolvedMode;
		String ranking;
		/** The window SAM saw, [x, y, width, height], or null for the whole image. */
		int[] crop;
	}

	static final class PointInfo {
		Number x;
		Number y;
		int label;
	}

	static final class MaskInfo {
		int token;
		int rank;
		String scale;
		float iou;
		float stability;
		long area;
		int[] bbox;
		String file;
	}

	/** Milliseconds spent loading the model, encoding the image (or its window) and decoding the prompt. */
	public static final class Timing {
		public long modelLoad;
		public long encode;
		public long decode;
	}

	private ResultWriter() { }

	public static String maskFileName(Mask m) {
		return "mask_rank" + m.rank() + ".png";
	}

	/**
	 * Writes everything into {@code folder}, creating it if needed.
	 *
	 * @return the file names written, result.json last
	 * @throws SamException when the folder cannot be created or a file cannot be written
	 */
	public static List<String> write(Path folder, ImageFiles.Loaded image, Prediction prediction, MaskMode requested,
		Ranking ranking, Crop crop, String model, Timing timing, Consumer<String> warn)
	{
		// Everything is rendered before the first file is written, so a failure there leaves the folder as it was.
		BufferedImage overlay = Overlay.draw(image.display, prediction, warn);
		byte[] json = (GSON.toJson(result(image, prediction, requested, ranking, crop, model, timing)) + "\n")
			.getBytes(StandardCharsets.UTF_8);
		createFolder(folder);
		List<String> written = new ArrayList<>();
		for (Mask m : prediction.masks()) {
			BufferedImage png = maskImage(m);
			writeFile(folder, maskFileName(m), out -> ImageIO.write(png, "png", out), written);
		}
		writeFile(folder, OVERLAY, out -> ImageIO.write(overlay, "png", out), written);
		try {
			removeStaleMasks(folder, prediction.masks().size());
		}
		catch (IOException e) {
			throw new SamException("Cannot remove an earlier run's mask files from " + folder + ": " + AtomicFiles.describe(e)
				+ "; check the permissions of the output folder.");
		}
		// result.json last: when it is there and new, so is everything it lists.
		writeFile(folder, RESULT, out -> out.write(json), written);
		return written;
	}

	/** Writes one file of an output folder whole or not at all and notes its name; a failure names the file. */
	static void writeFile(Path folder, String name, AtomicFiles.Content content, List<String> written) {
		try {
			AtomicFiles.write(folder.resolve(name), content);
		}
		catch (IOException e) {
			throw new SamException("Cannot write " + folder.resolve(name) + ": " + AtomicFiles.describe(e)
				+ "; check the free space and permissions of the output folder.");
		}
		written.add(name);
	}

	static Result result(ImageFiles.Loaded image, Prediction prediction, MaskMode requested, Ranking ranking,
		Crop crop, String model, Timing timing)
	{
		Result r = new Result();
		r.image = new ImageInfo();
		r.image.file = image.file.toString();
		r.image.width = image.width();
		r.image.height = image.height();
		r.image.type = image.kind;
		if (image.range != null) r.image.intensityRange = new double[] { image.range.min(), image.range.max() };
		Prompt prompt = prediction.prompt();
		r.prompt = new PromptInfo();
		for (Prompt.Point p : prompt.points()) {
			PointInfo pi = new PointInfo();
			pi.x = number(p.x);
			pi.y = number(p.y);
			pi.label = p.foreground ? 1 : 0;
			r.prompt.points.add(pi);
		}
		Prompt.Box b = prompt.box();
		if (b != null) r.prompt.box = new Number[] { number(b.x0), number(b.y0), number(b.x1), number(b.y1) };
		r.prompt.mode = requested.toString();
		r.prompt.resolvedMode = prediction.mode().toString();
		r.prompt.ranking = ranking.toString();
		if (crop != null) r.prompt.crop = new int[] { crop.x, crop.y, crop.width, crop.height };
		r.model = model;
		for (Mask m : prediction.masks()) {
			MaskInfo mi = new MaskInfo();
			mi.token = m.token();
			mi.rank = m.rank();
			mi.scale = m.scale().toString();
			mi.iou = m.iou();
			mi.stability = m.stability();
			mi.area = m.area();
			mi.bbox = m.bbox().clone();
			mi.file = maskFileName(m);
			r.masks.add(mi);
		}
		r.timingMs = timing;
		return r;
	}

	/** Whole coordinates as integers in the JSON (300, not 300.0). */
	private static Number number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v;
	}

	private static BufferedImage maskImage(Mask m) {
		BufferedImage png = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
		png.getRaster().setDataElements(0, 0, m.width(), m.height(), m.imagePixels());
		return png;
	}

	private static void removeStaleMasks(Path folder, int ranks) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "mask_rank*.png")) {
			for (Path f : files) {
				Matcher m = MASK_FILE.matcher(f.getFileName().toString());
				if (m.matches() && m.group(1).length() < 9 && Integer.parseInt(m.group(1)) > ranks
					&& Files.isRegularFile(f))
					Files.delete(f);
			}
		}
	}

	/** Creates the {@code --out} folder (and its parents) or says what is wrong with it. */
	static void createFolder(Path folder) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException e) {
			throw new SamException("Cannot create the output folder " + folder + ": " + AtomicFiles.describe(e)
				+ "; choose another --out.");
		}
	}
}
