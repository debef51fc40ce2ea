"""Bodies of the ``beta.threads`` and ``beta.threads.runs`` helpers (in ``runs``)."""
