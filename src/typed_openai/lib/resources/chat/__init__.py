"""`client.chat.completions` with ``parse()`` and ``stream()`` (module `completions`)."""
