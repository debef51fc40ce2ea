"""The official SDK's request-side classes that stand for a TypedDict defined elsewhere here.

The SDK defines a request-side class in each module that sends one (`webhook_list_params`'s
`WebhookListParams`, `responses_client_event_param`'s `ResponseCreateStreamOptions`), where we
define the shape once and the facts (config `sdk_names:`) give it a second name at the SDK's path.
A second name bound to the shared TypedDict shows that one's `__name__` (`BatchListParams`) in
type checkers' messages and to code reading it. In a request-side module, each such name of the
SDK is instead a TypedDict of its own deriving from the shared one (the same keys, the SDK's
`__name__` and module): TypedDicts compare by their keys, so either is accepted where the other
is. A name the SDK binds to a class of another `__name__` (the facts `sdk_param_aliases:`:
`ChatCompletionToolParam = ChatCompletionFunctionToolParam`) is a second name here too: bound to
this module's class of that `__name__` where the SDK's is one of it
(`ContextManagement = ResponseCreateContextManagement`), else to the shared TypedDict. A class deriving from a type whose
module imports this one is declared for type checkers and made on first use (the module's
`__getattr__`, as such a module's second names load); the facts tool matches SDK names with the
class one derives from (tools/sdk_names/shapes.py `standing_for`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

Target = tuple[str, str]  # (types module, name)


def is_request_module(module: str) -> bool:
    return module.rpartition(".")[2].endswith(("_param", "_params"))


@dataclass
class RequestClasses:
    # SDK name -> the TypedDict it derives from
    classes: dict[str, Target] = field(default_factory=dict)
    # SDK name -> the class (of `classes`) it is bound to
    bound: dict[str, str] = field(default_factory=dict)


def request_classes(
    module: str,
    second_names: Mapping[str, Target],
    sdk_names: Collection[str],
    typeddicts: Collection[Target],
    sdk_aliases: Mapping[str, str] | None = None,
) -> RequestClasses:
    """Which of a public module's second names are classes of their own here.

    ``sdk_names``: the module's names from the facts (others are ours: a renamed type's former
    name stays an alias); ``typeddicts``: the request-side TypedDicts by where they are defined;
    ``sdk_aliases``: the SDK's names here bound to a class of another `__name__` (that name)."""
    aliases = sdk_aliases or {}
    found = RequestClasses()
    if not is_request_module(module):
        return found
    for name, target in sorted(second_names.items()):
        # (a name the same as its type's is that type, imported as the SDK imports it)
        if name in sdk_names and name not in aliases and name != target[1] and target in typeddicts:
            found.classes[name] = target
    for name, theirs in sorted(aliases.items()):
        if name in second_names and theirs in found.classes:
            found.bound[name] = theirs
    return found
