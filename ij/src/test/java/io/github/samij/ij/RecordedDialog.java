package io.github.samij.ij;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.function.Consumer;

/**
 * A menu command run by hand with the macro recorder on: its dialog found, filled and OKed by the
 * test as a user would, and the {@code run("...", "...")} line the recorder writes for it.
 */
final class RecordedDialog {

	/** The menu label, e.g. "Segment Anything...". */
	final String command;
	/** The start of the recorder's line for the command, up to its options. */
	final String runPrefix;
	private final String title;

	RecordedDialog(String command, String title) {
		this.command = command;
		this.runPrefix = "run(\"" + command + "\", \"";
		this.title = title;
	}

	/** Turns the macro recorder on, as Plugins>Macros>Record... does. */
	static void startRecorder() throws Exception {
		EventQueue.invokeAndWait(Recorder::new);
	}

	/** The command's dialog, once shown (the command runs on its own thread, as from the menu). */
	GenericDialog await() throws InterruptedException {
		ImageJFixture.waitFor("the '" + title + "' dialog", 60_000, () -> find() != null);
		return find();
	}

	/** On the event dispatch thread, where a user's typing lands: {@code fill} the fields, then press OK. */
	static void fillAndOk(GenericDialog gd, Consumer<GenericDialog> fill) throws Exception {
		EventQueue.invokeAndWait(() -> {
			fill.accept(gd);
			Button ok = gd.getButtons()[0];
			gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
		});
	}

	/** The recorded line; ImageJ's Executer writes it once the command has returned, i.e. after SAM ran. */
	String awaitLine() throws InterruptedException {
		ImageJFixture.waitFor("the recorded run(...) line", 300_000, () -> line() != null);
		return line();
	}

	private String line() {
		Recorder recorder = Recorder.getInstance();
		if (recorder == null) return null;
		for (String l : recorder.getText().split("\n"))
			if (l.startsWith(runPrefix)) return l.trim();
		return null;
	}

	/** Cancels a dialog a failed test left open and turns the recorder off, so later tests run without either. */
	void cleanUp() throws Exception {
		GenericDialog left = find();
		if (left != null) EventQueue.invokeAndWait(() -> left.actionPerformed(new ActionEvent(left.getButtons()[1],
			ActionEvent.ACTION_PERFORMED, "Cancel")));
		Recorder recorder = Recorder.getInstance();
		if (recorder != null) recorder.close();
		assertFalse(Recorder.record, "the recorder is off again for the other tests");
	}

	private GenericDialog find() {
		for (Window w : Window.getWindows())
			if (w instanceof GenericDialog && w.isShowing() && title.equals(((Dialog) w).getTitle())) return (GenericDialog) w;
		return null;
	}
}
