package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import io.github.samij.core.Nuclei;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example macros macros/segment_folder.ijm and macros/macro_extensions.ijm, run as they are
 * by ImageJ's interpreter (paths passed through getArgument()) on real DSB nuclei images.
 */
@ExtendWith(ImageJFixture.class)
class BatchMacrosTest {

	@TempDir
	Path dir;

	static String source(String name) throws IOException {
		return Files.readString(TestModel.repositoryFile("macros/" + name));
	}

	static int logLength() {
		String log = IJ.getLog();
		return log == null ? 0 : log.length();
	}

	static List<String> logSince(int start) {
		String log = IJ.getLog();
		List<String> lines = new ArrayList<>();
		for (String l : (log == null ? "" : log.substring(start)).split("\n")) if (!l.isBlank()) lines.add(l);
		return lines;
	}

	@Test
	void segmentFolderMacroWritesLabelsRoiSetsAndResultsAndReportsBadLinesByNumber() throws IOException {
		FolderFixture f = FolderFixture.create(dir, true);
		int log = logLength();
		String value = MacroRun.ok(source("segment_folder.ijm"), dir + "\n" + f.csv);

		assertEquals("a_sam_labels.tif=3;b_sam_labels.tif=3;c_sam_labels.tif=3;rows=9", value,
			"the macro's own summary: 3 objects in each label image, 9 masks in the results");
		List<Double> ious = new ArrayList<>();
		for (String image : FolderFixture.SOURCES.keySet()) ious.addAll(f.checkImage(dir, image));
		long good = ious.stream().filter(iou -> iou >= 0.6).count();
		assertTrue(good >= 8, "the labels are the prompted nuclei (IoU with ground truth " + ious + ")");

		List<String> rows = FolderFixture.resultRows(dir);
		assertEquals(9, rows.size(), String.join("\n", rows));
		String[] expectedStart = { "a.png,3,,1,1,", "a.png,4,,2,1,", "a.png,6,,3,1,", "b.png,8,n1,1,1,", "b.png,10,,2,1,",
			"b.png,11,,3,1,", "c.png,12,,1,1,", "c.png,13,,2,1,", "c.png,14,,3,1," };
		for (int i = 0; i < 9; i++) {
			assertTrue(rows.get(i).startsWith(expectedStart[i]), rows.get(i) + " starts with " + expectedStart[i]);
			String[] cells = rows.get(i).split(",");
			long area = Long.parseLong(cells[cells.length - 1]);
			assertTrue(area > 20 && area < 5000, "a nucleus-sized area: " + rows.get(i));
		}
		assertTrue(rows.get(3).contains(",\"(" ) && rows.get(3).contains(" background\",1,single,"),
			"the two-point object's prompt, quoted, one single mask: " + rows.get(3));
		assertTrue(rows.get(4).contains("\"box ("), rows.get(4));

		List<String> lines = logSince(log);
		List<String> problems = new ArrayList<>();
		for (String l : lines) if (l.startsWith("Segment Anything: prompts.csv")) problems.add(l);
		assertEquals(List.of(
			"Segment Anything: prompts.csv line 7: y 'abc' is not a number; line skipped.",
			"Segment Anything: prompts.csv line 5: missing.png was not found in " + dir + "; skipped."), problems,
			"one log line per problem, with its line number: " + lines);
		assertTrue(lines.contains("Segment Anything: Segment Folder: 3 of 4 image(s) done, 9 object(s) labelled, 9 mask(s) in "
			+ dir.resolve("sam_results.csv") + "; 2 problem(s) reported above."), lines.toString());
		assertTrue(lines.stream().noneMatch(l -> l.contains("Exception") || l.contains("\tat ")), lines.toString());
		assertEquals(List.of(), FolderFixture.partFiles(dir), "no temporary file is left");
		f.checkInputsUntouched();
	}

	@Test
	void macroExtensionsMacroScriptsAClickABoxAndTwoPoints() throws IOException {
		RoiManager rm = ImageJFixture.managerWithOneEntry();
		Nuclei gt = new Nuclei("dsb003", 256, 256);
		int[] p = gt.interior(1);
		int nucleus = gt.at(p[0], p[1]);
		int log = logLength();
		String value = MacroRun.ok(source("macro_extensions.ijm"),
			ImageJFixture.dsb("dsb003") + "\n" + p[0] + "\n" + p[1]);

		assertEquals("3", value, "a click, a box and two points each added one ROI");
		assertEquals(4, rm.getCount());
		assertEquals("keep me", rm.getRoi(0).getName(), "the ROI Manager is appended to");
		assertTrue(rm.getRoi(1).getName().startsWith("SAM "), rm.getRoi(1).getName());
		assertTrue(rm.getRoi(2).getName().startsWith("SAM 1/1 single "), rm.getRoi(2).getName());
		assertTrue(rm.getRoi(3).getName().startsWith("SAM 1/1 single "), rm.getRoi(3).getName());
		for (int i = 1; i <= 3; i++) {
			Roi r = rm.getRoi(i);
			assertTrue(r.contains(p[0], p[1]), "ROI " + i + " holds the click");
			long area = Long.parseLong(r.getProperty("sam_area"));
			long truth = 0;
			for (int l : gt.labels) if (l == nucleus) truth++;
			assertTrue(area > truth / 3 && area < truth * 3, "ROI " + i + " is nucleus-sized: " + area + " vs " + truth);
		}

		List<String> lines = logSince(log);
		long clickLines = lines.stream().filter(l -> l.matches("click mask [0-2]: rank [1-3], (subpart|part|whole), IoU "
			+ "[0-9.]+, stability [0-9.]+, [0-9]+ px")).count();
		assertEquals(3, clickLines, "one line per mask of the click: " + lines);
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("box mask: single, IoU ")), lines.toString());
		assertTrue(lines.stream().anyMatch(l -> l.startsWith("two-point mask: single, IoU ")), lines.toString());
		assertTrue(lines.contains("3 ROI(s) added to the ROI Manager"), lines.toString());
		assertTrue(lines.stream().noneMatch(l -> l.startsWith("Segment Anything:")), "no error: " + lines);
	}
}
