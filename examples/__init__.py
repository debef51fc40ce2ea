"""The seed document's examples, runnable against the local server (`nox -s demo`)."""
