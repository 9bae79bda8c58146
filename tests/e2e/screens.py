"""What the bot's screens say, read back from their text: the one place where the model
tests (test_conversation_model.py) parse what learners see.

Written against today's English catalogue (bot/locales/en/*.ftl) and the roadmap's
English titles. When a text changes, change the function for that screen here and
nothing else: every function takes the plain text Telegram shows (``BotMessage.text``)
or a button label, and returns numbers, ids or a screen kind, never a half-parsed
string. A function returns None when the text does not contain that part, so a check
applies only where the screen shows what it checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.roadmap.models import Roadmap, Step

_N = r"\d[\d,]*"


def _int(text: str) -> int:
    return int(text.replace(",", ""))


@dataclass(frozen=True)
class Bar:
    """A progress bar: ``filled`` of ``width`` cells."""

    filled: int
    width: int

    @property
    def full(self) -> bool:
        return self.filled == self.width


def _bar(text: str) -> Bar:
    return Bar(text.count("▰"), len(text))


# -- what a message is ---------------------------------------------------------------
#: (kind, marker), first match wins: notices come before the screen they sit on.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(marker, re.MULTILINE))
    for kind, marker in (
        ("zone-refused", r"is not a time zone I know"),
        ("zone-set", r"^✅ Time zone set: "),
        ("type-zone", r"Type your time zone's name"),
        ("zone-menu", r"Pick yours, or type its name"),
        ("free-text", r"^I work with commands and buttons"),
        ("note-prompt", r"^📝 Send me your note on |^✏️ Send the new text of your note on "),
        ("note-too-long", r"^That note is .+ characters long"),
        ("note-saved", r"^📝 Note saved on |^✏️ Note on .+ updated\.$"),
        ("notes", r"^📝 Your notes \(|^📝 You have no notes yet"),
        ("unknown-command", r"^I don't know /"),
        ("welcome-back", r"^👋 Welcome back"),
        ("welcome", r"I'm your guide through"),
        ("onboarding-start", r"^Where do you want to start\?"),
        ("onboarding-reminder", r"^⏰ Shall I remind you every week\?"),
        ("finished", r"^🏁 You (?:finished the whole roadmap|reached the end of your path)"),
        ("reset-confirm", r"^⚠️ Start over\?"),
        ("forget-confirm", r"^⚠️ Delete everything I know about you\?"),
        ("forget-nothing", r"^I have nothing stored about you"),
        ("forget-done", r"everything I stored about you is deleted"),
        ("forget-kept", r"^👌 Nothing was deleted"),
        ("progress", r"^📊 Your progress"),
        ("map", r"^🗺 On your path: "),
        ("roadmap", r"^🗺 "),
        ("help", r"^🤖 Python Backend Roadmap bot"),
        ("language", r"^🌐 Your material language"),
        ("reminders", r"^⏰ Weekly reminder"),
        ("gap", r"This topic has nothing in"),
        ("card", r"^Progress: |^.+ \(a hands-on elective\): \d+ of "),
        ("framework-menu", r"Choose ONE framework"),
        ("electives", r"Pick a hands-on step"),
    )
)

#: What /next may answer: whatever stands for the next resource.
STUDY_KINDS = frozenset({"card", "gap", "framework-menu", "electives", "finished"})
#: Kinds of answer to free text while the bot waits for a time zone.
ZONE_ANSWERS = frozenset({"zone-set", "zone-refused"})
#: Kinds of answer to free text while the bot waits for a note.
NOTE_ANSWERS = frozenset({"note-saved", "note-too-long"})
#: Kinds of answer to free text the bot did not ask for.
NOT_ASKED_ANSWERS = frozenset({"free-text"})
#: Each command's normal answer (``/unknown`` stands for any command the bot lacks).
COMMAND_ANSWERS: dict[str, frozenset[str]] = {
    "/start": frozenset({"welcome", "welcome-back"}),
    "/next": STUDY_KINDS,
    "/roadmap": frozenset({"roadmap"}),
    "/progress": frozenset({"progress"}),
    "/language": frozenset({"language"}),
    "/reminders": frozenset({"reminders"}),
    "/reset": frozenset({"reset-confirm"}),
    "/help": frozenset({"help"}),
    "/notes": frozenset({"notes"}),
    "/forget": frozenset({"forget-confirm", "forget-nothing"}),
    "/unknown": frozenset({"unknown-command"}),
}


def kind(text: str) -> str:
    """The screen a message shows ("other" for the rest: a step opened, a day menu...)."""
    for name, marker in _KINDS:
        if marker.search(text):
            return name
    return "other"


def asks_for_time_zone(text: str) -> bool:
    """True if the screen invites the learner to type a time zone's name."""
    return kind(text) in {"type-zone", "zone-menu", "zone-refused"}


def asks_for_note(text: str) -> bool:
    """True if the screen asks the learner to type a note (or asks again)."""
    return kind(text) in {"note-prompt", "note-too-long"}


_NOTES = re.compile(rf"^📝 Your notes \((?P<n>{_N})\)", re.M)


def notes_count(text: str) -> int | None:
    """How many notes /notes says the learner has (None: not that screen)."""
    if kind(text) != "notes":
        return None
    match = _NOTES.search(text)
    return _int(match["n"]) if match else 0


# -- callback answers ----------------------------------------------------------------
def answer_kind(toast: str | None) -> str:
    """What a callback answer says: "none", "stale", "invalid" or "toast"."""
    if not toast:
        return "none"
    if toast.startswith("That item is no longer in the roadmap"):
        return "stale"
    if toast.startswith("This button is not valid"):
        return "invalid"
    return "toast"


# -- counts --------------------------------------------------------------------------
@dataclass(frozen=True)
class Counts:
    done: int
    skipped: int
    total: int
    started: int = 0
    unneeded: int = 0

    @property
    def resolved(self) -> int:
        return self.done + self.skipped + self.unneeded


_PART = re.compile(rf"(?P<n>{_N}) (?P<what>done|skipped|in progress|not needed)")


def _parts(text: str | None) -> tuple[int, int, int, int]:
    """ "✅ 3 done, ⏭ 1 skipped, ⏳ 1 in progress, ☑️ 2 not needed" (parts that are zero left
    out; "none yet" for none) as (done, skipped, started, unneeded)."""
    found = {m["what"]: _int(m["n"]) for m in _PART.finditer(text or "")}
    return (
        found.get("done", 0),
        found.get("skipped", 0),
        found.get("in progress", 0),
        found.get("not needed", 0),
    )


@dataclass(frozen=True)
class PathLine:
    """The study card's (and the gap screen's) progress line and bar; ``elective``: the
    line of a hands-on elective's card (its title), which counts that elective only."""

    resolved: int
    total: int
    percent: int
    bar: Bar
    done: int = 0
    skipped: int = 0
    started: int = 0
    elective: str | None = None
    unneeded: int = 0


_PATH_LINE = re.compile(
    rf"^(?:Progress|(?P<elective>.+) \(a hands-on elective\)): (?P<resolved>{_N}) of "
    rf"(?P<total>{_N})(?: on your path)? \((?P<percent>\d+)%\)(?:: (?P<parts>.*))?\n"
    r"(?:➕ .*\n)?(?P<bar>[▰▱]+)$",
    re.MULTILINE,
)


def path_line(text: str) -> PathLine | None:
    match = _PATH_LINE.search(text)
    if match is None:
        return None
    done, skipped, started, unneeded = _parts(match["parts"])
    return PathLine(
        _int(match["resolved"]),
        _int(match["total"]),
        int(match["percent"]),
        _bar(match["bar"]),
        done,
        skipped,
        started,
        match["elective"],
        unneeded,
    )


@dataclass(frozen=True)
class Report:
    """/progress: the path's summary, each ordered step (None: before the learner's
    start), each hands-on elective as (resolved, total)."""

    done: int
    skipped: int
    left: int
    percent: int
    bar: Bar
    steps: dict[str, Counts | None]
    electives: dict[str, tuple[int, int]]
    unneeded: int = 0


_SUMMARY = re.compile(
    rf"^On your path: (?P<done>{_N}) done, (?P<skipped>{_N}) skipped"
    rf"(?:, (?P<unneeded>{_N}) not needed)?, (?P<left>{_N}) left "
    r"\((?P<percent>\d+)%\)\n(?:➕ .*\n)?(?P<bar>[▰▱]+)$",
    re.MULTILINE,
)
_MAP_CAPTION = re.compile(
    rf"^🗺 On your path: (?P<done>{_N}) done, (?P<skipped>{_N}) skipped"
    rf"(?:, (?P<unneeded>{_N}) not needed)?, (?P<left>{_N}) left"
    rf"(?: \((?P<started>{_N}) of them in progress\))? · (?P<percent>\d+)%$"
)


def map_caption(text: str) -> tuple[int, int, int, int, int, int] | None:
    """The map photo's caption: (done, skipped, not needed, left, in progress, percent)."""
    match = _MAP_CAPTION.match(text)
    if match is None:
        return None
    return (
        _int(match["done"]),
        _int(match["skipped"]),
        _int(match["unneeded"] or "0"),
        _int(match["left"]),
        _int(match["started"] or "0"),
        int(match["percent"]),
    )


_REPORT_STEP = re.compile(
    rf"^(?:(?P<parts>.+) \(of (?P<total>{_N})\)"
    r"|(?P<before>before your starting point)(?: \(.*\))?"
    r"|(?P<empty>choose a framework|nothing on your path here))$"
)
_REPORT_ELECTIVE = re.compile(rf"^• (?P<name>.+): (?P<parts>.+) \(of (?P<total>{_N})\)$", re.M)


def step_label(step: Step) -> str:
    """A step's name as the English screens write it."""
    return step.title.en if step.number is None else f"Step {step.number}: {step.title.en}"


def _step_ids(roadmap: Roadmap) -> dict[str, str]:
    return {step_label(step): step.id for step in roadmap.steps}


def _topic_ids(roadmap: Roadmap) -> dict[str, str]:
    return {topic.title.en: topic.id for step in roadmap.steps for topic in step.topics}


def progress_report(text: str, roadmap: Roadmap) -> Report | None:
    summary = _SUMMARY.search(text)
    if summary is None or kind(text) != "progress":
        return None
    step_ids, topic_ids = _step_ids(roadmap), _topic_ids(roadmap)
    steps: dict[str, Counts | None] = {}
    for line in text.splitlines():
        title = next((label for label in step_ids if line.startswith(f"{label}: ")), None)
        match = _REPORT_STEP.match(line[len(title) + 2 :]) if title else None
        if title is None or match is None:
            continue  # "Material: English · Framework: ..." and the like
        step_id = step_ids[title]
        if match["before"]:
            steps[step_id] = None
        elif match["empty"]:
            steps[step_id] = Counts(0, 0, 0)
        else:
            done, skipped, started, unneeded = _parts(match["parts"])
            steps[step_id] = Counts(done, skipped, _int(match["total"]), started, unneeded)
    electives = {}
    for m in _REPORT_ELECTIVE.finditer(text):
        if m["name"] in topic_ids:
            done, skipped, _, unneeded = _parts(m["parts"])
            electives[topic_ids[m["name"]]] = (done + skipped + unneeded, _int(m["total"]))
    return Report(
        _int(summary["done"]),
        _int(summary["skipped"]),
        _int(summary["left"]),
        int(summary["percent"]),
        _bar(summary["bar"]),
        steps,
        electives,
        _int(summary["unneeded"]) if summary["unneeded"] else 0,
    )


@dataclass(frozen=True)
class ResetCounts:
    """What /reset's confirmation says it deletes."""

    done: int
    skipped: int
    started: int = 0
    unneeded: int = 0


_RESET = re.compile(
    rf"This deletes all your progress: (?P<done>{_N}) done, (?P<skipped>{_N}) skipped, "
    rf"(?P<started>{_N}) in progress(?:, (?P<unneeded>{_N}) not needed)?"
)


def reset_counts(text: str) -> ResetCounts | None:
    match = _RESET.search(text)
    if match is None:
        return None
    unneeded = _int(match["unneeded"]) if match["unneeded"] else 0
    return ResetCounts(
        _int(match["done"]), _int(match["skipped"]), _int(match["started"]), unneeded
    )


@dataclass(frozen=True)
class MapStep:
    """One step's line on /roadmap: None for "before your starting point"."""

    resolved: int
    total: int
    ticked: bool  # shown as complete (✅)


_MAP_STEP = re.compile(
    rf"^(?P<icon>\S+) (?P<title>.+?) — (?:(?P<parts>.+?) \(of (?P<total>{_N})\)"
    r"|(?P<before>before your starting point)(?: \(.*?\))?"
    r"|(?P<empty>choose a framework|nothing on your path here))(?: · .*)?$",
    re.MULTILINE,
)


def roadmap_steps(text: str, roadmap: Roadmap) -> dict[str, MapStep | None] | None:
    if kind(text) != "roadmap":
        return None
    step_ids = _step_ids(roadmap)
    steps: dict[str, MapStep | None] = {}
    for match in _MAP_STEP.finditer(text):
        step_id = step_ids.get(match["title"])
        if step_id is None:
            continue
        if match["before"]:
            steps[step_id] = None
            continue
        done, skipped, _, unneeded = _parts(match["parts"])
        total = _int(match["total"]) if match["total"] else 0
        steps[step_id] = MapStep(done + skipped + unneeded, total, match["icon"] == "✅")
    return steps


_ELECTIVE_LABEL = re.compile(
    rf"^(?P<name>.+) · ✅(?P<done>{_N}) ⏭(?P<skipped>{_N})(?: ☑️(?P<unneeded>{_N}))? "
    rf"/ (?P<total>{_N})(?: ✓)?$"
)


def elective_buttons(labels: list[str], roadmap: Roadmap) -> dict[str, tuple[int, int]]:
    """The elective menu's buttons: topic id -> (resolved, total)."""
    topic_ids = _topic_ids(roadmap)
    counts = {}
    for label in labels:
        match = _ELECTIVE_LABEL.match(label)
        if match and match["name"] in topic_ids:
            resolved = _int(match["done"]) + _int(match["skipped"])
            resolved += _int(match["unneeded"]) if match["unneeded"] else 0
            counts[topic_ids[match["name"]]] = (resolved, _int(match["total"]))
    return counts


# -- claims --------------------------------------------------------------------------
@dataclass(frozen=True)
class Finished:
    """The finish screen: how many resources it says are done, and over what.

    ``whole_roadmap``: it claims every step and every elective (not just the learner's
    path from where they started).
    """

    done: int
    whole_roadmap: bool


_FINISHED = re.compile(
    r"^🏁 (?:(?P<whole>You finished the whole roadmap): every step from the beginning and "
    r"every hands-on elective|You reached the end of your path) \((?P<parts>[^)]*)\)",
    re.MULTILINE,
)


def finished(text: str) -> Finished | None:
    match = _FINISHED.search(text)
    if match is None:
        return None
    done, *_ = _parts(match["parts"])
    return Finished(done, whole_roadmap=bool(match["whole"]))


_CONGRATS = re.compile(r"🎉 Congrats!\n👋 You have passed steps (?P<steps>(?:\d+, )*\d+,? and \d+)")


def congratulated_steps(text: str) -> tuple[int, ...] | None:
    """The step numbers the hands-on intro says the learner has passed."""
    match = _CONGRATS.search(text)
    return tuple(int(n) for n in re.findall(r"\d+", match["steps"])) if match else None
