# syntax=docker/dockerfile:1
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN useradd --create-home --uid 10001 bot

COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir .

COPY alembic.ini ./
COPY migrations ./migrations
COPY data ./data

# The SQLite file (default DATABASE_URL) lives in a volume the bot user owns.
RUN mkdir /data && chown bot:bot /data
ENV DATABASE_URL=sqlite+aiosqlite:////data/roadmap-bot.sqlite3 \
    ROADMAP_PATH=/app/data/roadmap.yaml
VOLUME ["/data"]

USER bot
CMD ["python", "-m", "bot"]
