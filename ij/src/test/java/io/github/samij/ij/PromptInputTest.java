package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.PointRoi;
import ij.gui.Roi;

import io.github.samij.core.SamException;
import io.github.samij.core.prompt.Prompt;
import io.github.samij.ij.convert.PromptInput;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How ImageJ's point and rectangle selections become SAM prompts, and what other selections are told. */
class PromptInputTest {

	@Test
	void multiPointCountersSayForegroundAndBackground() {
		PointRoi points = new PointRoi(300, 350);
		points.setCounter(PromptInput.BACKGROUND_COUNTER);
		points.addPoint(200, 200);
		Prompt p = PromptInput.from(List.of(points), 100, 100);
		assertEquals(2, p.points().size());
		assertTrue(p.points().get(0).foreground);
		assertFalse(p.points().get(1).foreground);
		assertEquals(200, p.points().get(1).x);
		assertEquals(null, p.box());
	}

	@Test
	void rectangleIsABoxAndWithPointsABoxWithPoints() {
		Prompt box = PromptInput.from(List.of(new Roi(10, 20, 30, 40)), 100, 100);
		assertNotNull(box.box());
		assertEquals(10, box.box().x0);
		assertEquals(60, box.box().y1);
		assertTrue(box.points().isEmpty());
		Prompt both = PromptInput.from(List.of(new Roi(10, 20, 30, 40), new PointRoi(25, 30)), 100, 100);
		assertNotNull(both.box());
		assertEquals(1, both.points().size());
	}

	@Test
	void anyOtherAreaIsAnOutlineItsBoxAndItsMask() {
		Prompt oval = PromptInput.from(List.of(new OvalRoi(10, 20, 40, 20)), 100, 100);
		assertEquals(10, oval.box().x0);
		assertEquals(40, oval.box().y1);
		assertTrue(oval.hasMaskInput(), "the oval's pixels as SAM's mask input");
		Prompt rounded = PromptInput.from(List.of(new Roi(10, 20, 40, 20, 10)), 100, 100);
		assertTrue(rounded.hasMaskInput(), "a rounded rectangle is an outline, not a box");
		Prompt past = PromptInput.from(List.of(new OvalRoi(80, 80, 40, 40), new PointRoi(90, 90)), 100, 100);
		assertEquals(100, past.box().x1, "an outline past the edge is clipped to the image");
		assertEquals(1, past.points().size(), "points combine with an outline");
		assertFalse(PromptInput.from(List.of(new Roi(10, 20, 30, 40)), 100, 100).hasMaskInput(), "a rectangle is a box");
	}

	@Test
	void otherSelectionsAreRefusedSayingWhatToDraw() {
		SamException e = assertThrows(SamException.class, () -> PromptInput.from(List.of(), 100, 100));
		assertEquals("No selection: " + PromptInput.WHAT_TO_DRAW, e.getMessage());
		e = assertThrows(SamException.class, () -> PromptInput.from(List.of(new Line(1, 2, 30, 40)), 100, 100));
		assertEquals("The selection is a straight line; SAM takes points, a rectangle or an outline: "
			+ PromptInput.WHAT_TO_DRAW, e.getMessage());
		e = assertThrows(SamException.class, () -> PromptInput.from(List.of(new Roi(1, 2, 3, 4), new Roi(5, 6, 7, 8)),
			100, 100));
		assertTrue(e.getMessage().startsWith("Two rectangles or outlines are selected;"), e.getMessage());
		e = assertThrows(SamException.class, () -> PromptInput.from(List.of(new OvalRoi(120, 2, 30, 40)), 100, 100));
		assertEquals("The outline lies outside the 100×100 image; " + PromptInput.WHAT_TO_DRAW, e.getMessage());
		PointRoi background = new PointRoi(5, 5);
		background.setCounters(new int[] { PromptInput.BACKGROUND_COUNTER });
		e = assertThrows(SamException.class, () -> PromptInput.from(List.of(background), 100, 100));
		assertTrue(e.getMessage().startsWith("All points are background"), e.getMessage());
	}
}
