"""The map picture through the fake Telegram: sent, edited in place, not redrawn unchanged."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from fake_bot_api import FakeTelegram
from tests.e2e.harness import RunningBot, eventually, press, say, settled
from tests.e2e.test_journeys import onboard

LABELS = {
    "en": ("English", "From the beginning", "🖼 Map", "updated"),
    "fa": ("فارسی", "از اول", "🖼 نقشه‌ی من", "به‌روز شد"),
}


@pytest.mark.parametrize("locale", ["en", "fa"])
async def test_the_map_is_sent_then_edited_in_place_and_not_redrawn_unchanged(
    bot: RunningBot, fake: FakeTelegram, locale: str
) -> None:
    material, start, map_label, updated = LABELS[locale]
    user = fake.user(first_name="Ana", language_code=locale)
    card = await onboard(user, material, start)
    await press(user, "✅", card)  # one resource done
    maps = bot.services.maps

    report = await say(user, "/progress")
    await user.press(map_label, message=report)
    await eventually(fake, lambda: any(m.photo for m in fake.messages(user.id)), "a photo")
    await settled(fake)
    photo = next(m for m in fake.messages(user.id) if m.photo)
    assert photo.photo is not None
    image = Image.open(io.BytesIO(photo.photo.data))
    assert image.size[0] == 1080
    assert "1" in photo.text or "۱" in photo.text  # the caption's counts
    assert maps.renders == 1
    (upload,) = fake.calls_to("sendPhoto")
    assert isinstance(upload.params["photo"], dict)  # uploaded

    # Unchanged: sent again by file_id, not drawn and not uploaded again.
    await user.press(map_label, message=report)
    await eventually(fake, lambda: len(fake.calls_to("sendPhoto")) == 2, "a second photo")
    await settled(fake)
    assert maps.renders == 1
    assert fake.calls_to("sendPhoto")[1].params["photo"] == photo.photo.file_id

    # The learner marks a resource done: the same photo message is edited to the new map.
    latest = [m for m in fake.messages(user.id) if m.photo][-1]
    card = await say(user, "/next")
    if not any("✅" in label for label in card.button_texts()):  # Persian: a language gap
        card = await press(user, "نمایش منابع", card)
    await press(user, "✅", card)
    await user.press(map_label, message=report)
    await eventually(fake, lambda: len(fake.calls_to("editMessageMedia")) == 1, "an edit")
    await settled(fake)
    edited = fake.world.bot_message(user.id, latest.message_id)
    assert edited is not None and edited.edits == 1 and edited.photo and latest.photo
    assert edited.text != latest.text  # the caption's counts moved on
    # Drawn again only if the picture changed (a topic's colour, the learner's place).
    redrawn = edited.photo.file_id != latest.photo.file_id
    assert maps.renders == (2 if redrawn else 1)
    assert len(fake.calls_to("sendPhoto")) == 2  # edited in place, no new photo
    toasts = [q.answer for q in fake.callback_queries.values() if q.answer]
    assert any(updated in str(answer.get("text")) for answer in toasts)


async def test_the_map_photo_is_edited_in_place_after_a_restart(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    report = await say(user, "/progress")
    await user.press("🖼 Map", message=report)
    await eventually(fake, lambda: len(fake.calls_to("sendPhoto")) == 1, "a photo")
    await settled(fake)
    (photo,) = [m for m in fake.messages(user.id) if m.photo]

    await bot.restart()  # what the process remembered is gone; the database is not
    await press(user, "✅", card)
    await user.press("🖼 Map", message=report)
    await eventually(fake, lambda: len(fake.calls_to("editMessageMedia")) == 1, "an edit")
    await settled(fake)
    edited = fake.world.bot_message(user.id, photo.message_id)
    assert edited is not None and edited.edits == 1
    assert "1 done" in edited.text
    assert len(fake.calls_to("sendPhoto")) == 1  # no second photo
