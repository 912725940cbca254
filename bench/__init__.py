"""Benchmarks: the app's own code paths against llama.cpp on the same file and threads.

Run `python -m bench --help`. These print ratios and write a JSON report with plots; they never
fail on a slow machine.
"""
