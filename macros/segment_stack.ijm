// Segment Anything on every slice of a stack with one click.
// Argument (optional): "path,x,y" — the stack and where to click; without it, asks for the stack
// and clicks the centre. Needs SAM-IJ (Plugins › Segment Anything).
args = split(getArgument(), ",");
if (args.length >= 1 && args[0] != "") open(args[0]);
else open(File.openDialog("A stack to segment"));
x = getWidth() / 2;
y = getHeight() / 2;
if (args.length >= 3) { x = parseFloat(args[1]); y = parseFloat(args[2]); }

before = roiManager("count"); // the ROI Manager is only appended to
makePoint(x, y);
run("Segment Stack...", "mode=multi keep=[best only] axis=z first=1 last=0 label_image");
print("Segment Stack: " + (roiManager("count") - before) + " ROI(s) on " + nSlices + " slice(s)");
