"""`typed_openai.resources.*`: the resource classes at the official SDK's module paths.

Code written for `openai` imports resource classes for annotations and isinstance checks
(`from openai.resources.chat.completions import Completions`). For every resource this client
ships, the class the SDK's client hands out is found in its module (and its package) under the
same name here, and it is the class our client hands out — with its helpers where it has some.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import openai

import typed_openai
from tests.support.sdk_surface import VIEWS, at, is_resource, shipped

# resource path -> why its SDK module path does not exist here
ALLOWED = {
    ("webhooks",): "the SDK's webhooks is a package (resources/webhooks/webhooks.py) for its child "
    "event_types, an API the upstream OpenAPI document lacks; ours is the module resources/webhooks",
}


def _pairs() -> list[tuple[tuple[str, ...], str, object, object]]:
    """(path, view, SDK object, our object) for each shipped resource and its two views."""
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for sdk_client, our_client in (
            (openai.OpenAI(api_key="k"), typed_openai.OpenAI(api_key="k")),
            (openai.AsyncOpenAI(api_key="k"), typed_openai.AsyncOpenAI(api_key="k")),
        ):
            for path, ours in shipped(our_client):
                sdk = at(sdk_client, path)
                if not is_resource(sdk):
                    continue
                found.append((path, "", sdk, ours))
                for view in VIEWS:
                    found.append((path, view, getattr(sdk, view), getattr(ours, view)))
    return found


def test_every_resource_class_is_importable_where_the_sdk_has_it() -> None:
    pairs = _pairs()
    assert len(pairs) > 600  # every shipped resource, sync and async, with both views
    wrong = []
    for path, view, sdk, ours in pairs:
        if path in ALLOWED:
            continue
        sdk_class = type(sdk)
        module = "typed_openai" + sdk_class.__module__.removeprefix("openai")
        package = module.rpartition(".")[0]
        for where in (module, package):
            try:
                found = getattr(importlib.import_module(where), sdk_class.__name__, None)
            except ImportError as exc:
                found = exc
            if found is not type(ours):
                wrong.append(f"{'.'.join(path)} {view}: {where}.{sdk_class.__name__} is {found}")
    assert not wrong, "\n".join(wrong)


def test_allowed_differences_still_differ() -> None:
    from typed_openai.resources import webhooks

    assert not hasattr(webhooks, "__path__")  # still a module: the entry is current
    assert webhooks.Webhooks is type(typed_openai.OpenAI(api_key="k").webhooks)


def test_the_classes_carry_the_helpers() -> None:
    from typed_openai.resources.beta.threads.runs import AsyncRuns, Runs
    from typed_openai.resources.chat.completions import Completions

    assert callable(Completions.parse) and callable(Runs.create_and_poll)
    assert callable(AsyncRuns.create_and_poll)


def test_the_resources_package_loads_nothing_until_used() -> None:
    code = (
        "import sys, typed_openai\n"
        "assert 'typed_openai.resources' not in sys.modules\n"
        "from typed_openai import resources\n"
        "assert not any(m.startswith('typed_openai._generated.resources') for m in sys.modules)\n"
        "assert resources.Chat.__name__ == 'Chat'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
