"""Image attachments: accepted and sent for a provider that takes images, refused with the
reason where it does not, and recognised by their bytes rather than their names."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from interviewai_tui.ai.base import MAX_IMAGE_BYTES, OFFLINE
from interviewai_tui.chat.attachments import prepare_attachment
from interviewai_tui.chat.errors import AttachmentError
from interviewai_tui.chat.images import SentImages
from interviewai_tui.chat.service import ChatService
from interviewai_tui.domain.common import AttachmentType
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.pictures import GIF, JPEG, PNG
from tests.ai.streams import ANTHROPIC_STREAM, OPENAI_STREAM

from .helpers import drain, finished

DATA_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()


def test_an_image_is_prepared_from_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "diagram.bin"  # the name says nothing; the bytes say PNG
    path.write_bytes(PNG)
    prepared = prepare_attachment(path)
    a = prepared.attachment
    assert (a.type, a.filename, a.size) == (AttachmentType.IMAGE, "diagram.bin", len(PNG))
    assert prepared.image is not None and prepared.image.data == PNG
    assert prepared.image.media_type == "image/png"
    assert prepared.summary() == f"diagram.bin · {len(PNG)} B · PNG image · ≈ 1,600 tokens"
    assert prepared.block() == f"**Attached image: `diagram.bin` (PNG, {len(PNG)} B)**"
    jpeg = tmp_path / "photo.png"  # named .png, really a JPEG: sent as what it is
    jpeg.write_bytes(JPEG)
    found = prepare_attachment(jpeg).image
    assert found is not None and found.media_type == "image/jpeg"


def test_files_that_are_not_sendable_images_are_refused(tmp_path: Path) -> None:
    fake_png = tmp_path / "notes.png"
    fake_png.write_text("just some text pretending to be a picture\n")
    with pytest.raises(AttachmentError, match=r"notes\.png is named like an image but"):
        prepare_attachment(fake_png)
    bmp = tmp_path / "scan"
    bmp.write_bytes(b"BM" + b"\x00" * 60)
    with pytest.raises(AttachmentError, match="scan is a BMP image; only PNG, JPEG, GIF"):
        prepare_attachment(bmp)
    big = tmp_path / "big.gif"
    big.write_bytes(GIF + b"\x00" * (MAX_IMAGE_BYTES + 1 - len(GIF)))
    with pytest.raises(AttachmentError, match=r"images up to 5\.0 MB"):
        prepare_attachment(big)
    exact = tmp_path / "exact.gif"
    exact.write_bytes(GIF + b"\x00" * (MAX_IMAGE_BYTES - len(GIF)))
    assert prepare_attachment(exact).attachment.size == MAX_IMAGE_BYTES
    with pytest.raises(AttachmentError, match="no images here"):
        prepare_attachment(exact, image_reason="no images here")
    binary = tmp_path / "data.png.bin"
    binary.write_bytes(b"\x00\x01\x02\x03")  # other binary: refused as before
    with pytest.raises(AttachmentError, match="binary"):
        prepare_attachment(binary)


async def test_image_is_sent_to_a_capable_provider_and_only_noted_in_the_store(
    service: ChatService, store: Store, user: User, fake: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "whiteboard.png").write_bytes(PNG)
    chat = await service.create(user.id, provider="openai", title="t")  # gpt-4o-mini
    prepared = await service.attach(tmp_path / "whiteboard.png", provider="openai")
    fake.queue(Reply(parts=[OPENAI_STREAM]), Reply(parts=[OPENAI_STREAM]))
    assert finished(await drain(await service.send(user.id, chat.id, "Is this right?", [prepared])))
    asked = fake.requests[0].json()["messages"][-1]
    assert asked["role"] == "user"
    text, image = asked["content"]
    assert text["type"] == "text" and text["text"].startswith("Is this right?")
    assert image == {"type": "image_url", "image_url": {"url": DATA_URL}}
    stored = (await service.get(chat.id, user_id=user.id)).messages[1]
    assert (
        stored.content
        == f"Is this right?\n\n**Attached image: `whiteboard.png` (PNG, {len(PNG)} B)**"
    )
    assert [(a.type, a.filename, a.size) for a in stored.attachments] == [
        (AttachmentType.IMAGE, "whiteboard.png", len(PNG))
    ]
    raw = await store.chats.get(chat_id=chat.id)
    assert raw is not None and "base64" not in raw.model_dump_json(by_alias=True)
    # a regenerated reply sends the image again (kept in memory for this run)
    await drain(await service.regenerate(user.id, chat.id))
    assert fake.requests[1].json()["messages"][-1]["content"][1] == image


async def test_anthropic_chat_gets_the_image_block(
    service: ChatService, user: User, fake: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "a.gif").write_bytes(GIF)
    chat = await service.create(user.id, provider="anthropic", title="t")
    prepared = await service.attach(tmp_path / "a.gif", provider="anthropic")
    fake.queue(Reply(parts=[ANTHROPIC_STREAM]))
    await drain(await service.send(user.id, chat.id, "", [prepared]))  # an image alone
    (turn,) = fake.requests[0].json()["messages"]
    source = {"type": "base64", "media_type": "image/gif", "data": base64.b64encode(GIF).decode()}
    assert turn["content"][0] == {"type": "image", "source": source}
    assert turn["content"][1]["text"].startswith("**Attached image: `a.gif`")


@pytest.mark.parametrize(
    ("provider", "expected"),
    [
        ("deepseek", "DeepSeek's deepseek-chat does not accept images; switch to OpenAI "
                     "(gpt-4o-mini), Anthropic (claude-haiku-4-5) or Gemini (gemini-2.5-flash) "
                     "in a new chat to send images."),
        (OFFLINE, "The offline coach does not accept images; switch to OpenAI (gpt-4o-mini), "
                  "Anthropic (claude-haiku-4-5) or Gemini (gemini-2.5-flash) in a new chat to "
                  "send images."),
        ("ollama", "Ollama's llama3.2 does not accept images; switch to OpenAI (gpt-4o-mini), "
                   "Anthropic (claude-haiku-4-5) or Gemini (gemini-2.5-flash) in a new chat to "
                   "send images, or use a vision model such as llava, llama3.2-vision or "
                   "gemma3."),
    ],
)  # fmt: skip
async def test_image_is_refused_with_the_reason(
    service: ChatService, fake: FakeServer, tmp_path: Path, provider: str, expected: str
) -> None:
    (tmp_path / "photo.jpg").write_bytes(JPEG)
    with pytest.raises(AttachmentError) as refused:
        await service.attach(tmp_path / "photo.jpg", provider=provider)
    assert refused.value.message == expected
    assert "\n" not in refused.value.message
    (tmp_path / "notes.txt").write_text("text is fine\n")
    assert (await service.attach(tmp_path / "notes.txt", provider=provider)).image is None
    assert fake.requests == []


async def test_the_chats_own_model_decides_at_send_time(
    service: ChatService, store: Store, user: User, fake: FakeServer, tmp_path: Path
) -> None:
    (tmp_path / "p.png").write_bytes(PNG)
    prepared = await service.attach(tmp_path / "p.png", provider="openai")  # gpt-4o-mini: yes
    chat = await service.create(user.id, provider="openai", model="gpt-3.5-turbo", title="t")
    with pytest.raises(AttachmentError, match=r"OpenAI's gpt-3\.5-turbo does not accept images"):
        await service.send(user.id, chat.id, "look", [prepared])
    with pytest.raises(AttachmentError, match=r"gpt-3\.5-turbo does not accept images"):
        await service.attach(tmp_path / "p.png", provider="openai", model="gpt-3.5-turbo")
    assert (await service.get(chat.id, user_id=user.id)).message_count == 0  # nothing stored
    assert fake.requests == []


def test_sent_images_keep_only_the_newest() -> None:
    from interviewai_tui.ai.images import image_part

    memory = SentImages(per_chat=2)
    png, gif = image_part(PNG), image_part(GIF)
    memory.remember("c", "m1", (png,))
    memory.remember("c", "m2", (gif,))
    memory.remember("c", "m3", (png,))
    assert memory.of("c") == {"m2": (gif,), "m3": (png,)}
    memory.remember("c", "m4", (png, gif, png))  # more than fit: its newest two
    assert memory.of("c") == {"m4": (gif, png)}
    memory.forget("c")
    assert memory.of("c") == {}
