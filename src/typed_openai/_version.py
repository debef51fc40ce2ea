"""The package's name and version (tests/test_public_modules.py keeps it equal to pyproject.toml's
and to the User-Agent the client sends)."""

__title__ = "typed_openai"
__version__ = "0.1.0"
