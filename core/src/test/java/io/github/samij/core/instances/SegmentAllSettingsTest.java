package io.github.samij.core.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.samij.core.SamException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SegmentAllSettingsTest {

	@Test
	void defaultsAreSamsAutomaticMaskGeneratorsThresholdsWithSeeds() {
		SegmentAllSettings d = SegmentAllSettings.DEFAULT;
		assertEquals("prompts=seeds points_per_side=32 min_iou=0.88 min_stability=0.95 min_area=15 max_area=0 objects=auto",
			d.toString());
	}

	@Test
	void textSetsEachKey() {
		SegmentAllSettings s = SegmentAllSettings.DEFAULT;
		for (String[] kv : new String[][] { { "prompts", "GRID" }, { "points_per_side", "16" }, { "min_iou", "0.5" },
			{ "min_stability", " 0.9 " }, { "max_area", "5000" }, { "min_area", "30" }, { "objects", "dark" } })
			s = s.with(kv[0], kv[1]);
		assertEquals("prompts=grid points_per_side=16 min_iou=0.5 min_stability=0.9 min_area=30 max_area=5000 objects=dark",
			s.toString());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"points_per_side | 0     | points_per_side must be a whole number from 1 to 256, got 0.",
		"points_per_side | 257   | points_per_side must be a whole number from 1 to 256, got 257.",
		"points_per_side | 99999999999 | points_per_side must be a whole number from 1 to 256, got 99999999999.",
		"points_per_side | 2.5   | points_per_side must be a whole number, got '2.5'.",
		"min_iou         | 1.5   | min_iou must be from 0 to 1, got 1.5.",
		"min_iou         | NaN   | min_iou must be from 0 to 1, got NaN.",
		"min_stability   | -0.1  | min_stability must be from 0 to 1, got -0.1.",
		"min_stability   | high  | min_stability must be a number, got 'high'.",
		"min_area        | -1    | min_area must be 0 or more pixels, got -1.",
		"max_area        | -5    | max_area must be 0 (no limit) or more pixels, got -5.",
		"max_area        | 10    | max_area must be 0 (no limit) or at least min_area (15) pixels, got 10.",
		"prompts         | all   | prompts must be seeds or grid, got 'all'.",
		"objects         | grey  | objects must be auto or bright or dark, got 'grey'.",
		"size            | 3     | Unknown Segment All key 'size': the keys are prompts, points_per_side, min_iou, min_stability, min_area, max_area, objects." })
	void everyValueOutOfRangeIsOneLineNamingTheKeyAndItsRange(String key, String value, String message) {
		SamException e = assertThrows(SamException.class, () -> SegmentAllSettings.DEFAULT.with(key, value));
		assertEquals(message, e.getMessage());
	}

	@Test
	void minAreaAboveMaxAreaIsRefused() {
		SamException e = assertThrows(SamException.class, () -> SegmentAllSettings.DEFAULT.withMaxArea(100).withMinArea(200));
		assertEquals("min_area must be 0 to max_area (100) pixels, got 200.", e.getMessage());
	}
}
