"""The coach as a chat in the terminal: same flows, same database, choices numbered.

Follow-ups are printed when they come due (the scheduler tick runs alongside the prompt).
Ctrl-D or Ctrl-C leaves; everything said so far is already stored, so the next start resumes.
Files are written where a chat app would show them: the recap's chart as a PNG under
<BACKCOACH_HOME>/recap/, an export under <BACKCOACH_HOME>/export/, the clinician summary's PDF
under <BACKCOACH_HOME>/summary/; their paths are printed, and
after /delete the terminal removes them too.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.chart import png_async
from bot.coach import Coach
from bot.export import CSV_NAME, EXPORT, JSON_NAME, export_files, write_files
from bot.logs import described
from bot.render import as_text
from bot.said import Delivery, Said
from bot.storage import DueEvent
from bot.summary import SUMMARY, summary_file_async
from bot.ticker import Ticker
from flows.catalogue import keys
from flows.content import FALLBACK_LANGUAGE, primary_language
from flows.model import LANGUAGE_HINT, Chart, Event, EventKind

log = logging.getLogger(__name__)
K = keys("common", "error")

TERMINAL_USER = "terminal:local"
PROMPT = "> "
EXPORT_DIR = Path("var") / "export"  # the cli passes <BACKCOACH_HOME>/export
RECAP_DIR = Path("var") / "recap"  # the cli passes <BACKCOACH_HOME>/recap
RECAP_NAME = "backcoach-recap-{:%Y-%m-%d-%H%M%S}.png"
RECAP_GLOB = "backcoach-recap-*.png"
SUMMARY_DIR = Path("var") / "summary"  # the cli passes <BACKCOACH_HOME>/summary
SUMMARY_GLOB = "backcoach-summary-*.pdf"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # the order POSIX gives them
TERMINAL = keys("terminal", "banner", "bye", "bye_erased")


def event_from(line: str) -> Event:
    """Turns a typed line into an event: "/name rest" is a command, anything else an answer."""
    text = line.strip()
    if text.startswith("/") and len(text) > 1:
        name, _, rest = text[1:].partition(" ")
        return Event(EventKind.COMMAND, name=name.split("@", 1)[0].lower(), value=rest.strip())
    return Event(EventKind.ANSWER, value=text)


class TerminalChat:
    """Reads lines, runs turns, prints replies; prints due follow-ups as they arrive."""

    def __init__(
        self,
        coach: Coach,
        out: TextIO = sys.stdout,
        *,
        user: str = TERMINAL_USER,
        export_dir: Path = EXPORT_DIR,
        recap_dir: Path = RECAP_DIR,
        summary_dir: Path = SUMMARY_DIR,
    ) -> None:
        self.coach = coach
        self.out = out
        self.user = user
        self.export_dir = export_dir
        self.recap_dir = recap_dir
        self.summary_dir = summary_dir
        self.erased = False  # the last turn erased the person
        self.language = FALLBACK_LANGUAGE  # the person's, as of the last turn shown
        # the terminal's locale stands for Telegram's language_code: "es_ES.UTF-8" is Spanish
        self.hint = next(
            (os.environ[name] for name in LOCALE_VARIABLES if os.environ.get(name)), None
        )
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()

    def hinted(self, event: Event) -> Event:
        """The event with the terminal's language, as Telegram sends a language_code."""
        if self.hint is None:
            return event
        return dataclasses.replace(event, payload={**event.payload, LANGUAGE_HINT: self.hint})

    async def show(self, said: Said) -> None:
        """Prints the replies; a chart and an export are written as files whose paths are
        printed; after a deletion those files are removed."""
        self.language = said.language
        for reply in said.replies:
            self.out.write(as_text(self.coach.content, said.language, reply) + "\n\n")
            if reply.chart is not None:
                await self._draw(said, reply.chart)
            if reply.attachment is not None:
                await self._attach(said, reply.attachment)
        self.erased = said.deleted
        if said.deleted:
            await self._remove_files()
        self.out.flush()

    async def _draw(self, said: Said, chart: Chart) -> None:
        try:
            picture = await png_async(chart, self.coach.content, said.language)
            name = RECAP_NAME.format(datetime.now())
            (path,) = await asyncio.to_thread(write_files, self.recap_dir, [(name, picture)])
        except Exception as error:
            log.error("recap chart failed: %s", described(error))
            return  # the recap's words were printed; the picture is a bonus
        self.out.write(f"  chart: {path}\n\n")

    def written(self) -> list[Path]:
        """The files this terminal writes for its person that are on disk now."""
        exports = [self.export_dir / name for name in (JSON_NAME, CSV_NAME)]
        charts = sorted(self.recap_dir.glob(RECAP_GLOB)) if self.recap_dir.is_dir() else []
        summary = self.summary_dir
        summaries = sorted(summary.glob(SUMMARY_GLOB)) if summary.is_dir() else []
        return [path for path in (*exports, *charts, *summaries) if path.is_file()]

    async def _remove_files(self) -> None:
        removed = []
        for path in self.written():
            try:
                path.unlink()
            except OSError as error:
                log.error("could not remove a file after /delete: %s", type(error).__name__)
                self.out.write(f"  could not remove {path.resolve()}: remove it yourself\n")
                continue
            removed.append(path.resolve())
        for path in removed:
            self.out.write(f"  removed {path}\n")
        if removed:
            self.out.write("\n")

    async def _attach(self, said: Said, attachment: str) -> None:
        if attachment not in (EXPORT, SUMMARY):
            log.warning("unknown attachment %r: not written", attachment)
            return
        try:
            if attachment == SUMMARY:
                history, made_at = said.attachments[SUMMARY]
                made = await summary_file_async(history, self.coach.content, made_at)
                written = await asyncio.to_thread(write_files, self.summary_dir, [made])
            else:
                files = export_files(said.attachments[EXPORT])
                written = await asyncio.to_thread(write_files, self.export_dir, files)
        except Exception as error:
            log.error("export failed: %s", described(error))
            self.out.write(self.coach.content.text(self.language, K.error) + "\n\n")
            return
        for path in written:
            self.out.write(f"  {path}\n")
        self.out.write("\n")

    async def deliver(self, due: DueEvent, said: Said) -> Delivery:
        """Prints replies produced by a due event for this terminal's person."""
        if due.external_id == self.user and said.replies:
            self.out.write("\n")
            await self.show(said)
            self.out.write(PROMPT)
            self.out.flush()
        return Delivery.sent(said.prompt_message_id)

    async def send(self, event: Event) -> None:
        """Runs one turn and prints its replies; a failure is apologised for, not fatal."""
        try:
            said = await self.coach.handle_external(self.user, None, event)
        except Exception as error:
            # The turn's transaction rolled back: nothing was half-saved. No answer text is logged
            # (nor the exception's message, which may quote it).
            log.error("turn failed (event kind %s): %s", event.kind.value, described(error))
            self.out.write(self.coach.content.text(self.language, K.error) + "\n\n")
            return
        await self.show(said)

    def _read_stdin(self, loop: asyncio.AbstractEventLoop, stream: TextIO) -> None:
        # A daemon thread: a blocked read never holds up leaving.
        for line in iter(stream.readline, ""):
            loop.call_soon_threadsafe(self._lines.put_nowait, line)
        loop.call_soon_threadsafe(self._lines.put_nowait, None)

    async def run(
        self, stream: TextIO = sys.stdin, *, tick_seconds: float = 2.0, ticker: Ticker | None = None
    ) -> None:
        """Runs the chat until end of input; `ticker` delivers to `self.deliver` (bot.compose
        builds it from the settings; by default one with the default settings)."""
        ticker = ticker or Ticker(self.coach, self.deliver)
        scheduler = AsyncIOScheduler()
        ticker.schedule(scheduler, tick_seconds)
        scheduler.start()
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read_stdin, args=(loop, stream), daemon=True).start()
        banner = self.coach.content.offered(primary_language(self.hint))
        self.out.write(self.coach.content.text(banner, TERMINAL.banner) + "\n\n")
        try:
            # Opening the chat is like /start: it begins onboarding or picks up where we left off.
            start = self.hinted(Event(EventKind.COMMAND, name="start"))
            await self.show(await self.coach.handle_external(self.user, None, start))
            await ticker.tick()
            while True:
                self.out.write(PROMPT)
                self.out.flush()
                line = await self._lines.get()
                if line is None:
                    break
                if not line.strip():
                    continue
                await self.send(self.hinted(event_from(line)))
        finally:
            scheduler.shutdown(wait=False)
            bye = TERMINAL.bye_erased if self.erased else TERMINAL.bye  # erased: nothing saved
            self.out.write(f"\n{self.coach.content.text(self.language, bye)}\n")
            self.out.flush()
