"""solution_finder."""
