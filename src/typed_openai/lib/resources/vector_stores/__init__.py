"""Bodies of the vector-store helpers (``*_and_poll``, ``upload``); see spec/config.yml."""
