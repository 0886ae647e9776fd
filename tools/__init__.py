"""Project tools: link check, offline package, benchmarks."""
