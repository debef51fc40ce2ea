"""The pre-1.0 module API (`openai.ChatCompletion.create(...)`): names kept only to fail clearly.

Code written for openai 0.x still runs its imports and attribute lookups against 1.x packages;
the first call then raises `APIRemovedInV1`, an `OpenAIError`, so such code fails the way it does
with the official SDK (`except openai.OpenAIError` catches it) and the message says what replaced
the call. `typed_openai/__init__.py` builds the placeholders on first touch, so importing the
package never loads this module.
"""

from __future__ import annotations

from typing import NoReturn

from .._core import OpenAIError

# The 0.x resource classes the 1.x package still answers to, each with what replaced it.
REPLACEMENTS: dict[str, str] = {
    "Audio": "client.audio.transcriptions.create() / client.audio.translations.create()",
    "ChatCompletion": "client.chat.completions.create()",
    "Completion": "client.completions.create()",
    "Customer": "nothing: it was an Azure-only endpoint of 0.x",
    "Deployment": "nothing: Azure deployments are managed outside this client (AzureOpenAI)",
    "Edit": "client.chat.completions.create() (the edits endpoint is gone)",
    "Embedding": "client.embeddings.create()",
    "Engine": "client.models.list() / client.models.retrieve()",
    "ErrorObject": "the exception classes (openai.APIStatusError and its subclasses)",
    "File": "client.files.create() / .list() / .retrieve() / .delete() / .content()",
    "FineTune": "client.fine_tuning.jobs.create()",
    "FineTuningJob": "client.fine_tuning.jobs.create() / .list() / .retrieve() / .cancel()",
    "Image": "client.images.generate() / .edit() / .create_variation()",
    "Model": "client.models.list() / .retrieve() / .delete()",
    "Moderation": "client.moderations.create()",
}


def _package() -> str:
    return __name__.split(".", 1)[0]


class APIRemovedInV1(OpenAIError):
    """Raised when code written for the 0.x module API (`openai.ChatCompletion.create`) runs."""

    def __init__(self, *, symbol: str) -> None:
        package = _package()
        instead = REPLACEMENTS.get(
            symbol, "the client's resources (client = OpenAI(); client.<resource>...)"
        )
        super().__init__(
            f"{package}.{symbol} belongs to the module API of openai<1.0, which the 1.x interface "
            f"removed. Build a client (`from {package} import OpenAI; client = OpenAI()`) and use "
            f"{instead} instead; the official migration guide lists every change "
            "(https://github.com/openai/openai-python/discussions/742). Code that must keep the old "
            "interface can pin `openai==0.28`."
        )


class APIRemovedInV1Proxy:
    """Stands for a removed 0.x name: any attribute path below it (`.create`, `.acreate`, `.list`)
    leads back to it, and calling it raises `APIRemovedInV1` naming the symbol."""

    def __init__(self, *, symbol: str) -> None:
        self._symbol = symbol

    def __getattr__(self, name: str) -> APIRemovedInV1Proxy:
        if name.startswith("__"):  # copy/pickle/introspection probes get the usual answer
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        raise APIRemovedInV1(symbol=self._symbol)

    def __repr__(self) -> str:
        return f"<{_package()}.{self._symbol}: removed in openai 1.0; calling it raises APIRemovedInV1>"


def placeholder(symbol: str) -> APIRemovedInV1Proxy:
    """The object `typed_openai.<symbol>` is for a removed 0.x name."""
    return APIRemovedInV1Proxy(symbol=symbol)
