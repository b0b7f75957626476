package io.github.samij.bench;

/** How many runs of what: {@link #FULL} for the published numbers, {@link #QUICK} for a smoke test. Immutable. */
public final class Plan {

	public static final Plan FULL = new Plan("full", 2, 9, 5, 40, 3, 40, 20, 5, 3, 8, 6, 1, 5, 2, 32, 10_000, 50, 1, 5);
	public static final Plan QUICK = new Plan("quick", 1, 2, 2, 5, 1, 3, 4, 1, 1, 2, 1, 0, 1, 1, 4, 100, 2, 0, 1);

	final String name;
	final int encoderWarmup, encoderRuns, decoderWarmup, decoderRuns, clickWarmup, clickRuns;
	final int stackSlices, stackPasses, coldRepeats, memoryEmbeddings, sweepRounds;
	/** Segment All: warm-up and measured rounds, how many of them also run the grid, and its points per side. */
	final int allWarmup, allRounds, gridRounds, gridPointsPerSide;
	/** The long run: decodes on one embedding, and model loads, with memory read along the way. */
	final int longDecodes, longReloads;
	/** Whole command-line processes against the bare-session floor: warm-up and measured rounds. */
	final int startupWarmup, startupRuns;

	Plan(String name, int encoderWarmup, int encoderRuns, int decoderWarmup, int decoderRuns, int clickWarmup,
		int clickRuns, int stackSlices, int stackPasses, int coldRepeats, int memoryEmbeddings, int sweepRounds, int allWarmup,
		int allRounds, int gridRounds, int gridPointsPerSide, int longDecodes, int longReloads,
		int startupWarmup, int startupRuns)
	{
		this.name = name;
		this.encoderWarmup = encoderWarmup;
		this.encoderRuns = encoderRuns;
		this.decoderWarmup = decoderWarmup;
		this.decoderRuns = decoderRuns;
		this.clickWarmup = clickWarmup;
		this.clickRuns = clickRuns;
		this.stackSlices = stackSlices;
		this.stackPasses = stackPasses;
		this.coldRepeats = coldRepeats;
		this.memoryEmbeddings = memoryEmbeddings;
		this.sweepRounds = sweepRounds;
		this.allWarmup = allWarmup;
		this.allRounds = allRounds;
		this.gridRounds = gridRounds;
		this.gridPointsPerSide = gridPointsPerSide;
		this.longDecodes = longDecodes;
		this.longReloads = longReloads;
		this.startupWarmup = startupWarmup;
		this.startupRuns = startupRuns;
	}
}
