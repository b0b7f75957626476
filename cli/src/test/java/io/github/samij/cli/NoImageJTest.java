package io.github.samij.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The command line runs without ImageJ: neither ImageJ nor the plugin is on its class path (the
 * build's enforcer refuses them as dependencies in every scope, so this test JVM has the command
 * line's own class path plus JUnit).
 */
class NoImageJTest {

	@Test
	void neitherImageJNorThePluginIsOnTheClassPath() {
		assertThrows(ClassNotFoundException.class, () -> Class.forName("ij.ImagePlus"));
		assertThrows(ClassNotFoundException.class, () -> Class.forName("io.github.samij.ij.SegmentAnything"));
	}
}
