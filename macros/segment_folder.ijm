// Segment Anything on a folder of images, with the prompts in a CSV file.
//
// The CSV lists one point or box per line (README, section "Folder batch"):
//     file,x,y,label
//     cells01.tif,120,88,1
//     cells01.tif,200,40,1
//     cells02.tif,64,30,1
// Beside each image this writes <name>_sam_labels.tif (16-bit, one label per object) and
// <name>_sam_rois.zip (a RoiSet for the ROI Manager), and sam_results.csv for the whole run.
// A missing image or a malformed line is reported in the Log with its line number and skipped;
// Esc stops after the current image and keeps what is finished.
//
// Run it from the macro editor (it asks for the folder and the CSV), or pass the folder and the
// CSV as its argument, one per line:
//     runMacro("/path/to/segment_folder.ijm", folder + "\n" + csv);

args = getArgument();
if (args == "") {
	folder = getDirectory("Choose the folder of images");
	csv = File.openDialog("Choose the prompts CSV");
} else {
	parts = split(args, "\n");
	folder = parts[0];
	csv = parts[1];
}
if (!endsWith(folder, File.separator)) folder = folder + File.separator;

setBatchMode(true);
run("Segment Folder...", "folder=[" + folder + "] prompts=[" + csv + "] output=[] mode=auto ranking=predicted_iou "
	+ "keep=[best only] min_iou=0 min_stability=0 components=all channels=[] model=[]");

// How many objects each label image holds (its highest label), and how many masks the run kept.
// (Images listed in sub-folders get their outputs beside them; this summary reads the top level.)
summary = "";
files = getFileList(folder);
for (i = 0; i < files.length; i++) {
	if (endsWith(files[i], "_sam_labels.tif")) {
		open(folder + files[i]);
		getStatistics(area, mean, min, max);
		print(files[i] + ": " + max + " object(s)");
		summary = summary + files[i] + "=" + max + ";";
		close();
	}
}
rows = split(File.openAsString(folder + "sam_results.csv"), "\n");
print("sam_results.csv: " + (rows.length - 1) + " mask(s)");
return summary + "rows=" + (rows.length - 1);
