"""backend-roadmap-bot: a Telegram study bot for the Python Backend Engineer Roadmap."""

import os

# Opt in to python-telegram-bot's coming behaviour: durations (such as RetryAfter's
# retry_after) are timedelta objects. Without this PTB warns on every 429 it parses.
os.environ.setdefault("PTB_TIMEDELTA", "1")
