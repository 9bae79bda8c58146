"""Long polling watched: 409s said once, a refused getUpdates ends the process, a status file."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from http import HTTPStatus
from pathlib import Path

from telegram.error import Conflict, TelegramError

log = logging.getLogger(__name__)

#: PTB's long-poll timeout (seconds): an idle getUpdates answers at least this often.
POLL_TIMEOUT = 10.0
#: No getUpdates answered for this long (PTB's back-off is at most 30 s): polling is stuck.
STALE_AFTER = 120.0
#: The heartbeat in the status file is written at most this often (seconds).
HEARTBEAT_EVERY = 10.0
#: A 409 Conflict that goes on is said again at most this often (seconds).
CONFLICT_REPEAT = 60.0
CONFLICT = (
    "another instance is polling with this token (409 Conflict): stop the other one, "
    "or use webhook mode for several instances"
)
_REFUSED = {
    HTTPStatus.UNAUTHORIZED: "Telegram answered getUpdates 401 Unauthorized: token revoked?",
    HTTPStatus.NOT_FOUND: (
        "the Bot API server or a proxy in front of it answers 404 to getUpdates: wrong "
        "TELEGRAM_API_BASE_URL, or a deploy in progress"
    ),
}


class PollingRefused(Exception):
    """getUpdates was answered 401 or 404: PTB stops polling for good."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(_REFUSED[HTTPStatus(status)])


@dataclass
class PollingStatus:
    """What the status file says: the bot's pid, polling or stopped (and why), last poll."""

    pid: int
    state: str  # "polling" or "stopped"
    reason: str | None = None
    #: Unix time of the last answered getUpdates (None: none yet).
    last_poll: float | None = None
    #: Unix time polling started.
    since: float | None = None


def write_status(path: Path, status: PollingStatus) -> None:
    """Replace the status file at once (readers never see half of it)."""
    temporary = path.with_name(f".{path.name}.{status.pid}")
    temporary.write_text(json.dumps(asdict(status)), encoding="utf-8")
    os.replace(temporary, path)


def read_status(path: Path) -> PollingStatus | None:
    """The status file's contents; None when there is none (or it is unreadable)."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        return PollingStatus(**values)
    except (OSError, ValueError, TypeError):
        return None


def polling_problem(
    status: PollingStatus, now: float, stale_after: float = STALE_AFTER
) -> str | None:
    """Why long polling is not working according to ``status``; None when it is."""
    if status.state != "polling":
        return f"long polling stopped: {status.reason or 'the bot is not running'}"
    last = status.last_poll if status.last_poll is not None else status.since
    if last is not None and now - last > stale_after:
        return f"long polling stalled: no getUpdates answered for {now - last:.0f} s"
    return None


class PollingWatch:
    """Follows long polling: the status of each getUpdates answer and PTB's polling errors.

    ``answered`` is given every getUpdates HTTP status (``TelegramRequest.on_status``);
    ``failed`` is PTB's ``error_callback`` for failed polls. A 401 or 404 sets
    ``refused`` and ``refused_event``: PTB has given up polling, the runner stops.
    """

    def __init__(
        self,
        status_file: Path | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.status_file = status_file
        self.clock, self.wall = clock, wall
        self.refused: PollingRefused | None = None
        self.on_refused: Callable[[], None] | None = None
        self.conflicts = 0
        self._conflict_said: float | None = None
        self._status = PollingStatus(pid=os.getpid(), state="stopped")
        self._written = -HEARTBEAT_EVERY

    def started(self) -> None:
        self._status = PollingStatus(pid=os.getpid(), state="polling", since=self.wall())
        self._write(force=True)

    def stopped(self, reason: str) -> None:
        self._status.state, self._status.reason = "stopped", reason
        self._write(force=True)

    def answered(self, status: int) -> None:
        if status == HTTPStatus.OK:
            if self.conflicts:
                log.info(
                    "long polling works again after %d conflicts: the other instance stopped",
                    self.conflicts,
                )
                self.conflicts, self._conflict_said = 0, None
            self._status.last_poll = self.wall()
            self._write()
        elif status in _REFUSED and self.refused is None:
            self.refused = PollingRefused(status)
            if self.on_refused is not None:
                self.on_refused()

    def failed(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            self._conflict()
            return
        log.warning("long polling: getUpdates failed, retrying: %s", error)
        log.debug("the failed getUpdates", exc_info=error)

    def _conflict(self) -> None:
        self.conflicts += 1
        now = self.clock()
        if self._conflict_said is not None and now - self._conflict_said < CONFLICT_REPEAT:
            return
        repeats = f" ({self.conflicts} conflicts so far)" if self.conflicts > 1 else ""
        log.warning("long polling: %s%s", CONFLICT, repeats)
        self._conflict_said = now

    def _write(self, *, force: bool = False) -> None:
        if self.status_file is None:
            return
        now = self.clock()
        if not force and now - self._written < HEARTBEAT_EVERY:
            return
        self._written = now
        try:
            write_status(self.status_file, self._status)
        except OSError as exc:
            log.warning("cannot write the health status file %s: %s", self.status_file, exc)
            self.status_file = None  # said once; polling goes on without it
