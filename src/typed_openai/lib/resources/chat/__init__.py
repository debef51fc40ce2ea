"""Body of ``chat.completions.parse()`` / ``.stream()`` (module `completions`)."""
