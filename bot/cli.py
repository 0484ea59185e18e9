"""The `backcoach` command: run, serve, chat, migrate, advise; bot.compose builds the parts."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot import advise
from bot.content import ContentError
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def _configure_logging(settings: Settings, *, quiet: bool) -> None:
    configure_logging(settings.log_level, quiet=quiet)


async def _chat(settings: Settings) -> int:
    from bot import compose
    from bot.chat import TerminalChat

    coaching = await compose.Coaching.start(settings)
    try:
        home = settings.home
        chat = TerminalChat(
            coaching.coach,
            export_dir=home / "export",
            recap_dir=home / "recap",
            summary_dir=home / "summary",
        )
        ticker = compose.ticker(settings, coaching.coach, chat.deliver)
        await chat.run(tick_seconds=min(settings.tick_seconds, 1.0), ticker=ticker)
    finally:
        await coaching.stop()
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Opens the coach as a chat in this terminal."""
    _configure_logging(settings, quiet=True)
    try:
        return asyncio.run(_chat(settings))
    except KeyboardInterrupt:
        return 0  # the chat has said goodbye on its way out


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Runs the Telegram bot when a token is set; otherwise opens the terminal chat."""
    if settings.telegram_bot_token is None:
        print("No TELEGRAM_BOT_TOKEN set: opening the coach as a chat in this terminal instead.\n")
        return cmd_chat(args, settings)
    from bot.telegram.app import run_bot

    _configure_logging(settings, quiet=False)
    return run_bot(settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Runs the Telegram bot in webhook mode: an HTTP server for Telegram to post updates to."""
    missing = [
        name
        for name, value in (
            ("TELEGRAM_BOT_TOKEN", settings.telegram_bot_token),
            ("BACKCOACH_WEBHOOK_URL", settings.webhook_url),
            ("BACKCOACH_WEBHOOK_SECRET", settings.webhook_secret),
        )
        if value is None
    ]
    if missing:
        print(
            f"backcoach serve: set {', '.join(missing)} (see README: Polling or webhook)",
            file=sys.stderr,
        )
        return 2
    from bot.web.server import serve

    _configure_logging(settings, quiet=False)
    return serve(settings)


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    """Brings the database schema up to date."""
    from bot.storage import upgrade_sync

    _configure_logging(settings, quiet=False)
    upgrade_sync(settings.db_url)
    print("Database is up to date.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="backcoach", description="A coach for recovering from low back pain."
    )
    sub = parser.add_subparsers(dest="command")
    commands = (
        ("run", cmd_run),
        ("serve", cmd_serve),
        ("chat", cmd_chat),
        ("migrate", cmd_migrate),
    )
    for name, func in commands:
        sub.add_parser(name, help=(func.__doc__ or "").strip()).set_defaults(handler=func)
    advise.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `backcoach` command."""
    args = build_parser().parse_args(argv)
    if args.command == "advise":
        return int(args.func(args))
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"backcoach: {error}", file=sys.stderr)
        return 2
    handler = getattr(args, "handler", cmd_run)
    try:
        return int(handler(args, settings))
    except ContentError as error:
        # content is checked before anything starts: name the file and key, without a traceback
        print(
            f"backcoach: the coach's content is not valid, nothing started: {error}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
