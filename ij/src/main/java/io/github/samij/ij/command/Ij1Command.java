package io.github.samij.ij.command;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import io.github.samij.ij.Feedback;

import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Runs a SciJava command from plain ImageJ 1 menus ({@code plugins.config}), where no SciJava
 * context harvests its parameters: the command's {@code @Parameter} fields become a GenericDialog
 * whose labels are the field names — the macro keys — so ImageJ's recorder writes a
 * {@code run("...", "key=value ...")} line that replays, the same line Fiji records for the command.
 * <p>
 * It handles the parameter types the commands of this plugin use: {@code ImagePlus} (the current
 * image), {@code String} (with or without choices), numbers, {@code boolean}, {@code File} and
 * messages. A macro gets each field's declared default for a key it leaves out, never what was
 * last typed by hand, so the same macro line always does the same thing. Checkboxes follow
 * ImageJ's macro convention instead: the key present ({@code label_image}) means on, absent off.
 * <p>
 * Not thread-safe beyond ImageJ's own use: one run per command at a time.
 */
public class Ij1Command implements PlugIn {

	/** Values last chosen by hand, per command class, offered again in the dialog. */
	private static final Map<Class<?>, Map<String, Object>> LAST = new HashMap<>();

	/** @param arg the command's class name, from plugins.config */
	@Override
	public void run(String arg) {
		Command command;
		try {
			command = Class.forName(arg).asSubclass(Command.class).getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			IJ.error(Feedback.TITLE, "Cannot start command " + arg + ": " + e);
			return;
		}
		if (ask(command)) command.run();
	}

	/** Fills the command's parameters from a dialog or the macro options; {@code false} if cancelled. */
	static boolean ask(Command command) {
		boolean macro = Macro.getOptions() != null;
		Map<String, Object> last = macro ? new HashMap<>()
			: LAST.computeIfAbsent(command.getClass(), k -> new HashMap<>());
		List<Field> inputs = new ArrayList<>();
		GenericDialog gd = new GenericDialog(title(command));
		try {
			for (Field f : parameters(command.getClass())) {
				Parameter p = f.getAnnotation(Parameter.class);
				if (p == null) continue;
				f.setAccessible(true);
				Class<?> type = f.getType();
				// persist = false (SciJava's own flag): the field shows current state, e.g. an option's setting.
				Object value = p.persist() && last.containsKey(f.getName()) ? last.get(f.getName()) : f.get(command);
				String key = f.getName();
				if (type == ImagePlus.class) {
					f.set(command, WindowManager.getCurrentImage());
					continue;
				}
				if (p.visibility() == ItemVisibility.MESSAGE) gd.addMessage(String.valueOf(value));
				else if (type == String.class && p.choices().length > 0) gd.addChoice(key, p.choices(), (String) value);
				else if (type == String.class) gd.addStringField(key, value == null ? "" : (String) value, 20);
				else if (type == boolean.class) gd.addCheckbox(key, (Boolean) value);
				else if (type == int.class || type == long.class) gd.addNumericField(key, ((Number) value).doubleValue(), 0);
				else if (type == double.class || type == float.class) gd.addNumericField(key, ((Number) value).doubleValue(), 2);
				else if (type == File.class) {
					String path = value == null ? "" : ((File) value).getPath();
					if (FileWidget.DIRECTORY_STYLE.equals(p.style())) gd.addDirectoryField(key, path);
					else gd.addFileField(key, path);
				}
				else continue; // services and other injected values are not asked for
				if (p.visibility() != ItemVisibility.MESSAGE) inputs.add(f);
			}
			if (gd.getComponentCount() == 0) return true; // nothing to ask (e.g. a toggle): no empty dialog, as in Fiji
			gd.showDialog();
			if (gd.wasCanceled()) return false;
			for (Field f : inputs) {
				Class<?> type = f.getType();
				Parameter p = f.getAnnotation(Parameter.class);
				Object value;
				if (type == String.class) value = p.choices().length > 0 ? gd.getNextChoice() : gd.getNextString();
				else if (type == boolean.class) value = gd.getNextBoolean();
				else if (type == int.class) value = (int) gd.getNextNumber();
				else if (type == long.class) value = (long) gd.getNextNumber();
				else if (type == float.class) value = (float) gd.getNextNumber();
				else if (type == double.class) value = gd.getNextNumber();
				else {
					String path = gd.getNextString().trim();
					value = path.isEmpty() ? null : new File(path);
				}
				f.set(command, value);
				last.put(f.getName(), value);
			}
			return true;
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException("parameter fields of " + command.getClass() + " must be accessible", e);
		}
	}

	/**
	 * Parameter fields, messages first, then the command's own before those it inherits (so the
	 * options every command shares come last), each class's in declaration order.
	 */
	private static List<Field> parameters(Class<?> type) {
		List<Class<?>> chain = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(c);
		List<Field> messages = new ArrayList<>(), others = new ArrayList<>();
		for (Class<?> c : chain)
			for (Field f : c.getDeclaredFields()) {
				Parameter p = f.getAnnotation(Parameter.class);
				if (p != null) (p.visibility() == ItemVisibility.MESSAGE ? messages : others).add(f);
			}
		messages.addAll(others);
		return messages;
	}

	private static String title(Command command) {
		Plugin plugin = command.getClass().getAnnotation(Plugin.class);
		String path = plugin == null ? "" : plugin.menuPath();
		String last = path.substring(path.lastIndexOf('>') + 1).replace("...", "").trim();
		return last.isEmpty() ? Feedback.TITLE : last;
	}
}
