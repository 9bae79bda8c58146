"""Fault injection: make chosen Bot API calls fail, stall or lose their connection."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FaultRule:
    """One rule; fires on matching calls until `times` firings are used up (None: forever)."""

    method: str | None = None
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    times: int | None = 1
    delay: float = 0.0
    drop_connection: bool = False
    chat_id: int | None = None
    #: Answer with an HTML error page (text/html), as a proxy or Telegram's front end does.
    html: bool = False
    fired: int = 0

    @property
    def exhausted(self) -> bool:
        """Return True once the rule has fired `times` times."""
        return self.times is not None and self.fired >= self.times

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        """Return True if this rule applies to a call of `method` aimed at `chat_id`."""
        if self.exhausted:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    @property
    def error_description(self) -> str:
        """Return the description to send (Telegram's wording for 429 unless overridden)."""
        if self.status == 429 and self.description == FaultRule.description:
            return f"Too Many Requests: retry after {self.error_retry_after}"
        return self.description

    @property
    def error_retry_after(self) -> int | None:
        """Return retry_after to send: as given, or 1 for a 429 without one."""
        if self.retry_after is None and self.status == 429:
            return 1
        return self.retry_after


class FaultPlan:
    """An ordered list of fault rules, checked against every incoming Bot API call."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []

    def add(
        self,
        method: str | None = None,
        *,
        status: int = 500,
        description: str = "Internal Server Error",
        retry_after: int | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        drop_connection: bool = False,
        chat_id: int | None = None,
        html: bool = False,
    ) -> FaultRule:
        """Append a rule (method None matches any method) and return it."""
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for unlimited)")
        rule = FaultRule(
            method=method,
            status=status,
            description=description,
            retry_after=retry_after,
            times=times,
            delay=delay,
            drop_connection=drop_connection,
            chat_id=chat_id,
            html=html,
        )
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule."""
        self.rules.clear()

    def take(self, method: str, chat_id: int | str | None) -> FaultRule | None:
        """Return the first matching rule, counting one firing; None if nothing matches."""
        for rule in self.rules:
            if rule.matches(method, chat_id):
                rule.fired += 1
                return rule
        return None
