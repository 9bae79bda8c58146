# backend-roadmap-bot: long polling by default, webhook mode when WEBHOOK_URL is set.
# Migrations run when the bot starts. Build: docker build -t backend-roadmap-bot .

# --- build: install the bot and its dependencies into a virtualenv (no compiler needed:
#     every dependency ships wheels for this platform) -------------------------------------
FROM python:3.11.14-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
RUN python -m venv /opt/venv
# The dependencies first, in their own layer: the pinned versions (scripts/lock), each file
# checked against its hash. Only a change to the pins reinstalls them, not one to the code.
COPY requirements/runtime.txt ./requirements/
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes --no-deps -r requirements/runtime.txt
# Then the project itself: a regular (non-editable) install, its dependencies already in
# place. pip check proves nothing is missing; pip and setuptools then leave the runtime venv.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY fake_bot_api ./fake_bot_api
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps . \
    && /opt/venv/bin/pip check \
    && /opt/venv/bin/pip uninstall --yes pip setuptools

# --- runtime ----------------------------------------------------------------------------
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:${PATH}" \
    DATABASE_URL=sqlite+aiosqlite:////data/roadmap-bot.sqlite3 \
    ROADMAP_PATH=/app/data/roadmap.yaml \
    HEALTH_FILE=/data/bot.health.json

# FriBiDi: Pillow's wheel carries raqm, which loads it from the system to lay out Persian
# right to left in map pictures (the font travels inside the bot's package).
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libfribidi0=1.0.* \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb

# An unprivileged user; /data (the SQLite file and the health status file, by default) is
# the only place it writes.
RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app bot \
    && mkdir /data \
    && chown 10001:10001 /data

COPY --from=build /opt/venv /opt/venv

# The migrations runner looks for migrations/ in the working directory.
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
COPY data ./data
# The roadmap data's source and licence (Apache-2.0) travel with it.
COPY NOTICE ./

USER 10001:10001
VOLUME ["/data"]
# The webhook server (WEBHOOK_PORT); unused in long-polling mode.
EXPOSE 8080

# Long polling: polling has not stopped (HEALTH_FILE) and the database answers.
# Webhook mode: the bot's own GET /healthz answers 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# SIGTERM (docker stop) stops gracefully: updates in hand are finished first.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot"]
