// Follow one object through a time series: click it on the first frame, SAM segments it there,
// and each next frame is prompted from the previous frame's mask. Stops (with a note in the Log)
// when the object is lost.
// Argument (optional): "path,x,y" — the time series and the click on its first frame.
args = split(getArgument(), ",");
if (args.length >= 1 && args[0] != "") open(args[0]);
else open(File.openDialog("A time series"));
Stack.setFrame(1);
if (args.length >= 3) makePoint(parseFloat(args[1]), parseFloat(args[2]));
else { setTool("point"); waitForUser("Click the object on frame 1, then press OK."); }

before = roiManager("count"); // the ROI Manager is only appended to
run("Propagate Through Stack...", "axis=t direction=forward prompt_from=point min_iou=0.5 min_overlap=0.3 label_image");
print("Propagation: " + (roiManager("count") - before) + " frame(s) followed");
