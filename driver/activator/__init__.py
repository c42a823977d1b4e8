"""The Activator: the self-assessment, its results, recommendations and benchmarks."""
