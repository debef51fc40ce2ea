"""``typed_openai.version.VERSION``, at the official SDK's module path."""

from ._version import __version__

__all__ = ["VERSION"]

VERSION: str = __version__
