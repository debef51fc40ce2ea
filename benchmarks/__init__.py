"""Benchmarks of typed_openai against raw httpx and the official SDK (`nox -s bench`)."""
