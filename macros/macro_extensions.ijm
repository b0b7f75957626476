// Stateful scripting with the Segment Anything macro extensions (README, section "Macro
// extensions"): one click, its three masks and their numbers, the most stable one to the ROI
// Manager; then a box around it, then the click plus a background point.
//
// Click an object with the point tool, then run this macro; or pass an image and a point as its
// argument, one per line:
//     runMacro("/path/to/macro_extensions.ijm", path + "\n" + x + "\n" + y);

run("Segment Anything Macro Extensions");

args = getArgument();
if (args != "") {
	parts = split(args, "\n");
	open(parts[0]);
	x = parseFloat(parts[1]);
	y = parseFloat(parts[2]);
} else {
	if (nImages == 0 || selectionType != 10)
		exit("Click an object with the point tool, then run this macro again.");
	getSelectionCoordinates(xs, ys);
	x = xs[0];
	y = ys[0];
}
slice = getSliceNumber();
before = roiManager("count");

// 1. One click is ambiguous: SAM returns three masks (subpart, part, whole).
Ext.samSetMode("multi");
Ext.samSegmentPoint(x, y, slice);
Ext.samGetCount(n);
best = -1;
bestStability = -1;
for (i = 0; i < n; i++) {
	Ext.samGetMask(i, rank, scale, iou, stability, area);
	print("click mask " + i + ": rank " + rank + ", " + scale + ", IoU " + d2s(iou, 3) + ", stability "
		+ d2s(stability, 3) + ", " + area + " px");
	if (stability > bestStability) {
		best = i;
		bestStability = stability;
	}
}
if (best < 0)
	exit("SAM kept no mask at (" + x + ", " + y + "); see the Log.");
Ext.samAddToManager(best);

// 2. A box a few pixels around that mask: unambiguous, so "auto" gives one mask.
Ext.samSelect(best);
getSelectionBounds(bx, by, bw, bh);
x0 = maxOf(0, bx - 3);
y0 = maxOf(0, by - 3);
x1 = minOf(getWidth(), bx + bw + 3);
y1 = minOf(getHeight(), by + bh + 3);
Ext.samSetMode("auto");
Ext.samSegmentBox(x0, y0, x1, y1, slice);
Ext.samGetCount(n);
if (n > 0) {
	Ext.samGetMask(0, rank, scale, iou, stability, area);
	print("box mask: " + scale + ", IoU " + d2s(iou, 3) + ", " + area + " px");
	Ext.samAddToManager(0);
}

// 3. Several points: the click (label 1, foreground) and the box's corner (label 0, background).
xs = newArray(x, x0);
ys = newArray(y, y0);
labels = newArray(1, 0);
Ext.samSegmentPoints(xs, ys, labels, slice);
Ext.samGetCount(n);
if (n > 0) {
	Ext.samGetMask(0, rank, scale, iou, stability, area);
	print("two-point mask: " + scale + ", IoU " + d2s(iou, 3) + ", " + area + " px");
	Ext.samAddToManager(0);
}

Ext.samReset();
run("Select None");
added = roiManager("count") - before;
print(added + " ROI(s) added to the ROI Manager");
return "" + added;
