package io.github.samij.core.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCsvTest {

	private static List<String> problems(PromptCsv.Result r) {
		List<String> out = new ArrayList<>();
		for (PromptCsv.Problem p : r.problems()) out.add(p.toString());
		return out;
	}

	@Test
	void onePointPerLineIsOneObjectEach() {
		PromptCsv.Result r = PromptCsv.parse("file,x,y,label\n"
			+ "a.png,10,20,1\n"
			+ "a.png,30,40,1\n"
			+ "b.png,5.5,6.25,1\n");
		assertEquals(List.of(), problems(r));
		assertEquals(List.of("a.png", "b.png"), r.files());
		assertEquals(3, r.objectCount());
		List<PromptCsv.PromptObject> a = r.objects("a.png");
		assertEquals(2, a.size());
		assertEquals(1, a.get(0).index);
		assertEquals(2, a.get(1).index);
		assertEquals("", a.get(1).id, "without an object column objects have no id");
		assertEquals(List.of(3), a.get(1).lines);
		assertEquals("(30, 40)", a.get(1).prompt.toString());
		assertTrue(a.get(1).prompt.isSingleClick());
		assertEquals(1, a.get(1).slice);
		PromptCsv.PromptObject b = r.objects("b.png").get(0);
		assertEquals(1, b.index, "indexes restart at 1 in every image");
		assertEquals(5.5, b.prompt.points().get(0).x);
		assertEquals(6.25, b.prompt.points().get(0).y);
		assertEquals(List.of(2, 3), r.lines("a.png"));
	}

	@Test
	void linesWithTheSameObjectFormOneMultiPointPrompt() {
		PromptCsv.Result r = PromptCsv.parse("file,object,x,y,label\n"
			+ "a.png,cell,10,20,1\n"
			+ "a.png,other,50,50,1\n"
			+ "a.png,cell,12,22,0\n"
			+ "b.png,cell,1,2,1\n"
			+ "a.png,,70,70,\n");
		assertEquals(List.of(), problems(r));
		List<PromptCsv.PromptObject> a = r.objects("a.png");
		assertEquals(3, a.size());
		PromptCsv.PromptObject cell = a.get(0);
		assertEquals("cell", cell.id);
		assertEquals(1, cell.index);
		assertEquals(List.of(2, 4), cell.lines);
		assertEquals("lines 2, 4", cell.where());
		assertEquals("(10, 20) (12, 22) background", cell.prompt.toString());
		assertEquals("other", a.get(1).id);
		assertEquals(2, a.get(1).index);
		assertEquals("", a.get(2).id, "an empty object cell is an object of its own");
		assertEquals(3, a.get(2).index);
		assertEquals("a.png object #3 (line 6): (70, 70)", a.get(2).toString());
		assertTrue(a.get(2).prompt.points().get(0).foreground, "an empty label means foreground");
		assertEquals(1, r.objects("b.png").size(), "the same object id in another file is another object");
	}

	@Test
	void boxesAndBoxesWithPoints() {
		PromptCsv.Result r = PromptCsv.parse("file,x0,y0,x1,y1\n"
			+ "a.png,10,10,40,30\n"
			+ "a.png,50,60,45,55\n");
		assertEquals(List.of(), problems(r));
		Prompt.Box box = r.objects("a.png").get(0).prompt.box();
		assertEquals(10, box.x0);
		assertEquals(30, box.y1);
		assertEquals("box (45, 55)-(50, 60)", r.objects("a.png").get(1).prompt.toString(), "corners in any order");

		r = PromptCsv.parse("file,object,x,y,label,x0,y0,x1,y1\n"
			+ "a.png,1,,,,10,10,40,30\n"
			+ "a.png,1,20,20,1,,,,\n"
			+ "a.png,1,35,25,0,,,,\n"
			+ "a.png,2,60,60,1,50,50,70,70\n");
		assertEquals(List.of(), problems(r));
		assertEquals("(20, 20) (35, 25) background box (10, 10)-(40, 30)", r.objects("a.png").get(0).prompt.toString());
		assertEquals("(60, 60) box (50, 50)-(70, 70)", r.objects("a.png").get(1).prompt.toString(),
			"one line may give a box and a point");
	}

	@Test
	void malformedLinesAreReportedWithTheirNumberAndSkipped() {
		PromptCsv.Result r = PromptCsv.parse("file,x,y,label\n" // 1
			+ "a.png,10,20,1\n" // 2
			+ "a.png,ten,20,1\n" // 3
			+ "a.png,10,20\n" // 4
			+ ",10,20,1\n" // 5
			+ "a.png,10,,1\n" // 6
			+ "a.png,10,20,yes\n" // 7
			+ "a.png,NaN,20,1\n" // 8
			+ "\"a.png,10,20,1\n" // 9
			+ "b.png,1,2,0\n" // 10
			+ "a.png,30,40,1,extra\n" // 11
			+ "c.png,3,4,1\n"); // 12
		assertEquals(List.of(
			"line 3: x 'ten' is not a number; line skipped.",
			"line 4: it has 3 fields but the header has 4; line skipped.",
			"line 5: the file is empty; line skipped.",
			"line 6: a point needs both x and y; line skipped.",
			"line 7: label 'yes' is neither 1 (foreground) nor 0 (background); line skipped.",
			"line 8: x 'NaN' is not a number; line skipped.",
			"line 9: a quoted field is not closed (a \" is missing); line skipped.",
			"line 10: object of b.png (line 10) has only background points (label 0); SAM needs a foreground point or a box; "
				+ "object skipped.",
			"line 11: it has 5 fields but the header has 4; line skipped."), problems(r));
		assertEquals(List.of("a.png", "c.png"), r.files(), "the good lines still count");
		assertEquals(1, r.objects("a.png").size());
		assertEquals(List.of(2), r.objects("a.png").get(0).lines);
		assertEquals(List.of(), r.lines("b.png"), "b.png has nothing left to segment");
	}

	@Test
	void conflictsWithinAnObjectSkipTheLineNotTheObject() {
		PromptCsv.Result r = PromptCsv.parse("file,object,x,y,x0,y0,x1,y1,slice\n"
			+ "s.tif,n1,10,10,,,,,2\n"
			+ "s.tif,n1,12,12,,,,,3\n"
			+ "s.tif,n1,,,0,0,20,20,2\n"
			+ "s.tif,n1,,,0,0,30,30,2\n"
			+ "s.tif,n2,5,5,0,0,9,9,\n"
			+ "s.tif,n3,5,5,1,2,3,,\n"
			+ "s.tif,n4,5,5,,,,,0\n");
		assertEquals(List.of(
			"line 3: object 'n1' of s.tif is on slice 2 (line 2), this line says slice 3; line skipped.",
			"line 5: object 'n1' of s.tif already has a box (line 4); SAM takes one box per object; line skipped.",
			"line 7: a box needs all of x0, y0, x1 and y1; line skipped.",
			"line 8: slice '0' is not a stack position (1, 2, 3...); line skipped."), problems(r));
		List<PromptCsv.PromptObject> s = r.objects("s.tif");
		assertEquals(2, s.size());
		assertEquals(2, s.get(0).slice);
		assertEquals(List.of(2, 4), s.get(0).lines);
		assertEquals("(10, 10) box (0, 0)-(20, 20)", s.get(0).prompt.toString());
		assertEquals(1, s.get(1).slice, "slice defaults to 1");
	}

	@Test
	void quotesCommentsBlankLinesSemicolonsAndByteOrderMark() {
		PromptCsv.Result r = PromptCsv.parse("\uFEFF# prompts for the screen\n"
			+ "\n"
			+ "File;X;Y;Label\n"
			+ "\"well A, 1.png\";10;20;1\n"
			+ "   # a comment\n"
			+ "\"say \"\"hi\"\".png\";1;2;fg\n");
		assertEquals(List.of(), problems(r));
		assertEquals(List.of("well A, 1.png", "say \"hi\".png"), r.files());
		assertEquals(List.of(4), r.objects("well A, 1.png").get(0).lines, "line numbers count every line");

		r = PromptCsv.parse("file\tx\ty\na.png\t1\t2\n");
		assertEquals(1, r.objectCount(), "tab-separated works too");
	}

	@Test
	void quoteIsTheInverseOfSplit() {
		for (String f : List.of("plain.png", "a, b.png", "say \"hi\"", "(1, 2) box (0, 0)-(5, 5)", ""))
			assertEquals(List.of(f, "x"), CsvFields.split(CsvFields.quote(f) + ",x", ','), f);
		assertEquals("plain.png", CsvFields.quote("plain.png"));
	}

	@Test
	void unknownColumnsAreReportedButDoNotStopTheFile() {
		PromptCsv.Result r = PromptCsv.parse("file,x,y,lable,note\na.png,1,2,0,first\n");
		assertEquals(List.of("line 1: unknown column 'lable' is ignored (the columns are file, object, x, y, label, x0, "
			+ "y0, x1, y1, slice).", "line 1: unknown column 'note' is ignored (the columns are file, object, x, y, label, "
			+ "x0, y0, x1, y1, slice)."), problems(r));
		assertTrue(r.objects("a.png").get(0).prompt.points().get(0).foreground);
	}

	@Test
	void aHeaderThatCannotWorkStopsTheFile() {
		SamException e = assertThrows(SamException.class, () -> PromptCsv.parse("image,x,y\na.png,1,2\n"));
		assertEquals("The prompts CSV's header (line 1) is 'image,x,y'; it needs a 'file' column and the columns of a point "
			+ "(x, y, optionally label) and/or of a box (x0, y0, x1, y1), e.g. 'file,x,y,label'.", e.getMessage());
		e = assertThrows(SamException.class, () -> PromptCsv.parse("file,x,x0,y0,x1,y1\n"));
		assertEquals("The prompts CSV's header (line 1) has column 'x' but not both x and y.", e.getMessage());
		e = assertThrows(SamException.class, () -> PromptCsv.parse("file,x,y,x\n"));
		assertTrue(e.getMessage().contains("names column 'x' twice"), e.getMessage());
		e = assertThrows(SamException.class, () -> PromptCsv.parse("\n# nothing\n"));
		assertTrue(e.getMessage().startsWith("The prompts CSV is empty"), e.getMessage());
	}

	@Test
	void aHeaderOnlyFileHasNothingToDo() {
		PromptCsv.Result r = PromptCsv.parse("file,x,y,label\n");
		assertEquals(0, r.objectCount());
		assertEquals(List.of(), r.files());
		assertTrue(r.problems().isEmpty());
		assertTrue(r.objects("a.png").isEmpty());
	}

	@Test
	void readsAFile(@TempDir Path dir) throws IOException {
		Path csv = dir.resolve("prompts.csv");
		Files.write(csv, "file,x,y,label\r\nnoyau é.png,3,4,1\r\n".getBytes(StandardCharsets.UTF_8));
		PromptCsv.Result r = PromptCsv.read(csv);
		assertEquals(List.of("noyau é.png"), r.files(), "UTF-8 and Windows line ends");
	}
}
