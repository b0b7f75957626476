package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ij.IJ;
import ij.gui.Roi;
import ij.io.RoiDecoder;

import io.github.samij.cli.Installer;
import io.github.samij.core.TestModel;
import io.github.samij.core.model.ManagedModel;
import io.github.samij.ij.convert.RankColors;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real ImageJ 1 application, as a user installs it: a fresh ImageJ folder into
 * which the installer of {@code bin/sam-ij install} puts the build's install layout (one plugin jar
 * in {@code plugins/}, ONNX Runtime and SciJava in {@code plugins/jars/}), ImageJ started as its own JVM ({@code ij.ImageJ -ijpath ...
 * -macro ...}) under the current display, the menu built from the jar's {@code plugins.config}.
 * Runs after {@code package} (failsafe), which builds {@code target/install}.
 */
class ImageJAppIT {

	private static final long TIMEOUT_MINUTES = 5;

	@Test
	void menuCommandSegmentsAClickInAFreshImageJ(@TempDir Path tmp) throws Exception {
		TestModel.directory(); // download (on CI) here, not inside the child's timed run

		// A plain ImageJ 1 folder (ij.jar beside plugins/), SAM-IJ installed by the installer
		// 'bin/sam-ij install' runs, from the build's install layout.
		Path imagej = Files.createDirectories(tmp.resolve("ImageJ"));
		Files.createDirectories(imagej.resolve("plugins"));
		Path ijJar = Files.copy(imagejJar(), imagej.resolve("ij.jar"));
		List<String> report = Installer.install(layout(), imagej);
		assertTrue(report.stream().allMatch(l -> l.startsWith("installed ")), "a fresh folder: " + report);
		assertEquals(List.of("sam_ij-"), jarNames(imagej.resolve("plugins")), "one plugin jar in plugins/");
		assertEquals(List.of("onnxruntime-", "parsington-", "scijava-common-"), jarNames(imagej.resolve("plugins/jars")),
			"ONNX Runtime and, for a plain ImageJ, SciJava: nothing else (gson, protobuf and the core are inside the plugin jar)");
		// Preferences in the ImageJ folder keep the user's ~/.imagej out of this test.
		Files.write(imagej.resolve("IJ_Prefs.txt"), new byte[0]);

		Path out = Files.createDirectories(tmp.resolve("out"));
		Path result = out.resolve("result.txt");
		Path roiSet = out.resolve("RoiSet.zip");
		Path macro = tmp.resolve("segment.ijm");
		Files.write(macro, macro(ImageJFixture.ihc(), result, roiSet).getBytes(StandardCharsets.UTF_8));

		Path childTmp = Files.createDirectories(tmp.resolve("java-tmp"));
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx2g");
		// Its own temp folder: ImageJ's single-instance stub file and ONNX Runtime's native
		// libraries stay private to this run (no argument handed to another running ImageJ).
		command.add("-Djava.io.tmpdir=" + childTmp);
		String cache = System.getProperty(ManagedModel.CACHE_PROPERTY);
		if (cache != null && !cache.isBlank()) command.add("-D" + ManagedModel.CACHE_PROPERTY + "=" + cache);
		command.add("-cp");
		command.add(ijJar.toString());
		command.add("ij.ImageJ");
		command.add("-ijpath");
		command.add(imagej.toString());
		command.add("-macro");
		command.add(macro.toString());

		Path stdout = tmp.resolve("stdout.txt");
		Path stderr = tmp.resolve("stderr.txt");
		Process p = new ProcessBuilder(command).directory(tmp.toFile())
			.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		boolean exited = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
		if (!exited) {
			p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			fail("ImageJ did not quit within " + TIMEOUT_MINUTES + " minutes (a dialog waiting?)\n"
				+ report(command, stdout, stderr, result));
		}
		String context = report(command, stdout, stderr, result);
		assertEquals(0, p.exitValue(), "ImageJ's exit status\n" + context);
		assertTrue(Files.isRegularFile(result), "the macro wrote no result\n" + context);

		List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
		assertEquals("command=" + ImageJFixture.MENU_ENTRY, lines.get(0),
			"Plugins>Segment Anything>Segment Anything... comes from the jar's plugins.config\n" + context);
		assertEquals("count=3", lines.get(1), "three ROIs for a multi-mask click\n" + context);
		List<String> names = new ArrayList<>();
		List<double[]> bounds = new ArrayList<>();
		for (String line : lines.subList(2, lines.size())) {
			if (!line.startsWith("roi=")) continue;
			String[] parts = line.substring(4).split("\t");
			names.add(parts[0]);
			String[] b = parts[1].split(",");
			bounds.add(new double[] { Double.parseDouble(b[0]), Double.parseDouble(b[1]), Double.parseDouble(b[2]),
				Double.parseDouble(b[3]) });
		}
		assertEquals(3, names.size(), context);
		for (int r = 1; r <= 3; r++) {
			String name = names.get(r - 1);
			assertTrue(name.matches("SAM " + r + "/3 \\S+ IoU=\\d\\.\\d\\d S=\\d\\.\\d\\d"), name + "\n" + context);
			double[] b = bounds.get(r - 1);
			assertTrue(b[2] > 0 && b[3] > 0 && b[0] <= 300 && b[1] <= 350 && b[0] + b[2] >= 300 && b[1] + b[3] >= 350,
				"mask " + r + " bounds " + java.util.Arrays.toString(b) + " contain the click\n" + context);
		}

		// The saved RoiSet.zip, read back in this JVM, holds the same ROIs.
		assertTrue(Files.isRegularFile(roiSet), "roiManager('save') wrote nothing\n" + context);
		List<Roi> saved = readRoiSet(roiSet);
		assertEquals(3, saved.size(), "ROIs in RoiSet.zip");
		for (int i = 0; i < 3; i++) {
			Roi roi = saved.get(i);
			assertEquals(names.get(i), roi.getName(), "name of saved ROI " + (i + 1));
			Rectangle2D.Double fb = roi.getFloatBounds();
			double[] b = bounds.get(i);
			assertEquals(b[0], fb.x, 1e-6, "x of " + roi.getName());
			assertEquals(b[1], fb.y, 1e-6, "y of " + roi.getName());
			assertEquals(b[2], fb.width, 1e-6, "width of " + roi.getName());
			assertEquals(b[3], fb.height, 1e-6, "height of " + roi.getName());
			assertEquals(RankColors.of(i + 1), roi.getStrokeColor(), "rank colour of " + roi.getName());
		}
	}

	/**
	 * The macro a user could run: checks the menu command, clicks, segments through the menu
	 * command, writes what the ROI Manager holds and saves it, then quits ImageJ.
	 */
	private static String macro(String image, Path result, Path roiSet) {
		return "s = '';\n"
			+ "List.setCommands;\n"
			+ "s = s + 'command=' + List.get('Segment Anything...') + '\\n';\n"
			+ "open('" + slashes(image) + "');\n"
			+ "makePoint(300, 350);\n"
			+ "run('Segment Anything...', 'mode=multi output=[ROI Manager] min_iou=0 min_stability=0 keep=[all masks] "
			+ "components=all model=[]');\n"
			+ "n = roiManager('count');\n"
			+ "s = s + 'count=' + n + '\\n';\n"
			+ "for (i = 0; i < n; i++) {\n"
			+ "  roiManager('select', i);\n"
			+ "  Roi.getBounds(x, y, w, h);\n"
			+ "  s = s + 'roi=' + Roi.getName + '\\t' + x + ',' + y + ',' + w + ',' + h + '\\n';\n"
			+ "}\n"
			+ "if (n > 0) roiManager('save', '" + slashes(roiSet.toString()) + "');\n"
			+ "s = s + 'log=' + replace(getInfo('log'), '\\n', ' | ') + '\\n';\n"
			+ "File.saveString(s, '" + slashes(result.toString()) + "');\n"
			+ "run('Quit');\n";
	}

	private static String slashes(String path) {
		return path.replace('\\', '/');
	}

	/** The install layout the ij module's package phase builds. */
	private static Path layout() {
		Path layout = Paths.get(System.getProperty("samij.it.layout", "target/install"));
		assertTrue(Files.isDirectory(layout.resolve(Installer.PLUGINS)), layout + " (built at package: run after 'mvn package')");
		return layout;
	}

	/** The files of {@code folder} by name up to their version ("onnxruntime-"), sorted. */
	private static List<String> jarNames(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString().replaceFirst("\\d.*$", ""))
				.sorted().collect(Collectors.toList());
		}
	}

	/** The ImageJ 1 jar this test runs with (from the test class path). */
	private static Path imagejJar() throws Exception {
		Path jar = Paths.get(IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertTrue(Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar"), "ImageJ jar: " + jar);
		return jar;
	}

	private static List<Roi> readRoiSet(Path zip) throws IOException {
		List<Roi> rois = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				if (!e.getName().endsWith(".roi")) continue;
				Roi roi = RoiDecoder.openFromByteArray(readAll(in));
				assertNotNull(roi, "ROI " + e.getName() + " decodes");
				if (roi.getName() == null) roi.setName(e.getName().substring(0, e.getName().length() - 4));
				rois.add(roi);
			}
		}
		return rois;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int n; (n = in.read(buffer)) > 0;) bytes.write(buffer, 0, n);
		return bytes.toByteArray();
	}

	private static String report(List<String> command, Path stdout, Path stderr, Path result) {
		return "command: " + String.join(" ", command) + "\n--- result.txt ---\n" + read(result)
			+ "\n--- ImageJ stdout ---\n" + read(stdout) + "\n--- ImageJ stderr ---\n" + read(stderr);
	}

	private static String read(Path f) {
		try {
			if (!Files.exists(f)) return "(none)";
			String s = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
			return s.length() > 20_000 ? "..." + s.substring(s.length() - 20_000) : s;
		}
		catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
	}
}
