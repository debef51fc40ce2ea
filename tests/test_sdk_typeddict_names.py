"""The measurement behind the `typeddict-names` known difference (tests/typing/test_drop_in_types.py):
`python -m tools.sdk_names.params` counts the official SDK's request-side TypedDicts whose
counterpart here carries another `__name__`."""

from __future__ import annotations

import pytest

from tools.sdk_names.params import is_request_module, typeddict_report

pytest.importorskip("openai")


def test_request_modules_are_the_param_and_params_modules() -> None:
    assert is_request_module("chat.completion_create_params")
    assert is_request_module("responses.response_input_param")
    assert not is_request_module("chat.chat_completion")
    assert not is_request_module("responses.param_helpers")


def test_the_report_names_a_renamed_typeddict_by_both_names() -> None:
    report = typeddict_report()
    # the document's compaction trigger keeps its own name on the request side
    assert (
        "responses.response_input_item_param.CompactionTrigger: CompactionTrigger -> "
        "compaction_trigger_item_param.CompactionTriggerItemParam"
    ) in report.differing
    # a TypedDict named as the SDK names it is not reported
    assert not any(
        line.startswith("chat.completion_create_params.CompletionCreateParamsBase:")
        for line in report.differing
    )
    assert report.total > len(report.differing) + len(report.missing)
