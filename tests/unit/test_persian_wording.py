"""The mechanical rules of docs/persian-glossary.md, on every Persian text the learner reads.

The glossary decides the words; these tests keep the spelling honest: «ربات» (never «بات»),
«گام» (never «مرحله») for a step, «می‌» and «‌ها» joined by a ZWNJ, Persian letters
(ی ک, not the Arabic ي ك) and Persian punctuation (؟ ، ؛ « ») after Persian text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.roadmap.loader import load_roadmap

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "bot" / "locales" / "fa").glob("*.ftl"))

ZWNJ = "\u200c"
LETTER = "\u0600-\u06ff"  # the Arabic block: Persian letters, digits and punctuation
PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"

RULES: list[tuple[str, re.Pattern[str]]] = [
    ("«بات» as a word: write «ربات»", re.compile(rf"(?<![{LETTER}{ZWNJ}])بات(?![{LETTER}])")),
    ("«مرحله»/«مراحل» for a step: write «گام»", re.compile("مرحله|مراحل")),
    (
        "«می»/«نمی» before a verb without a ZWNJ: write «می‌خواهید»",
        re.compile(rf"(?<![{LETTER}{ZWNJ}])ن?می (?=[{LETTER}])"),
    ),
    (
        "«ها»/«های» as a separate word: join it with a ZWNJ («فریم‌ورک‌ها»)",
        re.compile(rf"(?<=[{LETTER}] )های?(?![{LETTER}{ZWNJ}])"),
    ),
    ("Arabic ي or ك: write the Persian ی and ک", re.compile("[\u064a\u0643]")),
    ("a ZWNJ next to a space or another ZWNJ", re.compile(rf"[\s{ZWNJ}]{ZWNJ}|{ZWNJ}\s")),
    (
        "a Latin ? , or ; after Persian text: write ؟ ، ؛",
        re.compile(rf"[{PERSIAN_LETTER}{ZWNJ}»](?:</?\w+>)*[?,;]"),
    ),
    ("straight quotes around Persian text: write « »", re.compile(rf'"[{PERSIAN_LETTER}]')),
]


def problems(text: str) -> list[str]:
    """Every rule a text breaks, with the line it breaks it on."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for rule, pattern in RULES:
            if pattern.search(line):
                found.append(f"line {number}: {rule}: {line.strip()}")
    return found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("این بات راهنمای شماست", "«بات»"),
        ("بات‌ها", "«بات»"),
        ("مرحله‌ی بعد", "«مرحله»"),
        ("چه می خواهید", "«می»"),
        ("نمی شناسم", "«می»"),
        ("فریم‌ورک ها", "«ها»"),
        ("منابع پيشنهادي", "Arabic"),
        ("كتاب", "Arabic"),
        ("از نو شروع کنیم?", "Latin ?"),
        ("<b>از نو شروع کنیم?</b>", "Latin ?"),
        ("<b>از نو شروع کنیم</b>?", "Latin ?"),
        ("انگلیسی, فارسی", "Latin ?"),
        ('"فارسی"', "straight quotes"),
        ("می\u200c\u200cخواهید", "ZWNJ"),
    ],
)
def test_each_rule_catches_its_mistake(text: str, rule: str) -> None:
    assert any(rule in problem for problem in problems(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "ربات نقشه راه",
        "گام ۲: فریم‌ورک‌های وب",
        "می‌خواهید؟ نمی‌شناسم.",
        "پنج‌شنبه‌ها و سه‌شنبه‌ها",
        "«لازم نیست»، «انجام شد»؛ Is it?",
        "مثل <code>Asia/Tehran</code>، <code>Europe/Berlin</code>",
        "/next: منبع بعدی شما",
        'list-separator = {"، "}',
        "باتری و ثبات",  # «بات» inside other words is not the word
    ],
)
def test_correct_persian_passes(text: str) -> None:
    assert problems(text) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_the_persian_catalogues_follow_the_glossary(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []


def test_the_persian_roadmap_texts_follow_the_glossary() -> None:
    roadmap = load_roadmap(ROOT / "data" / "roadmap.yaml")
    texts = [roadmap.title.fa]
    for step in roadmap.steps:
        texts += [step.title.fa, *(t.fa for t in (step.intro, step.reached) if t)]
        texts += [topic.title.fa for topic in step.topics]
    texts += [r.title_fa for r in roadmap.resources() if r.title_fa]
    assert problems("\n".join(texts)) == []
