"""``python -m bot chat``: talk to the real bot in this terminal, with no token and no network.

The real application runs against the project's fake Telegram Bot API server (on
127.0.0.1, in this process) and a throw-away SQLite database (``--database URL`` keeps
one). You are a Telegram user; type what you would type in Telegram:

  /start, /next, any text   sent to the bot as a message
  N                         press button N of the newest message that has buttons
  M.N                       press button N of message #M (each message shows its #)
  \\TEXT                     send TEXT as it is (e.g. \\7 sends the text "7")
  /quit (or Ctrl+D)         leave

The bot's answers are shown as plain text (as Telegram displays them), edits marked
"(edited)", buttons numbered, link buttons with their URL, toasts after a press.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import re
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import ALLOWED_UPDATES, build_application
from bot.cli import plain
from bot.config import ConfigError, load_settings
from bot.context import BotApplication
from bot.roadmap.loader import RoadmapError
from bot.runtime.logs import setup_logging
from fake_bot_api import BotMessage, FakeTelegram, SimUser

#: Shaped like a BotFather token, which is all the fake checks; Telegram never sees it.
FAKE_TOKEN = "123456789:CHAT-" + "x" * 30
QUIT = "/quit"
#: Your first name when ``--name`` is not given: one that reads right in a greeting in the
#: language you chose ("Hi Sara!", «سلام سارا!»), not an English word inside Persian.
DEFAULT_NAMES = {"fa": "سارا"}
DEFAULT_NAME = "Sara"
#: How long the bot may take over one line before the chat says it is still busy. Only
#: a bound for a stuck bot: the chat waits for the bot's work itself, not for a time.
BUSY_SECONDS = 60.0
#: How often to look whether the bot has confirmed every update (the fake signals requests,
#: not confirmations).
_LOOK_SECONDS = 0.01
_PRESS = re.compile(r"^(?:#?(?P<message>\d+)\.)?(?P<button>\d+)$")


@dataclass
class Transcript:
    """Prints what the bot did in the user's chat since the last look."""

    fake: FakeTelegram
    user: SimUser
    seen_events: int = 0
    seen_problems: int = 0
    queries: list[str] = field(default_factory=list)

    def show_news(self) -> None:
        world = self.fake.world
        changed: dict[int, str] = {}  # message id -> "new" | "edit", in order of first change
        for event in world.events[self.seen_events :]:
            if event.message.chat_id == self.user.chat_id:
                changed.setdefault(event.message.message_id, event.kind)
        self.seen_events = len(world.events)
        for query_id in self.queries:
            self._show_answer(query_id)
        self.queries.clear()
        for message_id, kind in changed.items():
            message = world.bot_message(self.user.chat_id, message_id)
            if message is not None:
                show_message(message, edited=kind == "edit")
        for problem in world.problems[self.seen_problems :]:
            say(f"! Telegram would reject this: {problem}")
        self.seen_problems = len(world.problems)

    def _show_answer(self, query_id: str) -> None:
        record = self.fake.callback_queries[query_id]
        if not record.answered:
            say("! the bot did not answer the button press")
        elif record.answer and record.answer.get("text"):
            kind = "alert" if record.answer.get("show_alert") else "toast"
            say(f"({kind}) {record.answer['text']}")


def say(text: str = "") -> None:
    print(text, flush=True)


def show_message(message: BotMessage, *, edited: bool) -> None:
    """One bot message: header, text, then its buttons numbered row by row."""
    say(f"bot #{message.message_id}{' (edited)' if edited else ''}:")
    if message.photo is not None:
        photo = message.photo
        say(f"  [{picture(message.message_id, photo.width, photo.height, photo.data)}]")
    for line in message.text.splitlines() or [""]:
        say(f"  {line}".rstrip())
    number = 0
    for row in message.buttons:
        cells = []
        for button in row:
            number += 1
            target = f" <{button.url}>" if button.url else ""
            cells.append(f"[{number}] {button.text}{target}")
        say("  " + "   ".join(cells))
    say()


def picture(message_id: int, width: int, height: int, data: bytes) -> str:
    """A photo as the terminal can show it: its size, and a file with it where one can be
    written (the system's temporary directory)."""
    size = f"a picture, {width}×{height} px"
    if not data:
        return size
    path = Path(tempfile.gettempdir()) / f"roadmap-bot-chat-{message_id}.png"
    try:
        path.write_bytes(data)
    except OSError:
        return size
    return f"{size}: {path}"


def newest_with_buttons(user: SimUser) -> BotMessage | None:
    return next((m for m in reversed(user.messages) if m.buttons), None)


async def press(user: SimUser, transcript: Transcript, message_id: int | None, n: int) -> None:
    """Press button ``n`` (1-based, row by row) of a message, like a tap in Telegram."""
    if message_id is None:
        message = newest_with_buttons(user)
        if message is None:
            say(f"(no message has buttons yet; type \\{n} to send {n} as text)")
            return
    else:
        message = transcript.fake.world.bot_message(user.chat_id, message_id)
        if message is None or not message.buttons:
            say(f"(there is no message #{message_id} with buttons)")
            return
    flat = [button for row in message.buttons for button in row]
    if not 1 <= n <= len(flat):
        say(f"(message #{message.message_id} has buttons 1 to {len(flat)})")
        return
    button = flat[n - 1]
    if button.url:
        say(f"(opens {button.url})")
    elif button.callback_data is not None:
        transcript.queries.append(await user.press_data(button.callback_data, message=message))
    else:
        say("(this kind of button does nothing here)")


async def handle(line: str, user: SimUser, transcript: Transcript) -> None:
    """Act on one (non-blank) line the person typed."""
    if line.startswith("\\"):
        await user.send(line[1:])
    elif match := _PRESS.match(line.strip()):
        message_id = int(match["message"]) if match["message"] else None
        await press(user, transcript, message_id, int(match["button"]))
    else:
        await user.send(line.strip())


def _read_lines(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
    """Runs in a daemon thread: stdin's lines into ``queue`` (None at end of input)."""
    for line in sys.stdin:
        loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\r\n"))
    loop.call_soon_threadsafe(queue.put_nowait, None)


async def handled(
    fake: FakeTelegram, *apps: BotApplication, quiet: float = 0.15, within: float = BUSY_SECONDS
) -> None:
    """Wait until the bots (``apps``) have handled every update sent so far, then until
    they are quiet.

    A pause in a bot's requests is no sign that it is done: a handler may spend a while
    on the database before it answers (on a busy machine, longer than any quiet period).
    So, in order: every update is taken (the fake forgets an update once a later
    ``getUpdates`` confirms it, and PTB's updater polls again only after it has queued
    what it got; a webhook update is queued before its 200); each application has
    finished each one (its update queue's ``task_done`` runs when the handlers have
    returned, their requests answered); and then nothing else is on its way
    (``settle``: e.g. a job's message).
    """
    async with asyncio.timeout(within):
        while fake.world.updates.pending_count:
            await fake.world.changed.wait(_LOOK_SECONDS)  # a confirmation is not signalled
        for app in apps:
            await app.update_queue.join()
    await fake.settle(quiet=quiet, timeout=within)


async def converse(app: BotApplication, fake: FakeTelegram, user: SimUser) -> None:
    """Read lines until /quit or the end of input; after each, wait for the bot, show news."""
    transcript = Transcript(fake, user)
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    reader = threading.Thread(
        target=_read_lines, args=(asyncio.get_running_loop(), queue), daemon=True
    )
    reader.start()
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print("you> ", end="", flush=True)
        line = await queue.get()
        if line is None or line.strip() == QUIT:
            return
        if not interactive:
            say(f"you> {line}")
        if not line.strip():
            continue
        await handle(line, user, transcript)
        try:
            await handled(fake, app)
        except TimeoutError as exc:
            say(f"! the bot is still busy: {str(exc) or f'no answer within {BUSY_SECONDS:.0f}s'}")
        transcript.show_news()


async def start_bot(app: BotApplication) -> None:
    """Start the application and its long polling, as ``run_polling`` would, and return."""
    updater = app.updater
    if updater is None:
        raise RuntimeError("the chat polls the fake Telegram: the application needs an updater")
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    await updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)


async def stop_bot(app: BotApplication) -> None:
    """Stop what ``start_bot`` started, then shut the application down."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()


async def chat(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="roadmap-bot-chat-") as tmp:
        database = args.database or f"sqlite+aiosqlite:///{Path(tmp) / 'chat.sqlite3'}"
        async with FakeTelegram() as fake:
            name = args.name or DEFAULT_NAMES.get(args.language, DEFAULT_NAME)
            user = fake.user(first_name=name, language_code=args.language)
            try:
                settings = load_settings(
                    _env_file=None,
                    telegram_bot_token=FAKE_TOKEN,
                    database_url=database,
                    telegram_api_base_url=fake.base_url,
                    roadmap_path=args.roadmap,
                    admin_ids=[user.id] if args.admin else [],
                )
                app = build_application(settings)
            except (ConfigError, RoadmapError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            await start_bot(app)
            try:
                kept = "a temporary one" if args.database is None else database
                say("Chatting with the bot on a fake Telegram (no token, no network).")
                say(f"Database: {kept}.")
                say("Type /start to begin, a button's number to press it, /quit to leave.")
                say()
                await converse(app, fake, user)
            finally:
                await stop_bot(app)
    return 0


def _utf8(stream: object) -> None:
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="replace", line_buffering=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot chat",
        description=plain(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--database", metavar="URL", help="keep the conversation in this database")
    parser.add_argument("--roadmap", type=Path, metavar="PATH", help="the roadmap file to serve")
    parser.add_argument("--language", default="en", help="your Telegram language_code (en, fa)")
    parser.add_argument(
        "--name", help="your first name in Telegram (default: Sara, «سارا» with --language fa)"
    )
    parser.add_argument("--admin", action="store_true", help="make you an admin (/stats, /reload)")
    parser.add_argument("--verbose", action="store_true", help="show the bot's INFO logs")
    args = parser.parse_args(argv)
    _utf8(sys.stdout)
    _utf8(sys.stdin)
    setup_logging("INFO" if args.verbose else "WARNING", "text", secrets=[FAKE_TOKEN])
    try:
        return asyncio.run(chat(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): leave quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
