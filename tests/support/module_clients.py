"""Module-level clients of both packages (``typed_openai.models.list()`` / ``openai.models.list()``)
as a test found them.

``module_clients_as_found()`` wraps a test that drives the module clients: on entering, each
package forgets its module client (closing nothing), so the test builds its own from the settings
it sets; on leaving, the clients the test built are closed and the ones found are put back.

Nothing built before the test is closed: the official package's module clients share one HTTP
client, which the first one built stores in its ``http_client`` setting and every later one
reuses, so closing a module client found there would close that shared HTTP client for every
test after (their calls fail with "client has been closed", in whichever order the tests run).
The fixture restoring the settings (``http_client`` among them) runs around this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def module_clients_as_found() -> Iterator[None]:
    import openai

    from typed_openai import _module_client as ours

    found_sdk: Any = openai._client  # pyright: ignore[reportPrivateUsage]
    found_http = openai.http_client
    found_ours = (ours._client, ours._built_from)  # pyright: ignore[reportPrivateUsage]
    openai._reset_client()  # pyright: ignore[reportPrivateUsage]
    openai.http_client = None  # the test's module clients get an HTTP client of their own
    ours.reset_client()
    try:
        yield
    finally:
        built: Any = openai._client  # pyright: ignore[reportPrivateUsage]
        if built is not None and built is not found_sdk and openai.http_client is not found_http:
            built.close()
        openai._client = found_sdk  # pyright: ignore[reportPrivateUsage]
        openai.http_client = found_http
        ours.close_client()
        ours._client, ours._built_from = found_ours  # pyright: ignore[reportPrivateUsage]


@contextmanager
def module_settings_as_found() -> Iterator[None]:
    """Both packages' module settings (``api_key``, ``base_url``, ``api_type``, ...) at their
    import-time values with no environment, and no module client: a program sets what it uses and
    builds its module client from that. On leaving, every setting is put back as found (as are the
    module clients, see `module_clients_as_found`)."""
    import openai

    import typed_openai
    from typed_openai import _module_client as ours

    names = (*ours.SETTINGS, *ours.AZURE_SETTINGS)
    packages: list[Any] = [typed_openai, openai]
    found = [{name: getattr(package, name, None) for name in names} for package in packages]
    try:
        with module_clients_as_found():
            for package in packages:
                defaults = {
                    "timeout": package.DEFAULT_TIMEOUT,
                    "max_retries": package.DEFAULT_MAX_RETRIES,
                }
                for name in names:
                    setattr(package, name, defaults.get(name))
            yield
    finally:  # after the clients built are closed (which reads the http_client they set)
        for package, values in zip(packages, found, strict=True):
            for name, value in values.items():
                setattr(package, name, value)
