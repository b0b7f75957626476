package io.github.samij.core.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	private static List<String> names(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void writesAndReplaces(@TempDir Path dir) throws IOException {
		Path target = dir.resolve("out.csv");
		AtomicFiles.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
		AtomicFiles.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
		assertEquals("two", Files.readString(target));
		assertEquals(List.of("out.csv"), names(dir), "no temporary file is left");
	}

	@Test
	void aFailureMidWriteLeavesTheOldFileAndNoPartialFile(@TempDir Path dir) throws IOException {
		Path target = dir.resolve("labels.tif");
		Files.write(target, new byte[] { 1, 2, 3 });
		IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
			out.write(new byte[100_000]);
			throw new IOException("disk full");
		}));
		assertEquals("disk full", e.getMessage());
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target));
		assertEquals(List.of("labels.tif"), names(dir));

		Path fresh = dir.resolve("new.zip");
		assertThrows(IOException.class, () -> AtomicFiles.write(fresh, out -> {
			out.write(7);
			throw new IOException("cancelled");
		}));
		assertTrue(!Files.exists(fresh), "a new file appears only when complete");
		assertEquals(List.of("labels.tif"), names(dir));
	}

	@Test
	void anInterruptedThreadStillWritesTheWholeFile(@TempDir Path dir) throws IOException {
		Path target = dir.resolve("big.bin");
		byte[] data = new byte[3_000_000];
		for (int i = 0; i < data.length; i++) data[i] = (byte) i;
		Thread.currentThread().interrupt();
		try {
			AtomicFiles.write(target, out -> out.write(data));
		}
		finally {
			assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
		}
		assertArrayEquals(data, Files.readAllBytes(target));
	}

	@Test
	void aMissingFolderIsAnIoError(@TempDir Path dir) {
		IOException e = assertThrows(IOException.class,
			() -> AtomicFiles.write(dir.resolve("nope/out.csv"), out -> out.write(1)));
		assertTrue(AtomicFiles.describe(e).length() > 0);
	}
}
