"""The request-side (`…Param`) name of a model the official SDK names otherwise.

A model's TypedDict twin is named after the model's document name (`RealtimeMCPToolCall` ->
`RealtimeMCPToolCallParam`). Where the class-name facts (config `sdk_class_names:`) define the
model under the SDK's name (`RealtimeMcpToolCall`), the SDK's request-side class is named after
that name too, as its request-side classes always are: the name plus `Param` for the class its
module is named after (`realtime_mcp_tool_call_param.RealtimeMcpToolCallParam`), the name itself
for one nested in another's module (`response_input_item_param.CompactionTrigger`). The class's
module is the SDK's: the facts (config `sdk_names:`) may bind the model at a module named after
the SDK's name (`realtime.realtime_conversation_item_user_message`) where ours is named after the
document's (`realtime_conversation_item_message_user`); the SDK's request side is then
`realtime_conversation_item_user_message_param.RealtimeConversationItemUserMessageParam`. The twin is
defined under that name; its former name stays bound to it in its module, as a second name, so
every import of it keeps working. A twin the config names (`param: {name:}`) keeps its name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from .config import SdkNames, SdkUnions
from .ir import ModelDef, ParamDef
from .naming import class_name, copy_twin_name, module_name

# public module -> {second name: (types module, name)}
SecondNames = dict[str, dict[str, tuple[str, str]]]


def sdk_param_names(
    params: dict[str, ParamDef],
    class_names: dict[str, dict[str, str]],
    taken: dict[str, set[str]],
    configured: Collection[str],
    sdk_modules: SdkNames | None = None,
) -> tuple[dict[str, ParamDef], SecondNames]:
    """`params` with the twin of each model the class-name facts rename named after the SDK's
    class name (new dict), and twin module -> {former name: (twin module, new name)}.

    ``taken``: every name each module defines (a new name must be free there; it is claimed);
    ``configured``: the keys of twins the config names; ``sdk_modules``: the facts' second
    names by SDK module (where the SDK defines each model)."""
    homes = _sdk_homes(sdk_modules or {})
    renamed: dict[int, ParamDef] = {}
    formers: SecondNames = {}
    for key, twin in sorted(params.items()):
        source = twin.source
        if key != twin.key or key in configured or "@" in key or not isinstance(source, ModelDef):
            continue  # (a shared twin under its owner's key; a copy is named by its own class)
        sdk_name = class_names.get(source.module, {}).get(source.name)
        if sdk_name is None:
            continue
        at_home = module_name(sdk_name) in homes.get((source.module, source.name), ())
        name = (
            class_name(sdk_name + "Param") if at_home else copy_twin_name(sdk_name, source.module)
        )
        names = taken.setdefault(twin.module, set())
        if name == twin.name or name in names or name in class_names.get(twin.module, {}).values():
            continue  # another type of the module has it (or will): the twin keeps its own
        names.add(name)
        renamed[id(twin)] = replace(twin, name=name)
        formers.setdefault(twin.module, {})[twin.name] = (twin.module, name)
    out = {key: renamed.get(id(twin), twin) for key, twin in params.items()}
    return out, formers


def _sdk_homes(sdk_modules: SdkNames) -> dict[tuple[str, str], set[str]]:
    """(our module, name) -> the last parts of the SDK modules the facts bind it at."""
    homes: dict[tuple[str, str], set[str]] = {}
    for public, names in sdk_modules.items():
        for target in names.values():
            homes.setdefault(target, set()).add(public.rpartition(".")[2])
    return homes


def with_former_twin_names(seconds: SecondNames, formers: SecondNames) -> SecondNames:
    """The second names with each renamed twin's former name added, and those standing for a
    former name pointed at the new one (new dicts)."""
    moved = {(module, old): new for module, names in formers.items() for old, new in names.items()}
    out: SecondNames = {}
    for public, names in seconds.items():
        out[public] = {}
        for second, target in names.items():
            target = moved.get(target, target)
            if target != (public, second):  # (the twin itself now)
                out[public][second] = target
    for module, names in formers.items():
        out.setdefault(module, {}).update(names)
    return out


def with_renamed_owners(unions: SdkUnions, formers: SecondNames) -> SdkUnions:
    """The facts' unions named by a field (`module:Owner.field`) with a renamed twin as their
    owner named by its new name (new dicts): the facts may name either."""
    out: SdkUnions = {}
    for public, names in unions.items():
        out[public] = {}
        for name, (module, owner, path) in names.items():
            _module, owner = formers.get(module, {}).get(owner, (module, owner))
            out[public][name] = (module, owner, path)
    return out
