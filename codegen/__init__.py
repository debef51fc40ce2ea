"""The generator: OpenAPI document + config → typed Python client (see ARCHITECTURE.md)."""
