"""Vector-store resources with the polling and upload helpers (``*_and_poll``, ``upload``).

Kept free of imports: `spec/config.yml` names the submodules, which load on first use.
"""
