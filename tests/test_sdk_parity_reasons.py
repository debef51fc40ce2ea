"""The allow-list's reasons that say the upstream OpenAPI document lacks a shape are true.

tests/sdk_parity_allowed.txt lists every SDK module and name ours lacks under a reason; the
reasons "no counterpart", "appears nowhere", "newer SDK" claim the document has nothing like the
SDK's type. tools/parity_audit checks each such claim against the document: an object with the SDK
class's discriminator values and most of its field names (or all of them, the discriminator
spelled otherwise) is a counterpart, and a claim with a counterpart is false: build the type (a
config `also:`/`use:`/name entry, or spec/sdk_names.yml) or give the entry its true reason.
A reason saying "the upstream document's text has none of `…`" is checked verbatim: none of the
strings it names occurs in the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.parity_audit import UPSTREAM, audit, audit_value, document, text_claims, text_found

pytestmark = pytest.mark.skipif(
    not UPSTREAM.exists(), reason="the upstream OpenAI document (../shared) is not available"
)


def test_no_absence_claim_has_a_counterpart_upstream() -> None:
    results = audit()
    assert len(results) > 150  # the claims are read: not vacuous
    false = {
        key: [f"{f.sdk_type}: {f.detail}" for f in findings if f.verdict == "counterpart"]
        for key, (verdict, findings) in results.items()
        if verdict == "counterpart"
    }
    assert not false, "\n".join(f"{key}\n  " + "\n  ".join(why) for key, why in false.items())


def test_no_string_a_reason_says_the_document_lacks_is_in_it() -> None:
    # "the upstream document's text has none of `/agents`, ...": checked verbatim
    claims = text_claims()
    assert claims and all(claims.values())  # read, and each names its strings
    false = {
        reason[:80]: found for reason, strings in claims.items() if (found := text_found(strings))
    }
    assert not false, false


def test_a_text_claim_is_read_up_to_its_end(tmp_path: Path) -> None:
    listed = tmp_path / "allowed.txt"
    listed.write_text(
        "# reason: an API (the upstream document's text has none of `/nothing`, `paths:`; "
        "its `/other` shapes are elsewhere)\nmodule openai.types.x\n",
        encoding="utf-8",
    )
    [(reason, strings)] = text_claims(listed).items()
    assert strings == ("/nothing", "paths:") and reason.startswith("an API")
    assert text_found(strings) == ["paths:"]  # a claim naming what the document has is caught


def test_the_audit_finds_a_counterpart_spelled_otherwise() -> None:
    # the SDK's beta event says `response.audio.delta`; the document's beta schema, the same
    # fields, `response.output_audio.delta`: a counterpart all the same
    from openai.types.beta.realtime.response_audio_delta_event import ResponseAudioDeltaEvent

    [finding] = audit_value(document(), "ResponseAudioDeltaEvent", ResponseAudioDeltaEvent)
    assert finding.verdict == "counterpart"
    assert "RealtimeBetaServerEventResponseAudioDelta" in finding.detail


def test_the_audit_finds_a_counterpart_whose_discriminator_is_a_plain_string_upstream() -> None:
    from openai.types.containers.file_list_response import FileListResponse

    [finding] = audit_value(document(), "FileListResponse", FileListResponse)
    assert finding.verdict == "counterpart" and "ContainerFileResource" in finding.detail


def test_the_audit_finds_no_counterpart_for_what_the_document_lacks() -> None:
    from openai.types.responses.response_steer_event import ResponseSteerEvent

    [finding] = audit_value(document(), "ResponseSteerEvent", ResponseSteerEvent)
    assert finding.verdict == "absent"


def test_a_generic_small_shape_is_no_counterpart() -> None:
    # {id, object, deleted} with another object value is everywhere: for a reader, not a verdict
    from openai.types.audio.voice_deleted import VoiceDeleted

    [finding] = audit_value(document(), "VoiceDeleted", VoiceDeleted)
    assert finding.verdict != "counterpart"
