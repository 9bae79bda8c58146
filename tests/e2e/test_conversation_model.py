"""A model of whole conversations: hypothesis drives one real bot with random sequences
of what learners do, and after every step checks what they saw against the database
and against Telegram's rules.

One example is one bot Application (real handlers, a SQLite file in a temporary
directory, the fake Bot API on loopback) and two simulated learners. The steps: any
command (and one the bot lacks), short free text (a valid and an invalid time zone
among it), a button of the learner's newest message, a button of an older one, both
presses of a double press, forged button data, a run of "Done" (or "Skip", "Skip topic")
presses through the roadmap, /reminders to the prompt that asks for a time zone, /next to
the card's "Note" prompt, and a restart of the bot on the same database.

After every action, each of these holds or the step fails with what was shown, what
the database holds, and the last steps:

* Telegram refused nothing (lengths, HTML, "message is not modified", button data) and
  every callback query was answered, once; a press that changed what is stored was
  answered with a toast or shown by an edit or a message.
* Counts on screens are the stored rows: the study card's progress line, /progress,
  /roadmap, the elective menu, and /reset's confirmation (exactly the rows a reset
  deletes, done and skipped apart).
* No screen claims what is false: "You finished" only when every resource it speaks
  of has a status, 100% or a full bar only when nothing on the path is left, the
  hands-on "Congrats, you have passed steps 1, 2 and 3" only when those steps are.
* A command always gets its own answer (even while the bot waits for a time zone or a
  note); free text gets the time-zone answer only while a screen asks for one, is the
  note while a screen asks for a note, and gets the generic "I work with commands and
  buttons" otherwise. /notes counts the stored notes.

Screen texts are read only by tests/e2e/screens.py; the path (which resources are
on it) comes from bot.services.path with the learner's stored settings, and every
count from the stored rows.

Run it (bounded: CI runs this, a fixed set of examples, not shrunk)::

    python -m pytest tests/e2e/test_conversation_model.py

Longer, with random examples, shrinking and hypothesis's example database::

    CONVERSATION_PROFILE=long python -m pytest tests/e2e/test_conversation_model.py -s

``CONVERSATION_PROFILE=debug`` runs CI's examples and shrinks a failure;
``CONVERSATION_EXAMPLES`` and ``CONVERSATION_STEPS`` override any profile's numbers;
``CONVERSATION_IGNORE=check_telegram_problems,...`` leaves checks out, to look past a
known failure for the next.
``-s`` prints the steps per second and what stale and forged presses were answered.

Each example starts a bot, so shrinking is slow: hypothesis gives up after five
minutes and prints the sequence as far as it got; running the long profile again
resumes from the example it saved. The Persian interface is never switched on (its
button is not pressed): the screens are read in English.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.callback_data import Action, InvalidCallbackData, decode
from bot.db.models import Learner, LearnerSettings, Note, Progress, Reminder, TopicLanguage
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.roadmap.models import Resource, Roadmap, Step, StepMode, Topic
from bot.services import path
from bot.services.path import LearnerState
from bot.services.snapshot import learner_state
from fake_bot_api import BotMessage, CallbackRecord, FakeTelegram, SimUser
from fake_bot_api.models import MessageEvent
from tests.e2e import screens
from tests.e2e.harness import RunningBot, settled

T = TypeVar("T")

# -- how long it runs ----------------------------------------------------------------
_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}
PROFILES: dict[str, dict[str, Any]] = {
    # CI: the same examples every run (about ten seconds on two quiet cores), the first
    # failure reported as found (unshrunk).
    "ci": {
        "max_examples": 8,
        "stateful_step_count": 20,
        "derandomize": True,
        "database": None,
        "phases": (Phase.explicit, Phase.generate),
        "report_multiple_bugs": False,
    },
    # CI's examples, with every failure shrunk to a minimal sequence.
    "debug": {
        "max_examples": 8,
        "stateful_step_count": 20,
        "derandomize": True,
        "database": None,
    },
    # Random examples, shrunk; failures are saved in .hypothesis/ and replayed first.
    "long": {"max_examples": 300, "stateful_step_count": 50},
}


def ignored_checks() -> list[str]:
    """``CONVERSATION_IGNORE``: checks to leave out (comma-separated method names, e.g.
    ``check_telegram_problems``), to look past a known failure for others."""
    names = [n.strip() for n in os.environ.get("CONVERSATION_IGNORE", "").split(",") if n.strip()]
    unknown = [n for n in names if not n.startswith("check_") or not hasattr(ConversationModel, n)]
    if unknown:
        raise ValueError(f"CONVERSATION_IGNORE: no such check: {', '.join(unknown)}")
    return names


def _skip(*args: object) -> None:
    """Stands in for an ignored check."""


def profile() -> settings:
    name = os.environ.get("CONVERSATION_PROFILE", "ci")
    if name not in PROFILES:
        raise ValueError(f"CONVERSATION_PROFILE={name!r}: one of {', '.join(PROFILES)}")
    values = {**_COMMON, **PROFILES[name]}
    if examples := os.environ.get("CONVERSATION_EXAMPLES"):
        values["max_examples"] = int(examples)
    if steps := os.environ.get("CONVERSATION_STEPS"):
        values["stateful_step_count"] = int(steps)
    return settings(**values)


@dataclass
class Stats:
    """What the runs cost, and what presses on stale or forged buttons were answered."""

    examples: int = 0
    steps: int = 0
    actions: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    rule_seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    startup: float = 0.0
    stepping: float = 0.0
    teardown: float = 0.0
    answers: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        total = self.startup + self.stepping + self.teardown
        lines = [
            f"conversation model: {self.examples} examples, {self.steps} steps, "
            f"{self.actions} messages and presses",
            f"  stepping {self.stepping:.1f} s: {self.steps / max(self.stepping, 1e-9):.1f} "
            f"steps/s, {self.actions / max(self.stepping, 1e-9):.1f} messages and presses/s "
            "(each with its waits and checks)",
            f"  start {self.startup / max(self.examples, 1):.2f} s and stop "
            f"{self.teardown / max(self.examples, 1):.2f} s per example; overall "
            f"{self.steps / max(total, 1e-9):.1f} steps/s",
        ]
        lines += [
            f"    {name}: {n} steps, {1000 * self.rule_seconds[name] / n:.0f} ms each"
            for name, n in sorted(self.rules.items())
        ]
        lines.append("  presses answered (where: answer -> what the message did):")
        lines += [f"    {n:5d}  {what}" for what, n in sorted(self.answers.items())]
        return "\n".join(lines)


STATS = Stats()


def timed(method: Callable[..., None]) -> Callable[..., None]:
    """Count a rule's steps and time them."""

    @functools.wraps(method)
    def step(*args: Any, **kwargs: Any) -> None:
        began = time.perf_counter()
        try:
            method(*args, **kwargs)
        finally:
            STATS.steps += 1
            STATS.rules[method.__name__] += 1
            STATS.rule_seconds[method.__name__] += time.perf_counter() - began

    return step


# -- what is stored ------------------------------------------------------------------
@cache
def roadmap() -> Roadmap:
    return load_roadmap(default_roadmap_path())


@dataclass(frozen=True)
class Stored:
    """One learner's rows."""

    exists: bool
    onboarded: bool = False
    ui_language: str = "en"
    material: str = "en"
    framework: str | None = None
    start_at: str | None = None
    elective: str | None = None
    awaiting: str | None = None
    statuses: Mapping[str, str] = field(default_factory=dict)
    topics: frozenset[str] = frozenset()
    reminder: tuple[object, ...] | None = None
    free_only: bool = False
    roadmap_revision: int | None = None
    other_language: bool | None = None
    notes: int = 0

    def state(self) -> LearnerState:
        """The walk's input, from the stored settings and rows."""
        return learner_state(
            roadmap(),
            material=self.material,
            framework=self.framework,
            start_at=self.start_at,
            elective=self.elective,
            statuses=self.statuses,
            topics=self.topics,
            free_only=self.free_only,
            revision=self.roadmap_revision,
            other_language=self.other_language,
        )

    def fingerprint(self) -> tuple[object, ...]:
        """What a learner could notice has changed (no timestamps)."""
        return (
            self.exists,
            self.onboarded,
            self.ui_language,
            self.material,
            self.framework,
            self.start_at,
            self.elective,
            self.awaiting,
            tuple(sorted(self.statuses.items())),
            tuple(sorted(self.topics)),
            self.reminder,
            self.free_only,
            self.other_language,
            self.notes,
        )

    def describe(self) -> str:
        if not self.exists:
            return "no learner row"
        rows = Counter(self.statuses.values())
        return (
            f"material={self.material} framework={self.framework} start_at={self.start_at} "
            f"elective={self.elective} awaiting={self.awaiting} onboarded={self.onboarded}; "
            f"free_only={self.free_only}; progress rows: {rows['done']} done, "
            f"{rows['skipped']} skipped, {rows['unneeded']} not needed"
        )


async def read_stored(engine: AsyncEngine, learner_id: int) -> Stored:
    async with engine.connect() as conn:
        learner = (
            await conn.execute(select(Learner.onboarded_at).where(Learner.id == learner_id))
        ).first()
        if learner is None:
            return Stored(exists=False)
        s = (
            await conn.execute(
                select(
                    LearnerSettings.ui_language,
                    LearnerSettings.material_language,
                    LearnerSettings.framework,
                    LearnerSettings.start_at,
                    LearnerSettings.elective,
                    LearnerSettings.awaiting,
                    LearnerSettings.free_only,
                    LearnerSettings.roadmap_revision,
                    LearnerSettings.other_language,
                ).where(LearnerSettings.learner_id == learner_id)
            )
        ).one()
        rows = await conn.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == learner_id)
        )
        topics = await conn.execute(
            select(TopicLanguage.topic_id).where(TopicLanguage.learner_id == learner_id)
        )
        notes = await conn.scalar(
            select(func.count()).select_from(Note).where(Note.learner_id == learner_id)
        )
        reminder = (
            await conn.execute(
                select(Reminder.enabled, Reminder.weekday, Reminder.hour, Reminder.timezone).where(
                    Reminder.learner_id == learner_id
                )
            )
        ).first()
    return Stored(
        exists=True,
        onboarded=learner.onboarded_at is not None,
        ui_language=s.ui_language,
        material=s.material_language,
        framework=s.framework,
        start_at=s.start_at,
        elective=s.elective,
        awaiting=s.awaiting,
        statuses={row.resource_id: row.status for row in rows},
        topics=frozenset(row.topic_id for row in topics),
        reminder=tuple(reminder) if reminder else None,
        free_only=bool(s.free_only),
        roadmap_revision=s.roadmap_revision,
        other_language=s.other_language,
        notes=notes or 0,
    )


# -- the model: which resources a screen speaks of (counts always from the rows) -------
def count(resources: Iterable[Resource], statuses: Mapping[str, str]) -> screens.Counts:
    """Done, skipped, total and started of ``resources`` by the learner's statuses (the
    rows, one work in two languages having one status: ``Stored.state``)."""
    listed = list(resources)
    return screens.Counts(
        sum(1 for r in listed if statuses.get(r.id) == "done"),
        sum(1 for r in listed if statuses.get(r.id) == "skipped"),
        len(listed),
        sum(1 for r in listed if statuses.get(r.id) == "started"),
        sum(1 for r in listed if statuses.get(r.id) == "unneeded"),
    )


def on_path(state: LearnerState, step: Step | None = None) -> list[Resource]:
    """The resources the learner is offered on their ordered path (in ``step``)."""
    return [
        resource
        for at, topic in path.path_topics(roadmap(), state)
        if step is None or at == step
        for resource in path.items(topic, state)
    ]


def elective_resources(topic: Topic, state: LearnerState) -> list[Resource]:
    """An elective's items (the % rule in docs/conversation.md)."""
    return path.items(topic, state)


def start_step(state: LearnerState) -> int:
    """The index of the step the learner's path starts in."""
    for index, step in enumerate(roadmap().steps):
        if state.start_at == step.id or any(t.id == state.start_at for t in step.topics):
            return index
    return 0


def left_in(topic: Topic, state: LearnerState) -> list[str]:
    """What keeps a topic from being finished: its items neither done nor skipped."""
    return [
        r.id
        for r in path.items(topic, state)
        if state.statuses.get(r.id) not in ("done", "skipped", "unneeded")
    ]


def left_on_path(state: LearnerState, *, from_beginning: bool = False) -> list[str]:
    """What is left of the ordered path (``from_beginning``: whatever the start point)."""
    walk = replace(state, start_at=None) if from_beginning else state
    left = [rid for _, topic in path.path_topics(roadmap(), walk) for rid in left_in(topic, walk)]
    choice = roadmap().choice_step
    if (
        choice is not None
        and path.chosen_framework(roadmap(), state) is None
        and (from_beginning or roadmap().steps.index(choice) >= start_step(state))
    ):
        left.append(f"(no framework chosen for {choice.id})")
    return left


def left_in_step(state: LearnerState, step: Step, *, from_beginning: bool) -> list[str]:
    """What is left in ``step``: of the learner's path in it, or (``from_beginning``) of
    all of it, whatever the start point."""
    if step.mode is StepMode.ELECTIVES:
        return [rid for topic in step.topics for rid in left_in(topic, state)]
    walk = replace(state, start_at=None) if from_beginning else state
    left = [
        rid
        for at, topic in path.path_topics(roadmap(), walk)
        if at == step
        for rid in left_in(topic, walk)
    ]
    if step.mode is StepMode.CHOOSE_ONE and path.chosen_framework(roadmap(), state) is None:
        left.append(f"(no framework chosen for {step.id})")
    return left


def left_of_electives(state: LearnerState) -> list[str]:
    return [
        rid for step in roadmap().elective_steps for t in step.topics for rid in left_in(t, state)
    ]


# -- what a step did -----------------------------------------------------------------
@dataclass(frozen=True)
class Press:
    """One callback query and what came of it."""

    where: str  # "newest", "older", "double", "forged", "study"
    label: str
    data: str
    record: CallbackRecord
    before: Stored
    after: Stored
    events: list[MessageEvent]

    @property
    def toast(self) -> str | None:
        answer = self.record.answer or {}
        text = answer.get("text")
        return str(text) if text else None

    @property
    def outcome(self) -> str:
        kinds = sorted({event.kind for event in self.events})
        return "+".join(kinds) if kinds else "nothing"


class ModelViolation(AssertionError):
    """The bot did something the model says it must not."""


LEARNERS = (("Ana", "en"), ("Bea", "en"))
LEARNER = st.integers(min_value=0, max_value=len(LEARNERS) - 1)
COMMANDS = (
    "/start",
    "/next",
    "/roadmap",
    "/progress",
    "/language",
    "/reminders",
    "/reset",
    "/help",
    "/notes",
    "/forget",
    "/teleport",
)
TEXTS = st.one_of(
    st.sampled_from(
        ["thanks!", "Europe/Berlin", "Mars/Olympus", "hello", "asia/tehran", "ok 👍", "<b>hi</b>"]
    ),
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        min_size=1,
        max_size=12,
    ).filter(lambda s: s.strip() != "" and not s.lstrip().startswith("/")),
)
#: Button data no button of this bot carries now: ids that left the roadmap, and data
#: of another version or none at all.
FORGED = (
    "1:d:retired-resource",
    "1:t:retired-topic",
    "1:e:retired-topic",
    "1:rs:retired-step",
    "1:h:retired-step",
    "1:f:retired-topic",
    "1:x:maybe",
    "1:ne:999999999",
    "1:ny:999999999",
    "1:nt:retired-resource",
    "2:n:",
    "not-a-button",
)
#: A run of study presses: the first of these actions the newest message offers.
ONWARD = (Action.OTHER_LANGUAGE, Action.FRAMEWORK, Action.ELECTIVE, Action.START_HERE)
HOW = {
    "done": Action.DONE,
    "skip": Action.SKIP,
    "skip-topic": Action.SKIP_TOPIC,
    "started": Action.STARTED,
}


def _action(data: str) -> tuple[Action, str] | None:
    try:
        decoded = decode(data)
    except InvalidCallbackData:
        return None
    return decoded.action, decoded.arg


def callback_buttons(message: BotMessage) -> list[tuple[str, str]]:
    """(label, data) of the buttons a learner may press. The Persian interface is left
    out: the screens are read in English."""
    return [
        (button.text, button.callback_data)
        for row in message.buttons
        for button in row
        if button.callback_data and _action(button.callback_data) != (Action.INTERFACE, "fa")
    ]


class ConversationModel(RuleBasedStateMachine):
    """Learners and one bot; every rule is one thing a learner (or the operator) does."""

    def __init__(self) -> None:
        super().__init__()
        began = time.perf_counter()
        self.loop = asyncio.new_event_loop()
        self.workdir = tempfile.mkdtemp(prefix="conversation-model-")
        self.errors = _Errors()
        logging.getLogger().addHandler(self.errors)
        self.fake: FakeTelegram | None = None
        self.bot: RunningBot | None = None
        self.transcript: list[str] = []
        #: Whether each learner's last screen asks for a time zone (None: it may or not).
        self.asked: list[bool | None] = [False] * len(LEARNERS)
        #: Whether each learner's last screen asks for a note (None: it may or not).
        self.noted: list[bool | None] = [False] * len(LEARNERS)
        self.actions_since_restart = 0
        try:
            self.fake = FakeTelegram()
            self.run(self.fake.start())
            url = f"sqlite+aiosqlite:///{self.workdir}/bot.sqlite3"
            self.bot = RunningBot(self.fake, url, roadmap=roadmap())
            self.run(self.bot.start())
        except BaseException:
            self.teardown()
            raise
        self.users = [
            self.fake.user(first_name=name, language_code=code) for name, code in LEARNERS
        ]
        for name in ignored_checks():
            setattr(self, name, _skip)
        STATS.examples += 1
        STATS.startup += time.perf_counter() - began
        self.stepping_since = time.perf_counter()

    # -- plumbing ----------------------------------------------------------------------
    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    @property
    def running(self) -> RunningBot:
        assert self.bot is not None and self.bot.app is not None, "the bot is not running"
        return self.bot

    @property
    def telegram(self) -> FakeTelegram:
        assert self.fake is not None
        return self.fake

    def stored(self, who: int) -> Stored:
        return self.run(read_stored(self.running.services.engine, self.users[who].id))

    async def _settled(self) -> None:
        await settled(self.telegram, quiet=0.0)

    def _events(self, since: int, user: SimUser) -> list[MessageEvent]:
        return [e for e in self.telegram.world.events[since:] if e.message.chat_id == user.chat_id]

    def keyboards(self, who: int) -> list[BotMessage]:
        return [m for m in self.users[who].messages if callback_buttons(m)]

    def note(self, who: int, action: str, events: Sequence[MessageEvent], extra: str = "") -> None:
        shown = (
            ", ".join(
                f"{e.kind} #{e.message.message_id} {screens.kind(e.message.text)}" for e in events
            )
            or "nothing shown"
        )
        self.transcript.append(f"{LEARNERS[who][0]}: {action} -> {shown}{extra}")

    def explain(self, who: int, problem: str, message: BotMessage | None = None) -> str:
        parts = [problem]
        if message is not None:
            parts.append(f"Message #{message.message_id} reads:\n{_indent(message.text)}")
        if self.bot is not None and self.bot.app is not None:
            parts.append(f"{LEARNERS[who][0]}'s rows: {self.stored(who).describe()}")
        parts.append("Last steps:\n" + _indent("\n".join(self.transcript[-15:])))
        return "\n\n".join(parts)

    def teardown(self) -> None:
        began = time.perf_counter()
        if hasattr(self, "stepping_since"):
            STATS.stepping += began - self.stepping_since
        try:
            if self.bot is not None:
                self.run(self.bot.stop())
        finally:
            RunningBot.running[:] = [b for b in RunningBot.running if b is not self.bot]
            try:
                if self.fake is not None:
                    self.run(self.fake.stop())
            finally:
                try:
                    left = asyncio.all_tasks(self.loop)
                    for task in left:
                        task.cancel()
                    if left:
                        self.run(asyncio.wait(left))
                    self.run(self.loop.shutdown_asyncgens())
                finally:
                    self.loop.close()
                    logging.getLogger().removeHandler(self.errors)
                    shutil.rmtree(self.workdir, ignore_errors=True)
                    STATS.teardown += time.perf_counter() - began

    # -- actions -----------------------------------------------------------------------
    async def _send(self, user: SimUser, text: str) -> list[MessageEvent]:
        STATS.actions += 1
        self.actions_since_restart += 1
        since = self.telegram.world.event_seq
        await user.send(text)
        await self._settled()
        return self._events(since, user)

    async def _press(
        self, who: int, where: str, message: BotMessage, label: str, data: str, *, twice: bool
    ) -> list[Press]:
        user = self.users[who]
        engine = self.running.services.engine
        before = await read_stored(engine, user.id)
        since = self.telegram.world.event_seq
        presses = [user.press_data(data, message=message) for _ in range(2 if twice else 1)]
        STATS.actions += len(presses)
        self.actions_since_restart += 1
        query_ids = await asyncio.gather(*presses)
        await self._settled()
        after = await read_stored(self.running.services.engine, user.id)
        events = self._events(since, user)
        queries = self.telegram.callback_queries
        return [Press(where, label, data, queries[q], before, after, events) for q in query_ids]

    def press(
        self,
        who: int,
        where: str,
        message: BotMessage,
        label: str,
        data: str,
        *,
        twice: bool = False,
    ) -> None:
        """Press a button (or forged data) on ``message``, then check what came of it."""
        presses = self.run(self._press(who, where, message, label, data, twice=twice))
        events = presses[0].events
        answers = "; ".join(f"answer {screens.answer_kind(p.toast)} {p.toast!r}" for p in presses)
        times = "twice " if twice else ""
        self.note(
            who,
            f"presses {times}[{label}] ({data}) on {where} #{message.message_id}",
            events,
            f" ({answers})",
        )
        for one in presses:
            STATS.answers[f"{where}: {screens.answer_kind(one.toast)} -> {one.outcome}"] += 1
            self.check_press_answered(who, one)
        if not twice:
            self.check_press_feedback(who, presses[0])
        shown = [e.message for e in events]
        if shown:
            latest = screens.asks_for_time_zone(shown[-1].text)
            previous = self.asked[who]
            self.asked[who] = True if latest else (False if previous is False else None)
            noting = screens.asks_for_note(shown[-1].text)
            previous = self.noted[who]
            self.noted[who] = True if noting else (False if previous is False else None)
        self.check_screens(who, presses[0].after, shown)

    # -- rules -------------------------------------------------------------------------
    @rule(who=LEARNER, command=st.sampled_from(COMMANDS))
    @timed
    def command(self, who: int, command: str) -> None:
        events = self.run(self._send(self.users[who], command))
        self.note(who, command, events)
        self.check_command_answer(who, command, events)
        self.asked[who] = self.noted[who] = False
        self.check_screens(who, self.stored(who), [e.message for e in events])

    @rule(who=LEARNER, text=TEXTS)
    @timed
    def free_text(self, who: int, text: str) -> None:
        asked, noted = self.asked[who], self.noted[who]
        events = self.run(self._send(self.users[who], text))
        self.note(who, f"types {text!r}", events)
        self.check_text_not_asked(who, text, asked, noted, events)
        self.check_text_asked(who, text, asked, noted, events)
        self.check_note_asked(who, text, noted, events)
        new = [e.message for e in events if e.kind == "new"]
        self.asked[who] = bool(new) and screens.asks_for_time_zone(new[-1].text)
        self.noted[who] = bool(new) and screens.asks_for_note(new[-1].text)
        self.check_screens(who, self.stored(who), [e.message for e in events])

    def _with_keyboard(self, minimum: int) -> list[int]:
        return [who for who in range(len(LEARNERS)) if len(self.keyboards(who)) >= minimum]

    @precondition(lambda self: self._with_keyboard(1))
    @rule(data=st.data())
    @timed
    def press_newest(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(self._with_keyboard(1)), label="learner")
        message = self.keyboards(who)[-1]
        label, button = data.draw(st.sampled_from(callback_buttons(message)), label="button")
        self.press(who, "newest", message, label, button)

    @precondition(lambda self: self._with_keyboard(2))
    @rule(data=st.data())
    @timed
    def press_older(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(self._with_keyboard(2)), label="learner")
        older = {m.message_id: m for m in self.keyboards(who)[:-1]}
        message = older[data.draw(st.sampled_from(sorted(older, reverse=True)), label="message")]
        label, button = data.draw(st.sampled_from(callback_buttons(message)), label="button")
        self.press(who, "older", message, label, button)

    @precondition(lambda self: self._with_keyboard(1))
    @rule(data=st.data())
    @timed
    def double_press(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(self._with_keyboard(1)), label="learner")
        message = self.keyboards(who)[-1]
        label, button = data.draw(st.sampled_from(callback_buttons(message)), label="button")
        self.press(who, "double", message, label, button, twice=True)

    @precondition(lambda self: self._with_keyboard(1))
    @rule(data=st.data(), forged=st.sampled_from(FORGED))
    @timed
    def press_forged(self, data: st.DataObject, forged: str) -> None:
        who = data.draw(st.sampled_from(self._with_keyboard(1)), label="learner")
        self.press(who, "forged", self.keyboards(who)[-1], "forged", forged)

    @precondition(lambda self: self._with_keyboard(1))
    @rule(
        data=st.data(),
        how=st.sampled_from(sorted(HOW)),
        presses=st.integers(min_value=1, max_value=20),
    )
    @timed
    def keep_studying(self, data: st.DataObject, how: str, presses: int) -> None:
        """Press on through the newest message: ``how`` on a card, else the first choice."""
        who = data.draw(st.sampled_from(self._with_keyboard(1)), label="learner")
        preferred = (HOW[how], Action.SKIP_TOPIC, *ONWARD)
        for _ in range(presses):
            message = self.keyboards(who)[-1]
            buttons = callback_buttons(message)
            actions = [(_action(payload), label, payload) for label, payload in buttons]
            pick = next(
                (
                    (label, button)
                    for wanted in preferred
                    for action, label, button in actions
                    if action is not None and action[0] is wanted
                ),
                None,
            )
            if pick is None:
                return
            self.press(who, "study", message, *pick)

    @rule(who=LEARNER)
    @timed
    def open_time_zone_prompt(self, who: int) -> None:
        """/reminders, then its buttons to the prompt that asks to type a time zone."""
        events = self.run(self._send(self.users[who], "/reminders"))
        self.note(who, "/reminders", events)
        self.check_command_answer(who, "/reminders", events)
        self.asked[who] = self.noted[who] = False
        self.check_screens(who, self.stored(who), [e.message for e in events])
        for wanted in ("zone", "type"):
            message = self.keyboards(who)[-1]
            label, button = next(
                (label, data)
                for label, data in callback_buttons(message)
                if _action(data) == (Action.REMINDERS, wanted)
            )
            self.press(who, "newest", message, label, button)

    @rule(who=LEARNER)
    @timed
    def open_note_prompt(self, who: int) -> None:
        """/next, then the card's Note button (a card may not be what /next shows)."""
        events = self.run(self._send(self.users[who], "/next"))
        self.note(who, "/next", events)
        self.check_command_answer(who, "/next", events)
        self.asked[who] = self.noted[who] = False
        self.check_screens(who, self.stored(who), [e.message for e in events])
        message = self.keyboards(who)[-1]
        for label, data in callback_buttons(message):
            found = _action(data)
            if found is not None and found[0] is Action.NOTE:
                self.press(who, "newest", message, label, data)
                return

    @precondition(lambda self: self.actions_since_restart >= 2)
    @rule()
    @timed
    def restart(self) -> None:
        """Restart the bot on the same database, between things learners do (restarts
        cost more than anything else, and one after another add nothing)."""
        self.run(self._restart())
        self.transcript.append("(the bot restarts on the same database)")
        self.actions_since_restart = 0

    async def _restart(self) -> None:
        await self._settled()
        await self.running.restart()
        await self._settled()

    # -- invariants after every step ---------------------------------------------------
    @invariant()
    def telegram_refused_nothing(self) -> None:
        self.check_telegram_problems()

    @invariant()
    def nothing_logged_as_error(self) -> None:
        self.check_error_log()

    def check_telegram_problems(self) -> None:
        problems = self.telegram.check_problems()
        if problems:
            raise ModelViolation(
                self.explain(
                    0,
                    "Telegram would have refused or missed these (fake.check_problems()):\n"
                    + _indent("\n".join(problems)),
                )
            )

    def check_error_log(self) -> None:
        if self.errors.records:
            raise ModelViolation(
                self.explain(
                    0,
                    "the bot logged errors:\n"
                    + _indent("\n".join(r.getMessage() for r in self.errors.records)),
                )
            )

    # -- checks on presses -------------------------------------------------------------
    def check_press_answered(self, who: int, press: Press) -> None:
        if not press.record.answered:
            raise ModelViolation(
                self.explain(who, f"the press on [{press.label}] ({press.data}) got no answer")
            )
        if press.record.rejected_answers:
            raise ModelViolation(
                self.explain(
                    who,
                    f"the press on [{press.label}] was answered {press.record.rejected_answers} "
                    "more time(s) than Telegram allows",
                )
            )

    def check_press_feedback(self, who: int, press: Press) -> None:
        changed = press.before.fingerprint() != press.after.fingerprint()
        if changed and press.toast is None and not press.events:
            raise ModelViolation(
                self.explain(
                    who,
                    f"the press on [{press.label}] ({press.data}) changed what is stored "
                    "but the learner saw nothing: no toast, no edit, no message",
                )
            )

    # -- checks on commands and text ---------------------------------------------------
    def check_command_answer(self, who: int, command: str, events: list[MessageEvent]) -> None:
        expected = screens.COMMAND_ANSWERS.get(command, screens.COMMAND_ANSWERS["/unknown"])
        new = [e.message for e in events if e.kind == "new"]
        got = screens.kind(new[0].text) if new else "no message"
        if got not in expected:
            raise ModelViolation(
                self.explain(
                    who,
                    f"{command} was answered with {got!r}, not its own answer "
                    f"({' or '.join(sorted(expected))})",
                    new[0] if new else None,
                )
            )

    def check_text_not_asked(
        self,
        who: int,
        text: str,
        asked: bool | None,
        noted: bool | None,
        events: list[MessageEvent],
    ) -> None:
        """Free text nothing asked for (a command ends any text input) gets the generic
        answer."""
        new = [e.message for e in events if e.kind == "new"]
        got = screens.kind(new[0].text) if new else "no message"
        if asked is False and noted is False and got not in screens.NOT_ASKED_ANSWERS:
            raise ModelViolation(
                self.explain(
                    who,
                    f"free text {text!r} was answered with {got!r}, but no screen since the "
                    "last command asked for text; expected "
                    f"{' or '.join(sorted(screens.NOT_ASKED_ANSWERS))}",
                    new[0] if new else None,
                )
            )

    def check_text_asked(
        self,
        who: int,
        text: str,
        asked: bool | None,
        noted: bool | None,
        events: list[MessageEvent],
    ) -> None:
        """Free text that a screen asked for gets the time-zone answer; in between (the
        learner pressed on elsewhere), either answer (or a note's, if one may be asked)."""
        new = [e.message for e in events if e.kind == "new"]
        got = screens.kind(new[0].text) if new else "no message"
        expected = screens.ZONE_ANSWERS | (frozenset() if asked else screens.NOT_ASKED_ANSWERS)
        if noted is not False:
            expected |= screens.NOTE_ANSWERS
        if asked is not False and got not in expected:
            raise ModelViolation(
                self.explain(
                    who,
                    f"free text {text!r} was answered with {got!r}, but the last screen "
                    f"{'asked' if asked else 'may have asked'} for a time zone; expected "
                    f"{' or '.join(sorted(expected))}",
                    new[0] if new else None,
                )
            )

    def check_note_asked(
        self, who: int, text: str, noted: bool | None, events: list[MessageEvent]
    ) -> None:
        """Free text right after a note prompt (or "too long") is the note: saved, or
        refused as too long; never the generic answer nor a time zone's."""
        new = [e.message for e in events if e.kind == "new"]
        got = screens.kind(new[0].text) if new else "no message"
        if noted is True and got not in screens.NOTE_ANSWERS:
            raise ModelViolation(
                self.explain(
                    who,
                    f"free text {text!r} was answered with {got!r}, but the last screen "
                    f"asked for a note; expected {' or '.join(sorted(screens.NOTE_ANSWERS))}",
                    new[0] if new else None,
                )
            )

    # -- checks on every screen shown --------------------------------------------------
    def check_screens(self, who: int, stored: Stored, shown: Collection[BotMessage]) -> None:
        for message in shown:
            self.check_card_counts(who, stored, message)
            self.check_progress_counts(who, stored, message)
            self.check_map_counts(who, stored, message)
            self.check_reset_counts(who, stored, message)
            self.check_notes_count(who, stored, message)
            self.check_roadmap_counts(who, stored, message)
            self.check_elective_counts(who, stored, message)
            self.check_full_claims(who, stored, message)
            self.check_roadmap_ticks(who, stored, message)
            self.check_finished_claim(who, stored, message)
            self.check_finished_count(who, stored, message)
            self.check_congrats_claim(who, stored, message)

    def check_notes_count(self, who: int, stored: Stored, message: BotMessage) -> None:
        shown = screens.notes_count(message.text)
        if shown is not None and shown != stored.notes:
            raise ModelViolation(
                self.explain(who, f"/notes says {shown} notes; {stored.notes} are stored", message)
            )

    def check_card_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        line = screens.path_line(message.text)
        if line is None:
            return
        state = stored.state()
        if line.elective is None:
            rows, where = count(on_path(state), state.statuses), "on the path"
        else:
            topic = next(
                t
                for step in roadmap().elective_steps
                for t in step.topics
                if t.title.en == line.elective
            )
            rows, where = count(elective_resources(topic, state), state.statuses), topic.id
        shown = (line.resolved, line.total, line.done, line.skipped, line.started, line.unneeded)
        expected = (rows.resolved, rows.total, rows.done, rows.skipped, rows.started, rows.unneeded)
        if shown != expected:
            raise ModelViolation(
                self.explain(
                    who,
                    "the progress line says (resolved, total, done, skipped, started, unneeded)"
                    f" {shown};"
                    f" the rows say {expected} {where}",
                    message,
                )
            )

    def check_progress_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        report = screens.progress_report(message.text, roadmap())
        if report is None:
            return
        state = stored.state()
        rows = count(on_path(state), state.statuses)
        shown = (report.done, report.skipped, report.unneeded, report.left)
        expected = (rows.done, rows.skipped, rows.unneeded, rows.total - rows.resolved)
        wrong = [] if shown == expected else [f"path: shows {shown}, rows {expected}"]
        first = start_step(state)
        for index, step in enumerate(roadmap().steps):
            if step.mode is StepMode.ELECTIVES:
                continue
            want = count(on_path(state, step), state.statuses) if index >= first else None
            if report.steps.get(step.id, "missing") != want:
                wrong.append(
                    f"{step.id}: shows {report.steps.get(step.id, 'nothing')}, rows {want}"
                )
        for step in roadmap().elective_steps:
            for topic in step.topics:
                c = count(elective_resources(topic, state), state.statuses)
                want_pair = (c.resolved, c.total)
                if report.electives.get(topic.id) != want_pair:
                    wrong.append(
                        f"{topic.id}: shows {report.electives.get(topic.id)}, rows {want_pair}"
                    )
        if wrong:
            raise ModelViolation(
                self.explain(
                    who,
                    "/progress differs from the rows (done, skipped, not needed, left):\n"
                    + _indent("\n".join(wrong)),
                    message,
                )
            )

    def check_map_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        if screens.kind(message.text) != "map":
            return
        shown = screens.map_caption(message.text)
        state = stored.state()
        rows = count(on_path(state), state.statuses)
        expected = (
            rows.done,
            rows.skipped,
            rows.unneeded,
            rows.total - rows.resolved,
            rows.started,
        )
        if shown is None or shown[:5] != expected:
            raise ModelViolation(
                self.explain(
                    who,
                    "the map's caption says (done, skipped, not needed, left, in progress)"
                    f" {shown and shown[:5]}; the rows say {expected}",
                    message,
                )
            )

    def check_reset_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        shown = screens.reset_counts(message.text)
        if shown is None:
            return
        rows = Counter(stored.statuses.values())
        said = (shown.done, shown.skipped, shown.started, shown.unneeded)
        deleted = (rows["done"], rows["skipped"], rows["started"], rows["unneeded"])
        if said != deleted:
            raise ModelViolation(
                self.explain(
                    who,
                    f"/reset says it deletes (done, skipped, started, unneeded) {said}; a reset "
                    f"deletes "
                    f"{deleted} rows",
                    message,
                )
            )

    def check_roadmap_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        steps = screens.roadmap_steps(message.text, roadmap())
        if steps is None:
            return
        state = stored.state()
        first = start_step(state)
        wrong = []
        for index, step in enumerate(roadmap().steps):
            shown = steps.get(step.id, "missing")
            if step.mode is StepMode.ELECTIVES:
                resources = [r for t in step.topics for r in elective_resources(t, state)]
            elif index >= first:
                resources = on_path(state, step)
            else:
                if shown is not None:
                    wrong.append(f"{step.id}: shows {shown}, but it is before the start")
                continue
            c = count(resources, state.statuses)
            got = (shown.resolved, shown.total) if isinstance(shown, screens.MapStep) else None
            if got != (c.resolved, c.total):
                wrong.append(f"{step.id}: shows {got}, rows {(c.resolved, c.total)}")
        if wrong:
            raise ModelViolation(
                self.explain(
                    who, "/roadmap differs from the rows:\n" + _indent("\n".join(wrong)), message
                )
            )

    def check_elective_counts(self, who: int, stored: Stored, message: BotMessage) -> None:
        shown = screens.elective_buttons(message.button_texts(), roadmap())
        state = stored.state()
        wrong = []
        for topic_id, (resolved, total) in shown.items():
            topic = roadmap().topic(topic_id)
            assert topic is not None
            c = count(elective_resources(topic, state), state.statuses)
            if (resolved, total) != (c.resolved, c.total):
                wrong.append(f"{topic_id}: shows {resolved}/{total}, rows {c.resolved}/{c.total}")
        if wrong:
            raise ModelViolation(
                self.explain(
                    who,
                    "elective buttons differ from the rows:\n" + _indent("\n".join(wrong)),
                    message,
                )
            )

    def check_full_claims(self, who: int, stored: Stored, message: BotMessage) -> None:
        claims = []
        if line := screens.path_line(message.text):
            claims.append(("the progress line", line.percent, line.bar))
        if report := screens.progress_report(message.text, roadmap()):
            claims.append(("/progress", report.percent, report.bar))
        for where, percent, bar in claims:
            if percent < 100 and not bar.full:
                continue
            left = left_on_path(stored.state())
            if left:
                raise ModelViolation(
                    self.explain(
                        who,
                        f"{where} shows {percent}% and a bar of {bar.filled}/{bar.width}, but "
                        f"{len(left)} item(s) on the path are left: {', '.join(left[:8])}",
                        message,
                    )
                )

    def check_roadmap_ticks(self, who: int, stored: Stored, message: BotMessage) -> None:
        steps = screens.roadmap_steps(message.text, roadmap()) or {}
        state = stored.state()
        for step in roadmap().steps:
            shown = steps.get(step.id)
            if (
                shown is not None
                and shown.ticked
                and (left := left_in_step(state, step, from_beginning=False))
            ):
                raise ModelViolation(
                    self.explain(
                        who,
                        f"/roadmap ticks {step.id} as complete, but {', '.join(left[:8])} "
                        "are left in it",
                        message,
                    )
                )

    def check_finished_claim(self, who: int, stored: Stored, message: BotMessage) -> None:
        claim = screens.finished(message.text)
        if claim is None:
            return
        state = stored.state()
        left = left_on_path(state, from_beginning=claim.whole_roadmap) + left_of_electives(state)
        if left:
            raise ModelViolation(
                self.explain(
                    who,
                    f"the bot says the learner finished "
                    f"{'the whole roadmap' if claim.whole_roadmap else 'their path'}, but "
                    f"{len(left)} item(s) have no status: {', '.join(left[:8])}",
                    message,
                )
            )

    def check_finished_count(self, who: int, stored: Stored, message: BotMessage) -> None:
        claim = screens.finished(message.text)
        if claim is None:
            return
        state = stored.state()
        walk = replace(state, start_at=None) if claim.whole_roadmap else state
        resources = on_path(walk) + [
            r
            for step in roadmap().elective_steps
            for t in step.topics
            for r in elective_resources(t, state)
        ]
        done = count(resources, state.statuses).done
        if claim.done != done:
            raise ModelViolation(
                self.explain(
                    who,
                    f"the finish screen says {claim.done} resources done; the rows hold {done} "
                    "done of what it speaks of",
                    message,
                )
            )

    def check_congrats_claim(self, who: int, stored: Stored, message: BotMessage) -> None:
        numbers = screens.congratulated_steps(message.text)
        if numbers is None:
            return
        state = stored.state()
        by_number = {step.number: step for step in roadmap().steps if step.number is not None}
        wrong = []
        for number in numbers:
            step = by_number.get(number)
            left = left_in_step(state, step, from_beginning=True) if step else ["(no such step)"]
            if left:
                wrong.append(f"step {number}: {', '.join(left[:6])} left")
        if wrong:
            raise ModelViolation(
                self.explain(
                    who,
                    f"the hands-on intro congratulates on passing steps {numbers}, but\n"
                    + _indent("\n".join(wrong)),
                    message,
                )
            )


class _Errors(logging.Handler):
    """Every record logged at ERROR or above while an example runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def test_conversations_keep_the_bot_truthful() -> None:
    try:
        run_state_machine_as_test(ConversationModel, settings=profile())
    finally:
        print(STATS.summary())
