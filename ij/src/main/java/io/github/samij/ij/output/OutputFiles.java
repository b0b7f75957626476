package io.github.samij.ij.output;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.io.RoiEncoder;

import io.github.samij.core.batch.AtomicFiles;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes ImageJ outputs — a TIFF, a RoiSet, a text file — so that they appear complete or not at
 * all ({@link AtomicFiles}: a hidden temporary file in the same folder, renamed into place).
 * Stateless and thread-safe.
 */
public final class OutputFiles {

	private OutputFiles() { }

	/** Saves an image (a plane or a stack) as a TIFF that ImageJ reopens with its calibration. */
	public static void saveTiff(ImagePlus imp, Path file) throws IOException {
		byte[] tiff = new FileSaver(imp).serialize();
		if (tiff == null) throw new IOException("cannot encode " + imp.getTitle() + " as TIFF");
		AtomicFiles.write(file, out -> out.write(tiff));
	}

	/**
	 * Saves ROIs as a RoiSet the ROI Manager opens (File › Open, or drag and drop): one {@code .roi}
	 * entry per ROI, named by its position in the set and its name, with its stack position and
	 * properties. An empty list gives an empty set.
	 */
	public static void saveRoiSet(List<Roi> rois, Path file) throws IOException {
		AtomicFiles.write(file, out -> {
			ZipOutputStream zip = new ZipOutputStream(out);
			DataOutputStream data = new DataOutputStream(zip);
			RoiEncoder encoder = new RoiEncoder(data);
			Set<String> used = new HashSet<>();
			for (int i = 0; i < rois.size(); i++) {
				String entry = entryName(i + 1, rois.get(i).getName());
				for (int n = 2; !used.add(entry); n++) entry = entryName(i + 1, rois.get(i).getName() + "-" + n);
				zip.putNextEntry(new ZipEntry(entry));
				encoder.write(rois.get(i));
				data.flush();
				zip.closeEntry();
			}
			zip.finish();
		});
	}

	/** Saves UTF-8 text. */
	public static void saveText(String text, Path file) throws IOException {
		AtomicFiles.write(file, (OutputStream out) -> out.write(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** "0001-SAM 1_3 part IoU=0.95 S=0.97.roi": numbered so the set keeps its order, no characters a file name cannot hold. */
	private static String entryName(int number, String name) {
		String clean = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|]", "_").trim();
		return String.format(Locale.ROOT, "%04d", number) + (clean.isEmpty() ? "" : "-" + clean) + ".roi";
	}
}
