"""Bot API error answers, worded the way Telegram words them."""

from __future__ import annotations

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
GETUPDATES_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
SETWEBHOOK_CONFLICT = "Conflict: terminated by setWebhook request"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


class ApiError(Exception):
    """A Telegram-shaped error answer: HTTP status, description and optional retry_after."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        problem: bool = True,
        injected: bool = False,
        html: bool = False,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.problem = problem  # counts as a rule violation by the bot
        self.injected = injected  # produced by a FaultRule, not by the bot's behaviour
        self.html = html  # answered as a proxy's HTML error page, not as JSON

    def payload(self) -> dict[str, object]:
        """Return the JSON body Telegram would send for this error."""
        body: dict[str, object] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body

    def page(self) -> str:
        """Return the HTML error page a proxy in front of Telegram (nginx) would send."""
        title = f"{self.status} {self.description}"
        return (
            f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
            f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n"
        )


def bad_request(reason: str) -> ApiError:
    """Return a 400 "Bad Request: <reason>" error."""
    return ApiError(400, f"Bad Request: {reason}")


def too_many_requests(retry_after: int, *, injected: bool = False) -> ApiError:
    """Return a 429 flood-wait error (never counted as a bot problem)."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        retry_after=retry_after,
        problem=False,
        injected=injected,
    )
