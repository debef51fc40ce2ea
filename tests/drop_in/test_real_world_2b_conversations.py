"""Real-world sweep 2B, conversations and evaluations as scripts written for the official SDK use
them: a support bot that keeps its state in a Conversation (created with items, fed to
``responses.create(conversation=...)``, its items listed with ``include``/``order`` and walked
page by page, one retrieved and one deleted), an exporter dumping a whole conversation to JSON,
an eval suite built from graders of every kind with runs and failing output items pulled for
review, a grader checked with ``fine_tuning.alpha.graders.validate`` then ``run`` on samples, and
a checkpoint shared with projects and its permissions audited — each run unchanged against both
packages over the loopback server (requests and observations compared, see real_world_d).
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from tests.support.server import Reply, ScriptedServer

from .programs import registry
from .real_world_d import async_observed_the_same, observed_the_same
from .test_real_world_apps import output_message, response_object

PROGRAMS, ASYNC_PROGRAMS, program, async_program = registry()


def outcome(code: Any) -> Any:
    try:
        return ("ok", code())
    except Exception as error:  # what a script's author logs
        return ("raised", type(error).__name__, str(error))


def page(*items: Any, has_more: bool = False, **extra: Any) -> Any:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
        **extra,
    }


# --- conversations ---------------------------------------------------------------------------


def conversation(conv_id: str = "conv_1", **metadata: str) -> Any:
    return {
        "id": conv_id,
        "object": "conversation",
        "created_at": 1733000000,
        "metadata": metadata or {"topic": "billing"},
    }


def user_item(item_id: str, text: str) -> Any:
    return {
        "id": item_id,
        "type": "message",
        "status": "completed",
        "role": "user",
        "content": [{"type": "input_text", "text": text}],
    }


def assistant_item(item_id: str, text: str, **extra: Any) -> Any:
    item = output_message(text, item_id)
    item["content"][0].update(extra)
    return item


def web_search_item(item_id: str) -> Any:
    return {
        "id": item_id,
        "type": "web_search_call",
        "status": "completed",
        "action": {
            "type": "search",
            "query": "refund policy",
            "sources": [{"type": "url", "url": "https://example.com/refunds"}],
        },
    }


def function_call_item(item_id: str, call_id: str) -> Any:
    return {
        "id": item_id,
        "type": "function_call",
        "status": "completed",
        "call_id": call_id,
        "name": "lookup_invoice",
        "arguments": '{"invoice": "INV-7"}',
    }


def function_output_item(item_id: str, call_id: str) -> Any:
    return {
        "id": item_id,
        "type": "function_call_output",
        "status": "completed",
        "call_id": call_id,
        "output": '{"amount": 42}',
    }


@program
def support_bot_keeps_state_in_a_conversation(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/conversations", Reply.json(conversation()))
    server.route(
        "POST",
        "/v1/responses",
        Reply.json(
            response_object(
                [output_message("Your refund is on its way.", "msg_a")],
                conversation={"id": "conv_1"},
            )
        ),
        Reply.json(
            response_object(
                [output_message("Anything else?", "msg_b")], conversation={"id": "conv_1"}
            )
        ),
    )
    conv = client.conversations.create(
        metadata={"topic": "billing"},
        items=[
            {"type": "message", "role": "system", "content": "You are a billing assistant."},
            {"type": "message", "role": "user", "content": "Where is my refund?"},
        ],
    )
    first = client.responses.create(model="gpt-4.1", conversation=conv.id, input="Order 7")
    second = client.responses.create(
        model="gpt-4.1",
        conversation={"id": conv.id},
        input=[{"role": "user", "content": [{"type": "input_text", "text": "Thanks"}]}],
        store=True,
    )
    return (
        conv.id,
        conv.metadata,
        type(conv).__name__,
        first.output_text,
        second.output_text,
        first.conversation.id if first.conversation else None,
        type(first.conversation).__name__,
    )


@program
def conversation_items_listed_with_include_and_order(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/conversations/conv_1/items",
        Reply.json(
            page(
                user_item("msg_u1", "Where is my refund?"),
                web_search_item("ws_1"),
                function_call_item("fc_1", "call_1"),
                has_more=True,
            )
        ),
        Reply.json(
            page(
                function_output_item("fco_1", "call_1"),
                assistant_item(
                    "msg_a1",
                    "Refunds take 5 days.",
                    logprobs=[{"token": "Ref", "logprob": -0.1, "bytes": [82], "top_logprobs": []}],
                ),
            )
        ),
    )
    items = client.conversations.items.list(
        "conv_1",
        include=["message.output_text.logprobs", "web_search_call.action.sources"],
        order="asc",
        limit=3,
    )
    seen = []
    for item in items:
        kind = item.type
        if kind == "message":
            seen.append((kind, item.role, [part.type for part in item.content]))
        elif kind == "web_search_call":
            seen.append((kind, item.action.type, [s.url for s in item.action.sources or []]))
        elif kind == "function_call":
            seen.append((kind, item.name, json.loads(item.arguments)))
        else:
            seen.append((kind, type(item).__name__, item.model_dump(exclude_none=True)))
    first_page = client.conversations.items.list("conv_1", order="asc", limit=3)
    return (
        seen,
        type(first_page).__name__.split("[")[0],  # the item union: see test_pages_as_models
        first_page.has_more,
        first_page.last_id,
        first_page.has_next_page(),
        [type(i).__name__ for i in first_page.data],
    )


@program
def conversation_items_added_retrieved_and_deleted(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "POST",
        "/v1/conversations/conv_1/items",
        Reply.json(
            {
                "object": "list",
                "data": [user_item("msg_u2", "And my invoice?"), function_call_item("fc_2", "c2")],
                "first_id": "msg_u2",
                "last_id": "fc_2",
                "has_more": False,
            }
        ),
    )
    server.route(
        "GET",
        "/v1/conversations/conv_1/items/msg_u2",
        Reply.json(user_item("msg_u2", "And my invoice?")),
    )
    server.route(
        "DELETE",
        "/v1/conversations/conv_1/items/msg_u2",
        Reply.json(conversation(topic="billing", state="trimmed")),
    )
    server.route(
        "POST", "/v1/conversations/conv_1", Reply.json(conversation(topic="billing", done="yes"))
    )
    server.route(
        "DELETE",
        "/v1/conversations/conv_1",
        Reply.json({"id": "conv_1", "object": "conversation.deleted", "deleted": True}),
    )
    added = client.conversations.items.create(
        "conv_1",
        items=[
            {"type": "message", "role": "user", "content": "And my invoice?"},
            {
                "type": "function_call",
                "call_id": "c2",
                "name": "lookup_invoice",
                "arguments": "{}",
            },
        ],
        include=["message.input_image.image_url"],
    )
    one = client.conversations.items.retrieve("msg_u2", conversation_id="conv_1")
    after_delete = client.conversations.items.delete("msg_u2", conversation_id="conv_1")
    updated = client.conversations.update("conv_1", metadata={"topic": "billing", "done": "yes"})
    deleted = client.conversations.delete("conv_1")
    return (
        type(added).__name__,
        [i.id for i in added.data],
        added.has_more,
        added.first_id,
        one.content[0].text,
        type(one).__name__,
        type(after_delete).__name__,
        after_delete.metadata,
        updated.metadata,
        (deleted.id, deleted.deleted, deleted.object, type(deleted).__name__),
    )


@program
def conversation_exported_to_json(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("GET", "/v1/conversations/conv_9", Reply.json(conversation("conv_9")))
    server.route(
        "GET",
        "/v1/conversations/conv_9/items",
        Reply.json(
            page(
                user_item("msg_1", "Summarise this"),
                {
                    "id": "rs_1",
                    "type": "reasoning",
                    "summary": [{"type": "summary_text", "text": "Thinking"}],
                    "encrypted_content": None,
                },
                assistant_item("msg_2", "Done."),
                {
                    "id": "ig_1",
                    "type": "image_generation_call",
                    "status": "completed",
                    "result": "aGVsbG8=",
                },
                {"id": "x_1", "type": "a_kind_added_later", "payload": {"n": 1}},
            )
        ),
    )
    conv = client.conversations.retrieve("conv_9")
    items = list(client.conversations.items.list(conv.id, limit=100))
    export = {
        "conversation": conv.model_dump(mode="json"),
        "items": [item.model_dump(mode="json", exclude_unset=True) for item in items],
    }
    return (
        json.loads(json.dumps(export)),
        [item.to_dict()["type"] for item in items],
        conv.to_json(indent=None),
    )


# --- evals -------------------------------------------------------------------------------------


GRADERS: list[Any] = [
    {
        "type": "string_check",
        "name": "exact",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "operation": "eq",
    },
    {
        "type": "text_similarity",
        "name": "close",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "evaluation_metric": "fuzzy_match",
        "pass_threshold": 0.8,
    },
    {
        "type": "label_model",
        "name": "tone",
        "model": "gpt-4o-mini",
        "input": [
            {"role": "developer", "content": "Label the tone."},
            {"role": "user", "content": "{{sample.output_text}}"},
        ],
        "labels": ["polite", "rude"],
        "passing_labels": ["polite"],
    },
    {
        "type": "score_model",
        "name": "quality",
        "model": "o4-mini",
        "input": [{"role": "user", "content": "Score 1-10: {{sample.output_text}}"}],
        "range": [1, 10],
        "pass_threshold": 7,
        "sampling_params": {"seed": 1, "temperature": 0.0, "reasoning_effort": "low"},
    },
    {
        "type": "python",
        "name": "length",
        "source": "def grade(sample, item):\n    return 1.0 if len(sample['output_text']) < 80 else 0.0\n",
        "pass_threshold": 0.5,
    },
]


def eval_object(**extra: Any) -> Any:
    criteria = []
    for grader in GRADERS:
        shown = dict(grader)
        if grader["type"] == "label_model":
            shown["input"] = [
                {"role": m["role"], "content": m["content"], "type": "message"}
                for m in grader["input"]
            ]
        criteria.append(shown)
    body = {
        "id": "eval_1",
        "object": "eval",
        "name": "support answers",
        "created_at": 1733000000,
        "metadata": {"team": "support"},
        "data_source_config": {
            "type": "custom",
            "schema": {
                "type": "object",
                "properties": {
                    "item": {
                        "type": "object",
                        "properties": {"question": {"type": "string"}},
                    },
                    "sample": {"type": "object"},
                },
            },
        },
        "testing_criteria": criteria,
    }
    body.update(extra)
    return body


def eval_run(status: str, **extra: Any) -> Any:
    body = {
        "id": "evalrun_1",
        "object": "eval.run",
        "eval_id": "eval_1",
        "name": "nightly",
        "status": status,
        "created_at": 1733000000,
        "model": "gpt-4.1-mini",
        "metadata": {},
        "report_url": "https://platform.openai.com/evals/eval_1/runs/evalrun_1",
        "error": None,
        "data_source": {
            "type": "completions",
            "source": {"type": "file_id", "id": "file-qa"},
            "input_messages": {
                "type": "template",
                "template": [{"role": "user", "content": "{{item.question}}"}],
            },
            "model": "gpt-4.1-mini",
            "sampling_params": {"temperature": 0.2, "max_completion_tokens": 200},
        },
        "result_counts": {"total": 3, "passed": 2, "failed": 1, "errored": 0},
        "per_model_usage": [
            {
                "model_name": "gpt-4.1-mini",
                "invocation_count": 3,
                "prompt_tokens": 30,
                "completion_tokens": 20,
                "total_tokens": 50,
                "cached_tokens": 0,
            }
        ],
        "per_testing_criteria_results": [
            {"testing_criteria": "exact", "passed": 2, "failed": 1},
            {"testing_criteria": "tone", "passed": 3, "failed": 0},
        ],
    }
    body.update(extra)
    return body


def output_item(item_id: str, status: str, score: float) -> Any:
    return {
        "id": item_id,
        "object": "eval.run.output_item",
        "created_at": 1733000000,
        "eval_id": "eval_1",
        "run_id": "evalrun_1",
        "status": status,
        "datasource_item_id": 3,
        "datasource_item": {"question": "What is 2+2?", "answer": "4"},
        "results": [
            {
                "name": "exact",
                "passed": status == "pass",
                "score": score,
                "sample": None,
                "type": "string_check",
            }
        ],
        "sample": {
            "input": [{"role": "user", "content": "What is 2+2?"}],
            "output": [{"role": "assistant", "content": "five"}],
            "finish_reason": "stop",
            "model": "gpt-4.1-mini",
            "usage": {
                "prompt_tokens": 10,
                "completion_tokens": 1,
                "total_tokens": 11,
                "cached_tokens": 0,
            },
            "error": {"code": None, "message": None},
            "temperature": 0.2,
            "max_completion_tokens": 200,
            "top_p": 1.0,
            "seed": 1,
        },
    }


@program
def eval_suite_with_every_grader_kind(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route("POST", "/v1/evals", Reply.json(eval_object()))
    server.route("POST", "/v1/evals/eval_1/runs", Reply.json(eval_run("queued")))
    server.route(
        "GET",
        "/v1/evals/eval_1/runs/evalrun_1",
        Reply.json(eval_run("in_progress")),
        Reply.json(eval_run("completed")),
    )
    created = client.evals.create(
        name="support answers",
        metadata={"team": "support"},
        data_source_config={
            "type": "custom",
            "item_schema": {"type": "object", "properties": {"question": {"type": "string"}}},
            "include_sample_schema": True,
        },
        testing_criteria=GRADERS,
    )
    run = client.evals.runs.create(
        created.id,
        name="nightly",
        data_source={
            "type": "completions",
            "source": {"type": "file_id", "id": "file-qa"},
            "input_messages": {
                "type": "template",
                "template": [{"role": "user", "content": "{{item.question}}"}],
            },
            "model": "gpt-4.1-mini",
            "sampling_params": {"temperature": 0.2, "max_completion_tokens": 200},
        },
    )
    statuses = [run.status]
    while run.status not in ("completed", "failed", "canceled"):
        run = client.evals.runs.retrieve(run.id, eval_id=created.id)
        statuses.append(run.status)
    return (
        [(c.type, c.name, type(c).__name__) for c in created.testing_criteria],
        type(created.data_source_config).__name__,
        created.data_source_config.schema_["type"],
        statuses,
        run.result_counts.model_dump(),
        [(r.testing_criteria, r.passed) for r in run.per_testing_criteria_results or []],
        type(run.data_source).__name__,
        run.data_source.input_messages.template[0].content,
        run.per_model_usage[0].total_tokens if run.per_model_usage else None,
        run.report_url,
    )


@program
def failing_output_items_pulled_for_review(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.route(
        "GET",
        "/v1/evals/eval_1/runs/evalrun_1/output_items",
        Reply.json(
            page(output_item("outitem_1", "fail", 0.0), output_item("outitem_2", "fail", 0.1))
        ),
    )
    server.route(
        "GET",
        "/v1/evals/eval_1/runs/evalrun_1/output_items/outitem_1",
        Reply.json(output_item("outitem_1", "fail", 0.0)),
    )
    server.route(
        "GET",
        "/v1/evals/eval_1/runs",
        Reply.json(page(eval_run("completed"), eval_run("failed", id="evalrun_0"))),
    )
    server.route(
        "DELETE",
        "/v1/evals/eval_1/runs/evalrun_0",
        Reply.json({"object": "eval.run.deleted", "deleted": True, "run_id": "evalrun_0"}),
    )
    report = []
    for item in client.evals.runs.output_items.list(
        "evalrun_1", eval_id="eval_1", status="fail", order="desc", limit=20
    ):
        report.append(
            (
                item.id,
                item.datasource_item["question"],
                item.sample.output[0].content,
                [(r.name, r.passed, r.score) for r in item.results],
                item.sample.usage.total_tokens,
            )
        )
    one = client.evals.runs.output_items.retrieve("outitem_1", eval_id="eval_1", run_id="evalrun_1")
    runs = [(r.id, r.status) for r in client.evals.runs.list("eval_1", status="completed")]
    # (runs.cancel posts elsewhere than the SDK: pinned in test_runtime_wire_all)
    dropped = client.evals.runs.delete("evalrun_0", eval_id="eval_1")
    return (
        report,
        type(one).__name__,
        type(one.results[0]).__name__,
        one.results[0].model_dump(),
        one.sample.error.model_dump(),
        runs,
        (dropped.deleted, dropped.run_id, type(dropped).__name__),
    )


# --- graders -----------------------------------------------------------------------------------


@program
def grader_validated_then_run_on_samples(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    grader = {
        "type": "multi",
        "name": "combined",
        "graders": {
            "exact": GRADERS[0],
            "close": GRADERS[1],
        },
        "calculate_output": "0.5 * exact + 0.5 * close",
    }
    server.route("POST", "/v1/fine_tuning/alpha/graders/validate", Reply.json({"grader": grader}))
    server.route(
        "POST",
        "/v1/fine_tuning/alpha/graders/run",
        Reply.json(
            {
                "reward": 0.75,
                "metadata": {
                    "name": "combined",
                    "type": "multi",
                    "errors": {
                        "formula_parse_error": False,
                        "invalid_variable_error": False,
                        "model_grader_parse_error": False,
                        "model_grader_refusal_error": False,
                        "model_grader_server_error": False,
                        "model_grader_server_error_details": None,
                        "other_error": False,
                        "python_grader_runtime_error": False,
                        "python_grader_runtime_error_details": None,
                        "python_grader_server_error": False,
                        "python_grader_server_error_type": None,
                        "sample_parse_error": False,
                        "truncated_observation_error": False,
                        "unresponsive_reward_error": False,
                    },
                    "execution_time": 0.12,
                    "scores": {"exact": 1.0, "close": 0.5},
                    "token_usage": None,
                    "sampled_model_name": None,
                },
                "sub_rewards": {"exact": 1.0, "close": 0.5},
                "model_grader_token_usage_per_model": {},
            }
        ),
    )
    checked = client.fine_tuning.alpha.graders.validate(grader=grader)
    result = client.fine_tuning.alpha.graders.run(
        grader=grader, model_sample="4", item={"answer": "4"}
    )
    return (
        type(checked.grader).__name__,
        checked.grader.calculate_output if checked.grader else None,
        sorted(checked.grader.graders) if checked.grader else None,
        result.reward,
        result.metadata.errors.other_error,
        result.metadata.scores,
        result.sub_rewards,
        result.metadata.execution_time,
    )


@program
def python_and_model_graders_checked(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    server.default = Reply.dynamic(lambda request: Reply.json({"grader": request.json()["grader"]}))
    kinds = []
    for grader in GRADERS[2:]:
        checked = client.fine_tuning.alpha.graders.validate(grader=grader)
        kinds.append((type(checked.grader).__name__, checked.grader.name))
    server.default = Reply.json(
        {"error": {"message": "invalid grader", "type": "invalid_request_error"}}, 400
    )
    failure = outcome(
        lambda: client.fine_tuning.alpha.graders.validate(
            grader={"type": "python", "name": "bad", "source": "def grade(:"}
        )
    )
    return kinds, failure


# --- checkpoint permissions -------------------------------------------------------------------


def permission(perm_id: str, project: str) -> Any:
    return {
        "id": perm_id,
        "object": "checkpoint.permission",
        "created_at": 1733000000,
        "project_id": project,
    }


CHECKPOINT = "ft:gpt-4o-mini-2024-07-18:org:support:ckpt-step-100"


@program
def checkpoint_shared_with_projects_and_audited(
    openai: ModuleType, client: Any, server: ScriptedServer
) -> Any:
    base = f"/v1/fine_tuning/checkpoints/{CHECKPOINT}/permissions"
    server.route(
        "POST",
        base,
        Reply.json(
            {
                "object": "list",
                "data": [permission("cp_1", "proj_a"), permission("cp_2", "proj_b")],
                "has_more": False,
                "first_id": "cp_1",
                "last_id": "cp_2",
            }
        ),
    )
    server.route(
        "GET",
        base,
        Reply.dynamic(
            lambda request: Reply.json(
                page(
                    permission("cp_1", "proj_a"),
                    permission("cp_2", "proj_b"),
                    has_more=request.query_dict.get("after") is None,
                )
            )
        ),
    )
    server.route(
        "DELETE",
        base + "/cp_2",
        Reply.json({"id": "cp_2", "object": "checkpoint.permission", "deleted": True}),
    )
    shared = client.fine_tuning.checkpoints.permissions.create(
        CHECKPOINT, project_ids=["proj_a", "proj_b"]
    )
    listed = client.fine_tuning.checkpoints.permissions.retrieve(
        CHECKPOINT, project_id="proj_b", order="descending", limit=2
    )
    audit = [
        (p.id, p.project_id)
        for p in client.fine_tuning.checkpoints.permissions.list(CHECKPOINT, limit=2)
    ]
    revoked = client.fine_tuning.checkpoints.permissions.delete(
        "cp_2", fine_tuned_model_checkpoint=CHECKPOINT
    )
    return (
        type(shared).__name__,
        [(p.id, p.project_id, type(p).__name__) for p in shared],
        type(listed).__name__,
        listed.has_more,
        [p.project_id for p in listed.data],
        audit,
        (revoked.deleted, revoked.object, type(revoked).__name__),
    )


# --- async ------------------------------------------------------------------------------------


@async_program
async def async_conversation_turns(openai: ModuleType, client: Any, server: ScriptedServer) -> Any:
    server.route("POST", "/v1/conversations", Reply.json(conversation("conv_a")))
    server.route(
        "POST",
        "/v1/responses",
        Reply.json(response_object([output_message("Hi!")], conversation={"id": "conv_a"})),
    )
    server.route(
        "GET",
        "/v1/conversations/conv_a/items",
        Reply.json(page(user_item("msg_1", "hello"), assistant_item("msg_2", "Hi!"))),
    )
    conv = await client.conversations.create()
    answer = await client.responses.create(model="gpt-4.1", conversation=conv.id, input="hello")
    history = [
        (item.type, item.id) async for item in client.conversations.items.list(conv.id, order="asc")
    ]
    first = await client.conversations.items.list(conv.id)
    return (
        answer.output_text,
        history,
        type(first).__name__.split("[")[0],  # the item union: see test_pages_as_models
        first.has_next_page(),
    )


test_program_observes_the_same = observed_the_same(PROGRAMS)
test_async_program_observes_the_same = async_observed_the_same(ASYNC_PROGRAMS)
