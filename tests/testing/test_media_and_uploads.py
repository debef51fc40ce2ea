"""Uploads in parts, speech audio and images: the server's real behaviour for them."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import wave
from functools import cache
from typing import Any

import httpx
import pytest

from .schema_check import violations_in
from .test_every_operation import spec, upstream


@cache
def _document_with(schema: str) -> dict[str, Any]:
    """The repository spec when it has the schema yet, else the upstream document."""
    for document in (spec(), upstream()):
        if document is not None and schema in document["components"]["schemas"]:
            return document
    raise AssertionError(f"no document defines {schema}")


def assert_valid(value: Any, schema: str) -> None:
    document = _document_with(schema)
    ref = {"$ref": f"#/components/schemas/{schema}"}
    assert violations_in(value, ref, document, exact_one_of=False) == []


def _upload(api: httpx.Client, data: bytes, **overrides: Any) -> dict[str, Any]:
    body = {
        "filename": "training.jsonl",
        "purpose": "fine-tune",
        "bytes": len(data),
        "mime_type": "text/jsonl",
        **overrides,
    }
    response = api.post("/uploads", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _part(api: httpx.Client, upload_id: str, chunk: bytes) -> dict[str, Any]:
    response = api.post(f"/uploads/{upload_id}/parts", files={"data": ("blob", chunk)})
    assert response.status_code == 200, response.text
    return response.json()


def test_an_upload_in_parts_becomes_a_file(api: httpx.Client) -> None:
    data = b'{"prompt": "a"}\n' * 100 + b"tail"
    upload = _upload(api, data)
    assert_valid(upload, "Upload")
    assert upload["status"] == "pending" and "file" not in upload
    parts = [_part(api, upload["id"], data[i : i + 600]) for i in range(0, len(data), 600)]
    for part in parts:
        assert_valid(part, "UploadPart")
        assert part["upload_id"] == upload["id"]
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    response = api.post(
        f"/uploads/{upload['id']}/complete",
        json={"part_ids": [p["id"] for p in parts], "md5": md5},
    )
    assert response.status_code == 200, response.text
    completed = response.json()
    assert_valid(completed, "Upload")
    assert completed["status"] == "completed"
    file = completed["file"]
    assert (file["bytes"], file["filename"], file["purpose"]) == (
        len(data),
        "training.jsonl",
        "fine-tune",
    )
    assert api.get(f"/files/{file['id']}/content").content == data
    again = api.post(f"/uploads/{upload['id']}/complete", json={"part_ids": []})
    assert again.status_code == 400 and "completed" in again.json()["error"]["message"]


@pytest.mark.parametrize(
    ("parts", "extra", "param"),
    [
        (["abc"], {}, "part_ids"),  # 3 of the announced 6 bytes
        (["abc", "def"], {"md5": "0" * 32}, "md5"),
        (["abc", "def", "unknown"], {}, "part_ids"),
    ],
)
def test_completing_with_the_wrong_parts_is_refused(
    api: httpx.Client, parts: list[str], extra: dict[str, Any], param: str
) -> None:
    upload = _upload(api, b"abcdef")
    ids = [
        "part_unknown" if chunk == "unknown" else _part(api, upload["id"], chunk.encode())["id"]
        for chunk in parts
    ]
    response = api.post(f"/uploads/{upload['id']}/complete", json={"part_ids": ids, **extra})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_a_cancelled_upload_takes_no_more_parts(api: httpx.Client) -> None:
    upload = _upload(api, b"abc")
    cancelled = api.post(f"/uploads/{upload['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    refused = api.post(f"/uploads/{upload['id']}/parts", files={"data": ("b", b"abc")})
    assert refused.status_code == 400


def test_a_bad_upload_purpose_is_named(api: httpx.Client) -> None:
    response = api.post(
        "/uploads", json={"filename": "a", "purpose": "nope", "bytes": 1, "mime_type": "x"}
    )
    assert response.status_code == 400 and response.json()["error"]["param"] == "purpose"


def test_speech_as_wav_is_a_playable_file(api: httpx.Client) -> None:
    short = api.post(
        "/audio/speech",
        json={"model": "tts-1", "voice": "alloy", "input": "Hi.", "response_format": "wav"},
    )
    long = api.post(
        "/audio/speech",
        json={
            "model": "tts-1",
            "voice": "alloy",
            "input": "A much longer sentence to read aloud.",
            "response_format": "wav",
        },
    )
    assert short.headers["content-type"] == "audio/wav"
    durations = []
    for response in (short, long):
        with wave.open(io.BytesIO(response.content)) as audio:
            assert (audio.getnchannels(), audio.getsampwidth(), audio.getframerate()) == (
                1,
                2,
                24_000,
            )
            durations.append(audio.getnframes() / audio.getframerate())
    assert 0 < durations[0] < durations[1]


@pytest.mark.parametrize(("fmt", "media"), [("mp3", "audio/mpeg"), ("pcm", "audio/pcm")])
def test_speech_in_other_formats(api: httpx.Client, fmt: str, media: str) -> None:
    response = api.post(
        "/audio/speech",
        json={"model": "tts-1", "voice": "alloy", "input": "Hello", "response_format": fmt},
    )
    assert response.status_code == 200 and response.headers["content-type"] == media
    assert response.content and (fmt != "pcm" or len(response.content) % 2 == 0)


def test_speech_streamed_as_events(api: httpx.Client) -> None:
    response = api.post(
        "/audio/speech",
        json={"model": "gpt-4o-mini-tts", "voice": "alloy", "input": "Hi", "stream_format": "sse"},
    )
    assert response.headers["content-type"].startswith("text/event-stream")
    blocks = [b for b in response.text.split("\n\n") if b.strip()]
    assert blocks[-1] == "data: [DONE]"
    types = [json.loads(b.removeprefix("data: "))["type"] for b in blocks[:-1]]
    assert types == ["speech.audio.delta", "speech.audio.done"]


def test_speech_without_input_is_refused(api: httpx.Client) -> None:
    response = api.post("/audio/speech", json={"model": "tts-1", "voice": "alloy"})
    assert response.status_code == 400 and response.json()["error"]["param"] == "input"


def _pngs(body: dict[str, Any]) -> list[bytes]:
    return [base64.b64decode(item["b64_json"]) for item in body["data"]]


def test_generated_images_are_png_files(api: httpx.Client) -> None:
    response = api.post("/images/generations", json={"prompt": "a red kite", "n": 2})
    assert response.status_code == 200, response.text
    body = response.json()
    assert_valid(body, "ImagesResponse")
    pictures = _pngs(body)
    assert len(pictures) == 2 and pictures[0] != pictures[1]
    assert all(
        p.startswith(b"\x89PNG\r\n\x1a\n") and p.endswith(b"IEND\xaeB`\x82") for p in pictures
    )
    same = api.post("/images/generations", json={"prompt": "a red kite", "n": 2}).json()
    assert _pngs(same) == pictures  # deterministic


def test_image_edit_and_variation_take_multipart_files(api: httpx.Client) -> None:
    png = _pngs(api.post("/images/generations", json={"prompt": "x"}).json())[0]
    edited = api.post(
        "/images/edits",
        files={"image": ("in.png", png, "image/png")},
        data={"prompt": "add a moon", "model": "gpt-image-1"},
    )
    assert edited.status_code == 200, edited.text
    assert_valid(edited.json(), "ImagesResponse")
    varied = api.post("/images/variations", files={"image": ("in.png", png, "image/png")})
    assert varied.status_code == 200 and _pngs(varied.json())[0].startswith(b"\x89PNG")
    missing = api.post("/images/edits", files={"mask": ("m.png", png)}, data={"prompt": "p"})
    assert missing.status_code == 400 and missing.json()["error"]["param"] == "image"


def test_image_count_out_of_range_is_refused(api: httpx.Client) -> None:
    response = api.post("/images/generations", json={"prompt": "x", "n": 11})
    assert response.status_code == 400 and response.json()["error"]["param"] == "n"


def test_moderation_flags_by_category(api: httpx.Client) -> None:
    response = api.post(
        "/moderations",
        json={"model": "omni-moderation-latest", "input": ["I will attack you", "nice day"]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert_valid(body, "CreateModerationResponse")
    violent, calm = body["results"]
    assert violent["flagged"] and violent["categories"]["violence"]
    assert violent["category_scores"]["violence"] > 0.5 > calm["category_scores"]["violence"]
    assert not calm["flagged"] and not any(calm["categories"].values())
    parts = api.post(
        "/moderations",
        json={
            "input": [
                {"type": "text", "text": "a photo"},
                {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
            ]
        },
    ).json()
    assert_valid(parts, "CreateModerationResponse")
    applied = parts["results"][0]["category_applied_input_types"]
    assert applied["violence"] == ["text", "image"] and applied["hate"] == ["text"]
