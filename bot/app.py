"""Composition root: builds the Application, its dependencies and its handler list."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.callback_data import Action, pattern
from bot.config import METRICS_PATH, Settings
from bot.context import BotApplication, BotContext, Services
from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.uow import units_of_work
from bot.handlers import (
    admin,
    fallback,
    guide,
    language,
    membership,
    notes,
    onboarding,
    plan,
    privacy,
    progress,
    reminders,
    reset,
    review,
    roadmap,
    study,
)
from bot.handlers.common import on_button
from bot.handlers.errors import error_handler
from bot.i18n import LOCALES, Translator
from bot.map.draw import render
from bot.map.fonts import check_layout
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.roadmap.models import Roadmap
from bot.runtime.concurrency import PerUserUpdateProcessor
from bot.runtime.dispatcher import JOB_NAME, NudgeDispatcher
from bot.runtime.metrics import Metrics
from bot.runtime.polling import PollingWatch
from bot.runtime.profile import register_profile
from bot.runtime.ratelimit import SmoothRateLimiter
from bot.runtime.telegram_bot import TolerantBot, requests
from bot.services.admin import AdminService
from bot.services.clock import Clock, utcnow
from bot.services.learning import LearningService
from bot.services.maps import MapPictures
from bot.services.notes import NoteService
from bot.services.nudges import NudgeService
from bot.services.onboarding import OnboardingService
from bot.services.presence import PresenceService
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.review import ReviewService
from bot.services.study_plan import PlanService

if TYPE_CHECKING:  # imported when needed: long polling starts faster without aiohttp
    from bot.runtime.scrape import MetricsServer

log = logging.getLogger(__name__)

#: Updates the bot asks Telegram for.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
#: Commands in the menu, in this order; descriptions come from the catalogues.
MENU_COMMANDS = (
    "next",
    "roadmap",
    "progress",
    "notes",
    "reminders",
    "language",
    "reset",
    "forget",
    "help",
    "start",
)
#: Where ``post_init`` keeps the nudge dispatcher (``dispatcher_of``).
DISPATCHER = "nudge-dispatcher"
#: Where ``post_init`` keeps the metrics server of METRICS_PORT, for ``post_shutdown``.
METRICS_SERVER = "metrics-server"
#: Where the application keeps what watches its long polling (``polling_watch_of``).
POLLING = "polling-watch"
#: Updates processed at once (each learner's own updates stay in order).
MAX_CONCURRENT_UPDATES = 64


def register_handlers(app: BotApplication) -> None:
    """Every handler, in order: the first match wins, so order matters."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    commands = {
        "start": onboarding.start_command,
        "next": study.next_command,
        "roadmap": roadmap.roadmap_command,
        "progress": progress.progress_command,
        "language": language.language_command,
        "reset": reset.reset_command,
        "help": guide.help_command,
        "reminders": reminders.reminders_command,
        "notes": notes.notes_command,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=private))
    # In groups the bot only points people to a private chat; everything else is ignored.
    app.add_handler(CommandHandler(["start", "help"], fallback.group_message, filters=groups))

    buttons = [
        ((Action.ONBOARD_MATERIAL, Action.ONBOARD_START), onboarding.onboarding_button),
        ((Action.DONE, Action.SKIP, Action.STARTED), study.mark_button),
        ((Action.UNDO,), study.undo_button),
        ((Action.REVISIT,), study.revisit_button),
        ((Action.KNOW_TOPIC,), study.know_topic_button),
        ((Action.TOPIC, Action.SHOW, Action.UNKNOW_TOPIC), study.topic_button),
        (
            (
                Action.SKIP_TOPIC,
                Action.OTHER_LANGUAGE,
                Action.FRAMEWORK,
                Action.ELECTIVE,
                Action.NEXT,
            ),
            study.study_button,
        ),
        ((Action.FRAMEWORK_MENU, Action.ELECTIVE_MENU), study.menu_button),
        (
            (Action.ROADMAP, Action.OPEN_STEP, Action.START_HERE, Action.UNSKIP_FROM),
            roadmap.roadmap_button,
        ),
        (
            (
                Action.LANGUAGE_MENU,
                Action.MATERIAL,
                Action.MATERIAL_NEXT,
                Action.INTERFACE,
                Action.INTERFACE_MENU,
                Action.PRICE,
                Action.OTHER_LANGUAGE_ALWAYS,
            ),
            language.language_button,
        ),
        ((Action.RESET,), reset.reset_button),
        ((Action.MAP,), progress.map_button),
        ((Action.NOTE,), notes.note_button),
        (
            (Action.NOTES, Action.NOTE_EDIT, Action.NOTE_DELETE, Action.NOTE_DELETE_YES),
            notes.notes_button,
        ),
        ((Action.PLAN, Action.PLAN_SET), plan.plan_button),
        ((Action.REMINDERS, Action.REMINDER_SET, Action.REVIEW_SET), reminders.reminders_button),
        ((Action.ONBOARD_REMIND,), reminders.onboarding_reminder),
        ((Action.REVIEW,), review.review_button),
    ]
    for actions, handler in buttons:
        app.add_handler(CallbackQueryHandler(on_button(handler), pattern=pattern(*actions)))
    app.add_handler(CallbackQueryHandler(fallback.invalid_button))  # forged or outdated data

    app.add_handler(MessageHandler(private & filters.COMMAND, fallback.unknown_command))
    app.add_handler(MessageHandler(private & filters.TEXT, fallback.free_text))
    app.add_handler(MessageHandler(private, fallback.unsupported_message))
    app.add_handler(
        ChatMemberHandler(membership.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    app.add_error_handler(error_handler)


async def register_menus(app: BotApplication, translator: Translator) -> None:
    """Put the commands in Telegram's menu, in English (default) and Persian."""

    async def register(locale: str) -> None:
        text = translator.locale(locale)
        menu = [BotCommand(name, text.plain(f"menu-{name}")) for name in MENU_COMMANDS]
        language_code = None if locale == "en" else locale
        try:
            await app.bot.set_my_commands(menu, language_code=language_code)
        except TelegramError as exc:
            log.warning("could not register the %s command menu: %s", locale, exc)

    await asyncio.gather(*(register(locale) for locale in LOCALES))


def dispatcher_of(app: BotApplication) -> NudgeDispatcher:
    """The running application's nudge dispatcher (to run it outside its periodic job)."""
    dispatcher: NudgeDispatcher = app.bot_data[DISPATCHER]
    return dispatcher


async def serve_metrics(app: BotApplication, metrics: Metrics, host: str, port: int) -> None:
    """Serve GET /metrics on ``host:port`` until ``post_shutdown``; OSError if it is taken."""
    from bot.runtime.scrape import MetricsServer

    server = MetricsServer(metrics)
    await server.start(host, port)
    app.bot_data[METRICS_SERVER] = server
    log.info("metrics: GET http://%s:%d%s", host, port, METRICS_PATH)


def polling_watch_of(app: BotApplication) -> PollingWatch:
    """What watches the application's long polling (its getUpdates answers and errors)."""
    watch: PollingWatch = app.bot_data[POLLING]
    return watch


def build_application(
    settings: Settings,
    *,
    roadmap: Roadmap | None = None,
    roadmap_path: Path | None = None,
    clock: Clock = utcnow,
    migrate: bool = True,
) -> BotApplication:
    """Build the bot; the roadmap is loaded (and validated) here, the database in post_init."""
    path = roadmap_path or settings.roadmap_path or default_roadmap_path()
    holder = RoadmapHolder(roadmap or load_roadmap(path), path)
    translator = Translator()
    metrics = Metrics()
    check_layout()  # a WARNING if Persian map pictures cannot be shaped

    async def post_init(app: BotApplication) -> None:
        if migrate:
            await upgrade_async(settings.database_url)
        engine = create_engine(settings.database_url)
        units = units_of_work(engine)
        learning = LearningService(units, holder, clock)
        reminders = ReminderService(units, clock)
        nudges = NudgeService(
            units,
            holder,
            clock,
            quiet_days=settings.nudge_quiet_days,
            lease=timedelta(seconds=settings.nudge_lease_seconds),
        )
        dispatcher = NudgeDispatcher(
            nudges,
            translator,
            rate_per_second=(
                settings.nudge_rate_per_second
                if settings.nudge_rate_per_second < settings.rate_limit_per_second
                else None  # the whole budget: the bot's own limiter paces them
            ),
            batch_size=settings.nudge_batch_size,
            paid_broadcast=settings.nudge_paid_broadcast,
            metrics=metrics,
        )
        services = Services(
            settings=settings,
            engine=engine,
            roadmap=holder,
            presence=PresenceService(units, clock),
            learning=learning,
            reminders=reminders,
            onboarding=OnboardingService(units, learning, reminders),
            privacy=PrivacyService(units, clock),
            admin=AdminService(units, holder, clock),
            nudges=nudges,
            notes=NoteService(units, holder, clock),
            plans=PlanService(units, holder, clock),
            review=ReviewService(units, holder, clock),
            i18n=translator,
            maps=MapPictures(render),
            metrics=metrics,
        )
        app.bot_data["services"] = services
        app.bot_data[DISPATCHER] = dispatcher
        # Menus and profile texts, all at once: each is a round trip to Telegram
        # before the first getUpdates.
        await asyncio.gather(register_menus(app, translator), register_profile(app, translator))
        if settings.nudge_check_seconds and app.job_queue is not None:
            app.job_queue.run_repeating(
                dispatcher.job,
                interval=settings.nudge_check_seconds,
                first=min(5.0, settings.nudge_check_seconds),
                name=JOB_NAME,
                # A dispatch can outlast many ticks (100,000 nudges take an hour). A
                # second instance sees it running and returns at once; with APScheduler's
                # default of one, every tick would log a warning instead.
                job_kwargs={"max_instances": 2},
            )
        if settings.metrics_port is not None:
            await serve_metrics(app, metrics, settings.metrics_listen, settings.metrics_port)
        if settings.webhook is None:  # webhook mode says so once its server listens
            log.info(
                "@%s is starting long polling; stop it with Ctrl+C (or SIGTERM)",
                app.bot.username,
            )

    async def post_shutdown(app: BotApplication) -> None:
        server: MetricsServer | None = app.bot_data.pop(METRICS_SERVER, None)
        if server is not None:
            await server.stop()
        services: Services | None = app.bot_data.get("services")
        if services is not None:
            await services.engine.dispose()

    base = settings.telegram_api_base_url
    watch = PollingWatch()
    request, get_updates_request = requests(metrics, on_poll_status=watch.answered)
    telegram = TolerantBot(
        token=settings.token,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        rate_limiter=SmoothRateLimiter(settings.rate_limit_per_second),
        request=request,
        get_updates_request=get_updates_request,
    )
    app = cast(
        BotApplication,
        Application.builder()
        .bot(telegram)
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(PerUserUpdateProcessor(MAX_CONCURRENT_UPDATES, metrics))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build(),
    )
    app.bot_data[POLLING] = watch
    admin.register(app, settings)  # /stats, /reload: ADMIN_IDS only; before the catch-alls
    privacy.register(app)  # /forget and its yes/no buttons; before the catch-alls
    register_handlers(app)
    return app
