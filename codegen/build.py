"""Spec + config → ApiIR: the one place that runs every builder and pass, in order."""

from __future__ import annotations

from .client_events import build_websockets
from .config import Config, TypeConfig
from .errors import Diagnostics, GeneratorError, pointer_join
from .ir import ApiIR, ClientIR, ModelDef, TypeDef
from .loader import Loader
from .naming import class_name, identifier, model_attribute, unique
from .operations import OperationBuilder
from .param_names import sdk_param_names, with_former_twin_names, with_renamed_owners
from .passes import Discriminators, build_param_twins
from .schemas import SchemaBuilder
from .sdk_aliases import sdk_aliases
from .sdk_class_names import sdk_class_names
from .sdk_unions import sdk_union_aliases
from .spec_view import OpenAPI, SecurityScheme
from .tree import build_tree, params_module, plan


def build_api(loader: Loader, config: Config, diags: Diagnostics) -> ApiIR:
    schemas = SchemaBuilder(loader, config, diags)
    schemas.register_components()
    placements = plan(loader, config, diags)
    spec = OpenAPI(loader.main.root)

    def names_for(op_id: str, suffix: str) -> tuple[str, str]:
        place = placements[op_id]
        return params_module(place.resource_path, place.method_name, suffix)

    op_builder = OperationBuilder(loader, schemas, diags, names_for, placements)
    read = op_builder.read()  # registers the inline types the operations name
    schemas.build_all()
    _check_all_built(schemas)
    # each IR object is complete when made, and never changes: the operations are made once
    # every type they mention is built and its unions decided
    types = Discriminators(schemas.defs)
    defs = types.defs
    ops = op_builder.build(read, types)
    root = build_tree(ops, config, placements, config.client.sync_class)
    # a per-place copy from the facts (its key: the copied schema's, `@`, its `module:Name`)
    copies = {
        key: key.rpartition("@")[0]
        for key, d in defs.items()
        if "@" in key and ":" in (d.schema_name or "")
    }
    params = build_param_twins(
        defs,
        ops,
        schemas.claim_twin,
        schemas.param_overrides,
        schemas.stand_ins,
        configured={key for key, d in defs.items() if _entry_of(config, d) is not None},
        copies=copies,
        sdk_modules=config.sdk_names,
    )
    # (a twin the config names, `param: {name:}`, keeps that name)
    named_twins = {key for key, d in defs.items() if (e := _entry_of(config, d)) and e.param_name}
    params, former_twins = sdk_param_names(
        params, config.sdk_class_names, schemas.names, named_twins, config.sdk_names
    )
    defs, params = sdk_union_aliases(
        with_renamed_owners(config.sdk_unions, former_twins),
        defs,
        params,
        ops,
        schemas.names,
        set(config.sdk_names),
        config.sdk_class_names,
    )
    defs, second_names, document_names = sdk_class_names(
        config.sdk_class_names, defs, config.sdk_names, schemas.names
    )
    second_names = with_former_twin_names(second_names, former_twins)
    # (a package re-exports a renamed twin under its former name, as a renamed class)
    for module, names in former_twins.items():
        for former, (_module, name) in names.items():
            document_names.setdefault(module, {})[name] = former
    defs, params = sdk_aliases(
        config.aliases, defs, params, ops, schemas.names, set(config.sdk_names)
    )
    return ApiIR(
        title=spec.title,
        package=config.package,
        defs=defs,
        params=params,
        operations=tuple(ops),
        root=root,
        client=_client_ir(config, spec, diags),
        schema_count=len(schemas.component_keys),
        public_extras=config.public_extras,
        sdk_names=second_names,
        document_names=document_names,
        sdk_fact_names=config.sdk_fact_names,
        sdk_param_aliases=config.sdk_param_aliases,
        packages=config.packages,
        model_mixins={
            key: mixin
            for key, d in defs.items()
            if d.schema_name is not None
            and (mixin := getattr(config.types.get(d.schema_name), "mixin", None))
        },
        model_computed={
            key: computed
            for key, d in defs.items()
            if d.schema_name is not None
            and (computed := getattr(config.types.get(d.schema_name), "computed", ()))
        },
        model_optional=_model_optional(config, defs),
        param_optional=_param_optional(config, defs, copies),
        model_attributes=_model_attributes(config, defs),
        websockets=build_websockets(config.websockets, defs),
    )


def _entry_of(config: Config, d: TypeDef) -> TypeConfig | None:
    """The `types:` entry of a named type: by its schema (or copy) name, or, for an inline
    object, by its JSON pointer."""
    return config.types.get(d.schema_name if d.schema_name is not None else d.pointer)


def _model_optional(
    config: Config, defs: dict[str, TypeDef], param: bool = False
) -> dict[str, tuple[str, ...]]:
    """Config `optional:` (with ``param``: `param: {optional:}`) by model key; a name that is not
    a property of the model is a config error (a typo would otherwise change nothing, silently)."""
    found: dict[str, tuple[str, ...]] = {}
    for key, d in defs.items():
        entry = _entry_of(config, d)
        optional = (entry.param_optional if param else entry.optional) if entry else ()
        if not optional:
            continue
        where = f"/types/{d.schema_name}/{'param/' if param else ''}optional"
        if not isinstance(d, ModelDef):
            raise GeneratorError("config-invalid", where, "only a model has properties")
        unknown = sorted(set(optional) - {f.wire for f in d.fields})
        if unknown:
            raise GeneratorError(
                "config-invalid", where, f"not a property of {d.name}: {', '.join(unknown)}"
            )
        found[key] = optional
    return found


def _param_optional(
    config: Config, defs: dict[str, TypeDef], copies: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """Config `param: {optional:}` by model key; a per-place copy's request side sends what the
    request side of what it copies sends, so it takes that `optional:` unless it has its own."""
    found = _model_optional(config, defs, param=True)
    for key, source in copies.items():
        if key not in found and source in found:
            found[key] = found[source]
    return found


def _model_attributes(config: Config, defs: dict[str, TypeDef]) -> dict[str, dict[str, str]]:
    """Each model's fields whose attribute is not their plain name: the config's `field_names:`,
    else `model_attribute`'s rule. A configured property the model lacks, or an attribute another
    field of the model has, is a config error; a name the rule makes that another field has is
    told apart with underscores, as field names are."""
    found: dict[str, dict[str, str]] = {}
    configured: set[str] = set()
    for key, d in defs.items():
        entry = _entry_of(config, d)
        chosen = entry.field_names if entry is not None else {}
        where = f"/types/{d.schema_name or d.pointer}/field_names"
        if chosen:
            configured.add(d.schema_name or d.pointer)
            if not isinstance(d, ModelDef):
                raise GeneratorError("config-invalid", where, "only a model has properties")
            unknown = sorted(set(chosen) - {f.wire for f in d.fields})
            if unknown:
                raise GeneratorError(
                    "config-invalid", where, f"not a property of {d.name}: {', '.join(unknown)}"
                )
        if not isinstance(d, ModelDef):
            continue
        others = {f.name for f in d.fields if f.wire not in chosen}
        for wire, attribute in chosen.items():
            if attribute in others or list(chosen.values()).count(attribute) > 1:
                raise GeneratorError(
                    "config-invalid",
                    pointer_join(where, wire),
                    f"{d.name} already has a field named {attribute!r}",
                )
        renamed: dict[str, str] = {}
        taken = others | set(chosen.values())
        for f in d.fields:
            if f.wire in chosen:
                renamed[f.wire] = chosen[f.wire]
            elif (attribute := model_attribute(f.wire)) is not None:
                renamed[f.wire] = unique(attribute, taken)
        if renamed:
            found[key] = renamed
    unused = sorted(
        k for k, entry in config.types.items() if entry.field_names and k not in configured
    )
    if unused:
        raise GeneratorError(
            "config-invalid", f"/types/{unused[0]}/field_names", "names no model of the document"
        )
    return found


def _check_all_built(schemas: SchemaBuilder) -> None:
    """`build_all` ran once, above; a type registered after it would stay a placeholder."""
    left = schemas.unbuilt()
    if left:
        raise GeneratorError(
            "internal-error", left[0], "a type was registered after the types were built"
        )
    unapplied = schemas.unapplied_uses()
    if unapplied:
        raise GeneratorError(
            "config-invalid",
            f"/types/{unapplied[0]}/use",
            "no schema of the document is at this place (or has this name)",
        )
    unread = schemas.unread_discriminators()
    if unread:
        raise GeneratorError(
            "config-invalid", f"/discriminators{unread[0]}", "no union of the document is here"
        )


def _client_ir(config: Config, spec: OpenAPI, diags: Diagnostics) -> ClientIR:
    c = config.client
    base_url = c.base_url if c.base_url is not None else spec.server_url
    api_key_header = c.api_key.header if c.api_key else None
    api_key_format = c.api_key.format if c.api_key else "{api_key}"
    api_key_env = c.api_key.env if c.api_key else None
    options = [(o.name, o.env, o.header, o.type) for o in c.options]
    auth: list[tuple[str, str, tuple[str, ...], str | None]] = []
    security = None
    if c.api_key is None or c.auth:
        # the spec's own security schemes, each with its credential options (named, and read
        # from the environment variables, the config's `auth:` gives)
        env_prefix = config.package.upper() + "_"
        taken = {o[0] for o in options} | {"base_url", "timeout", "max_retries", "http_client"}
        auth, credentials = _auth_schemes(
            _usable_schemes(spec.components.security_schemes, diags),
            taken,
            {k: v.option for k, v in c.auth.items()},
        )
        envs = {v.option: v.env for v in c.auth.values() if v.env}
        for name, annotation in credentials:
            env = envs.get(name, env_prefix + name.upper())
            if name == "api_key":
                api_key_env = api_key_env or envs.get(name, env_prefix + "API_KEY")
            else:
                options.append((name, env, None, annotation))
        requirements = spec.security
        if requirements is not None:
            security = tuple(tuple(r) for r in requirements)
    named_base_urls = None
    if c.named_base_urls is not None:
        n = c.named_base_urls
        named_base_urls = (n.option, n.type, n.urls, n.excludes)
        options.append((n.option, None, None, n.type))
    return ClientIR(
        sync_class=class_name(c.sync_class),
        async_class=class_name(c.async_class),
        base_url=base_url,
        base_url_env=c.base_url_env,
        log_env=c.log_env,
        log_name=c.log_name,
        api_key_env=api_key_env,
        api_key_header=api_key_header,
        api_key_format=api_key_format,
        options=options,
        user_agent=c.user_agent,
        headers_env=c.headers_env,
        query_array_format=c.query_array_format,
        idempotency_keys=c.idempotency_keys,
        auth=auth,
        security=security,
        class_argument_hints=c.class_argument_hints,
        named_base_urls=named_base_urls,
    )


def _usable_schemes(
    schemes: dict[str, SecurityScheme], diags: Diagnostics
) -> dict[str, SecurityScheme]:
    """The schemes a client can place a credential for. An `apiKey` scheme without a `name`, or
    with an `in` other than `header`/`query`/`cookie`, is left out with a warning at its pointer:
    every operation is still generated, and one that requires it sends no credential for it (the
    server's 401 names the problem), as a client without that credential would."""
    usable: dict[str, SecurityScheme] = {}
    for name, scheme in schemes.items():
        ptr = pointer_join("/components/securitySchemes", name)
        if scheme.type == "apiKey" and scheme.name is None:
            diags.warn(
                "security-scheme-invalid",
                ptr,
                "an apiKey security scheme needs a `name` (the header, query parameter or cookie "
                "it is sent in); the scheme is ignored",
            )
            continue
        if scheme.type == "apiKey" and scheme.location not in ("header", "query", "cookie"):
            where = "has no `in`" if scheme.location is None else f"has `in: {scheme.location}`"
            diags.warn(
                "security-scheme-location",
                pointer_join(ptr, "in"),
                f"an apiKey security scheme is sent in a `header`, `query` or `cookie`, but this "
                f"one {where}; the scheme is ignored",
            )
            continue
        usable[name] = scheme
    return usable


def _auth_schemes(
    schemes: dict[str, SecurityScheme], taken: set[str], named: dict[str, str] | None = None
) -> tuple[list[tuple[str, str, tuple[str, ...], str | None]], list[tuple[str, str]]]:
    """Security schemes → (name, kind, credential options, param), and the options they need
    with their annotations.

    The first API key or bearer token is `api_key` (the usual client argument); OAuth2 and OpenID
    Connect take an `access_token`; HTTP basic takes `username` and `password`; further schemes
    are named after themselves, unless `named` (scheme name -> option, from the config) names
    their option. Each is a string, or a function the client asks for it before every request
    (the client template types them so)."""
    auth: list[tuple[str, str, tuple[str, ...], str | None]] = []
    credentials: list[tuple[str, str]] = []
    used: set[str] = set()

    def claim(preferred: str, scheme_name: str, annotation: str) -> str:
        preferred = (named or {}).get(scheme_name, preferred)
        for name in (preferred, identifier(scheme_name)):
            if name not in used and (name == "api_key" or name not in taken):
                break
        else:
            name = unique(identifier(scheme_name) + "_credential", used | taken)
        used.add(name)
        credentials.append((name, annotation))
        return name

    for name, scheme in schemes.items():
        kind = scheme.type
        if kind == "http" and scheme.scheme == "basic":
            if "username" in used:
                continue  # one pair of basic credentials per client
            pair = (claim("username", "username", "str"), claim("password", "password", "str"))
            auth.append((name, "basic", pair, None))
        elif kind == "http":
            auth.append((name, "bearer", (claim("api_key", name, "str"),), None))
        elif kind in ("oauth2", "openIdConnect"):
            auth.append((name, "bearer", (claim("access_token", name, "str"),), None))
        elif kind == "apiKey":
            option = claim("api_key", name, "str")
            auth.append((name, str(scheme.location), (option,), scheme.name))
    return auth, credentials


__all__ = ["build_api"]
