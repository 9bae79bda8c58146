"""The map picture: drawn for learners at every stage, in both languages, shaped and cached."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator

import pytest
from PIL import Image, ImageFont

from bot.i18n import Translator
from bot.map.draw import BACKGROUND, COLOURS, HERE, MAX_RATIO, MAX_SIDES, WIDTH, render
from bot.map.fonts import font, layout_engine
from bot.map.picture import MapPicture, Mark
from bot.roadmap.models import Roadmap
from bot.services import path
from bot.services.maps import MapPictures
from bot.services.path import LearnerState, Material, Status
from bot.services.snapshot import Snapshot
from bot.services.tally import progress
from bot.views.map import map_caption, map_picture, topic_mark

TRANSLATOR = Translator()


def snapshot(roadmap: Roadmap, state: LearnerState, locale: str) -> Snapshot:
    return Snapshot(
        roadmap=roadmap,
        learner_id=1,
        first_name="Ana",
        ui_language=locale,
        onboarded=True,
        state=state,
        next=path.next_item(roadmap, state),
        progress=progress(roadmap, state),
    )


def learners(roadmap: Roadmap) -> Iterator[tuple[str, LearnerState]]:
    """An empty, a half-done (every status) and a finished learner."""
    ids = [r.id for r in roadmap.resources()]
    half = dict.fromkeys(ids[: len(ids) // 2], Status.DONE)
    for rid, status in zip(
        ids[:8], [Status.SKIPPED, Status.STARTED, Status.UNNEEDED] * 3, strict=False
    ):
        half[rid] = status
    yield "empty", LearnerState(material=Material.BOTH)
    yield "half", LearnerState(material=Material.BOTH, framework="django", statuses=half)
    everything = dict.fromkeys(ids, Status.DONE)
    yield "finished", LearnerState(material=Material.BOTH, framework="django", statuses=everything)


def image_of(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {rgb for _, rgb in image.getcolors(maxcolors=1 << 20) or []}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def ink_columns(image: Image.Image, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns that are not background, between two rows."""
    background = rgb(BACKGROUND)
    band = image.crop((0, top, WIDTH, bottom))
    xs = [
        x for x in range(WIDTH) for y in range(band.height) if band.getpixel((x, y)) != background
    ]
    return min(xs), max(xs)


@pytest.mark.parametrize("locale", ["en", "fa"])
def test_the_map_draws_every_stage_within_telegrams_photo_limits(
    roadmap: Roadmap, locale: str
) -> None:
    t = TRANSLATOR.locale(locale)
    seen: dict[str, set[Mark]] = {}
    for name, state in learners(roadmap):
        snap = snapshot(roadmap, state, locale)
        picture = map_picture(t, snap)
        image = image_of(render(picture))
        width, height = image.size
        assert width == WIDTH and width + height <= MAX_SIDES and height <= MAX_RATIO * width
        marks = {box.mark for section in picture.sections for box in section.boxes}
        seen[name] = marks
        drawn = colours(image)
        # Every mark in the legend is drawn, and each box's mark too.
        assert all(rgb(COLOURS[mark][0]) in drawn for mark in Mark)
        if not isinstance(snap.next, path.Finished):
            assert rgb(HERE) in drawn
        assert picture.rtl is (locale == "fa")
    assert seen["empty"] == {Mark.LEFT}
    assert seen["finished"] == {Mark.DONE}
    assert {Mark.DONE, Mark.STARTED, Mark.LEFT} <= seen["half"]


def test_the_caption_counts_what_progress_counts(roadmap: Roadmap) -> None:
    _, state = list(learners(roadmap))[1]
    snap = snapshot(roadmap, state, "fa")
    total = snap.progress.path
    caption = map_caption(TRANSLATOR.locale("fa"), snap)
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    for figure in (total.done, total.started, total.skipped, total.left, total.percent):
        assert str(figure).translate(persian) in caption
    assert "\n" not in caption


def test_topic_marks_follow_the_statuses_of_its_items(roadmap: Roadmap) -> None:
    topic = next(t for s in roadmap.steps for t in s.topics if len(t.resources) >= 2)
    first, second = (r.id for r in path.items(topic, LearnerState(material=Material.BOTH))[:2])

    def mark(**statuses: Status) -> Mark | None:
        state = LearnerState(material=Material.BOTH, statuses={**statuses})
        return topic_mark(topic, state)

    rest = {r.id: Status.UNNEEDED for r in topic.resources}
    assert mark() is Mark.LEFT
    assert mark(**{first: Status.DONE}) is Mark.STARTED
    assert mark(**{**rest, first: Status.DONE}) is Mark.DONE
    assert mark(**rest) is Mark.UNNEEDED
    assert mark(**{r.id: Status.SKIPPED for r in topic.resources}) is Mark.SKIPPED
    assert second


def test_persian_is_shaped_by_raqm_and_laid_out_right_to_left(roadmap: Roadmap) -> None:
    assert layout_engine() is ImageFont.Layout.RAQM
    face = font(28)
    assert face.layout_engine == ImageFont.Layout.RAQM
    word = "پیشرفت"
    joined = face.getlength(word, direction="rtl")
    unjoined = sum(face.getlength(letter, direction="rtl") for letter in word)
    assert abs(joined - unjoined) > 2  # joined forms are narrower than isolated ones
    # Right-aligned: the Persian title's ink ends at the right margin, the English at the left.
    state = LearnerState(material=Material.BOTH)
    edges = {}
    for locale in ("en", "fa"):
        image = image_of(
            render(map_picture(TRANSLATOR.locale(locale), snapshot(roadmap, state, locale)))
        )
        edges[locale] = ink_columns(image, 40, 90)
    en_left, en_right = edges["en"]
    fa_left, fa_right = edges["fa"]
    assert en_left < 60 and en_right < WIDTH - 200
    assert fa_right > WIDTH - 60 and fa_left > 200


def test_an_unchanged_map_is_drawn_once(roadmap: Roadmap) -> None:
    drawn: list[MapPicture] = []

    def draw(picture: MapPicture) -> bytes:
        drawn.append(picture)
        return render(picture)

    maps = MapPictures(draw, capacity=2)
    t = TRANSLATOR.locale("en")
    states = [state for _, state in learners(roadmap)]
    pictures = [map_picture(t, snapshot(roadmap, state, "en")) for state in states]

    async def ask() -> None:
        first = await maps.image(pictures[0])
        again = await maps.image(map_picture(t, snapshot(roadmap, states[0], "en")))
        assert again is first
        assert (maps.renders, maps.hits) == (1, 1)
        maps.uploaded(first.key, "file-1")
        reused = await maps.image(pictures[0])
        assert (reused.file_id, reused.png) == ("file-1", None)  # no bytes kept once uploaded
        await maps.image(pictures[1])
        await maps.image(pictures[2])  # the least recently used (pictures[0]) goes
        await maps.image(pictures[0])
        assert maps.renders == 4

    asyncio.run(ask())
    # Another language is another picture.
    other = map_picture(TRANSLATOR.locale("fa"), snapshot(roadmap, states[0], "fa"))
    assert other.key != pictures[0].key
