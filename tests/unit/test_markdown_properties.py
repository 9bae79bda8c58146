"""Property-based tests for the Markdown parsers: labels in any spelling, and no input that
makes them fail other than with located problems."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.roadmap.markdown import ImporterError, Link, parse_link
from bot.roadmap.models import Kind, Language, Price
from bot.roadmap.seed import parse_seed
from bot.roadmap.upstream import parse_upstream

_LANGUAGES = {"English": Language.EN, "Persian": Language.FA}
_PRICES = {"Free": Price.FREE, "Paid": Price.PAID}


def _spelled(word: str) -> st.SearchStrategy[str]:
    """``word`` in any case: "Paid", "paid", "PAID", "pAiD"."""
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(word, upper, strict=True)
        )
    )


@given(
    language=st.sampled_from([None, *_LANGUAGES]).flatmap(
        lambda w: st.just((None, None)) if w is None else _spelled(w).map(lambda s: (w, s))
    ),
    price=st.sampled_from([None, *_PRICES]).flatmap(
        lambda w: st.just((None, None)) if w is None else _spelled(w).map(lambda s: (w, s))
    ),
    gaps=st.lists(st.sampled_from(["", " ", "  "]), min_size=2, max_size=2),
    swap=st.booleans(),
)
def test_labels_parse_in_any_case_order_and_spacing(
    language: tuple[str | None, str | None],
    price: tuple[str | None, str | None],
    gaps: list[str],
    swap: bool,
) -> None:
    labels = [f"({spelled})" for _, spelled in (language, price) if spelled is not None]
    if swap:
        labels.reverse()
    body = "[A title](https://example.com/x)" + "".join(
        gap + label for gap, label in zip(gaps, labels, strict=False)
    )
    found = parse_link(body, Kind.BOOK, 7)
    assert isinstance(found, Link), (body, found)
    assert found.language is (_LANGUAGES[language[0]] if language[0] else None)
    assert found.price is (_PRICES[price[0]] if price[0] else None)
    assert (found.url, found.line) == ("https://example.com/x", 7)


_LINE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40),
    st.sampled_from(
        [
            "## Step 0: Prerequisites",
            "## Hands-on Experience",
            "## Databases",
            "- ### Git",
            "### 1. Python unittest package",
            "  - **Book**",
            "- **Beginner**",
            "  - Document",
            "    - [T](https://example.com/t) (English) (Paid)",
            "    - [T](https://example.com/t)(persian)(free)",
            "    - [T](https://example.com/t) (Klingon)",
            "(In Progress)",
            "  - ",
            "",
        ]
    ),
)


@given(st.lists(_LINE, max_size=25))
def test_any_document_parses_or_is_refused_with_located_problems(lines: list[str]) -> None:
    text = "\n".join(["# Python Backend Engineer Roadmap", *lines])
    for parse in (
        lambda: parse_upstream(text, "doc.md"),
        lambda: parse_seed(text, "doc.md"),
    ):
        try:
            parse()
        except ImporterError as exc:
            assert exc.problems
            assert all(p.startswith("doc.md:") for p in exc.problems), exc.problems
