// Segment a stack with one click, then export a 16-bit label image and per-slice measurements.
// Argument (optional): "path,x,y,outdir" — the stack, the click, and where to write
// <title>-SAM-labels.tif and <title>-SAM-measurements.csv (default: beside the stack).
args = split(getArgument(), ",");
if (args.length >= 1 && args[0] != "") open(args[0]);
else open(File.openDialog("A stack to segment"));
stack = getTitle();
out = getDirectory("image");
if (args.length >= 4) out = args[3];
if (!endsWith(out, File.separator)) out = out + File.separator;
x = getWidth() / 2;
y = getHeight() / 2;
if (args.length >= 3) { x = parseFloat(args[1]); y = parseFloat(args[2]); }

roiManager("reset");
makePoint(x, y);
run("Segment Stack...", "mode=multi keep=[best only] axis=z first=1 last=0 label_image");
base = File.getNameWithoutExtension(stack);

// The label image: one label per slice's object, 0 background.
selectImage(base + "-SAM-labels");
saveAs("Tiff", out + base + "-SAM-labels.tif");

// Measurements: each SAM ROI is positioned on its slice, so Measure reads the right plane.
selectImage(stack);
run("Set Measurements...", "area mean centroid stack display redirect=None decimal=3");
run("Clear Results");
roiManager("deselect");
roiManager("Measure");
saveAs("Results", out + base + "-SAM-measurements.csv");
print("Wrote " + out + base + "-SAM-labels.tif and " + base + "-SAM-measurements.csv (" + nResults + " rows)");
