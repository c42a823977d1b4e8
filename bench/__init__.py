"""The benchmark (not a test): bench/run.py, its locust scenarios and a page profiler."""
