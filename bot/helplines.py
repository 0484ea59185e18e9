"""Helpline loader: reads data/helplines.toml, checks it, and maps IANA zones to countries."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.content import ContentError
from flows.helplines import ALWAYS, DAILY, CountryHelp, Helplines, Line

__all__ = ["load_helplines"]

Table = Mapping[str, Any]

FILE = "data/helplines.toml"
_CODE = re.compile(r"[A-Z]{2}")
# One number as dialled: digits, spaces and dashes, perhaps a leading * or +; alternatives " / ".
_DIALLED = re.compile(r"[*+]?[0-9](?:[0-9 -]*[0-9])?")
_LINE_KEYS = ("name", "phone", "text", "web", "hours", "source", "key")
_LIMITS = {
    "version": 40,
    "emergency": 40,
    "name": 80,
    "phone": 60,
    "text": 40,
    "web": 60,
    "hours": 32,
    "source": 200,
    "key": 40,
}


def _error(key: str, problem: str) -> ContentError:
    return ContentError(FILE, key, problem)


def _tzdata(name: str) -> str:
    """Returns a text file of the tzdata package's zoneinfo directory."""
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise ContentError(f"tzdata/zoneinfo/{name}", "(file)", "missing") from None


def _rows(text: str) -> list[list[str]]:
    """Returns the tab-separated rows of a tzdata table, comments and blank lines left out."""
    return [row.split("\t") for row in text.splitlines() if row and not row.startswith("#")]


def _zone_countries() -> dict[str, str]:
    """Maps each zone of zone.tab to its country, and each old alias of a one-country zone."""
    countries = {row[2]: row[0] for row in _rows(_tzdata("zone.tab"))}
    # zone1970.tab lists every country that shares a zone. An alias of a shared zone may belong
    # to any of them (Atlantic/Jan_Mayen is Norway's, its zone Berlin's): it stays unmapped.
    single = {row[2] for row in _rows(_tzdata("zone1970.tab")) if "," not in row[0]}
    aliases: dict[str, str] = {}
    for line in _tzdata("tzdata.zi").splitlines():
        if not line.startswith("L "):
            continue
        _, target, alias = line.split()
        offset_name = "/" not in alias and alias.isupper()  # EET, HST: an offset, not a place
        if alias not in countries and target in single and target in countries and not offset_name:
            aliases[alias] = countries[target]
    return countries | aliases


def _table(value: Any, key: str) -> Table:
    if not isinstance(value, dict):
        raise _error(key, f"expected a table, got {type(value).__name__}")
    return value


def _only(table: Table, allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise _error(f"{where}.{unknown[0]}" if where else unknown[0], "unknown key")


def _text(table: Table, key: str, where: str, *, required: bool) -> str:
    """Returns a one-line string; an absent optional key is ""."""
    value, path = table.get(key), f"{where}.{key}" if where else key
    if value is None and not required:
        return ""
    if value is None:
        raise _error(path, "missing")
    if not isinstance(value, str):
        raise _error(path, f"expected str, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise _error(path, "empty")
    if "\n" in value:
        raise _error(path, "must be one line")
    if len(value) > _LIMITS[key]:
        raise _error(path, f"longer than {_LIMITS[key]} characters")
    return value


def _dialled(value: str, path: str) -> str:
    """Checks a number, or numbers joined by " / ", looks like something one can dial."""
    if value and not all(_DIALLED.fullmatch(part) for part in value.split(" / ")):
        raise _error(path, f"{value!r} is not a number as dialled (digits, spaces, dashes)")
    return value


_DAILY_HOURS = re.compile(r"\d{1,2}:\d{2}–\d{1,2}:\d{2}")


def _hours(value: str, path: str) -> str:
    """ "24/7", or "daily 15:30–00:30": the two shapes every language can say."""
    if value != ALWAYS and not (
        value.startswith(DAILY) and _DAILY_HOURS.fullmatch(value.removeprefix(DAILY))
    ):
        raise _error(path, f'{value!r}: write "24/7" or "daily HH:MM–HH:MM"')
    return value


def _line(item: Any, where: str, *, web_enough: bool) -> Line:
    t = _table(item, where)
    _only(t, _LINE_KEYS, where)
    line = Line(
        name=_text(t, "name", where, required=True),
        phone=_dialled(_text(t, "phone", where, required=False), f"{where}.phone"),
        text=_text(t, "text", where, required=False),
        hours=_hours(_text(t, "hours", where, required=True), f"{where}.hours"),
        source=_text(t, "source", where, required=True),
        web=_text(t, "web", where, required=False),
        key=_text(t, "key", where, required=False),
    )
    if not (line.phone or line.text or (web_enough and line.web)):
        # someone in crisis must be able to reach a person now, not only read a website
        needs = "a phone, a text or a web address" if web_enough else "a phone or a text"
        raise _error(where, f"needs {needs}")
    if not line.source.startswith("https://") or " " in line.source:
        raise _error(f"{where}.source", f"{line.source!r} is not an https:// address")
    return line


def _help(value: Any, where: str, country: str, *, web_enough: bool = False) -> CountryHelp:
    t = _table(value, where)
    _only(t, ("emergency", "line"), where)
    emergency = _dialled(_text(t, "emergency", where, required=True), f"{where}.emergency")
    items = t.get("line")
    if not isinstance(items, list) or not items:
        raise _error(f"{where}.line", "no helplines: leave the country out instead")
    lines = tuple(
        _line(item, f"{where}.line[{i}]", web_enough=web_enough) for i, item in enumerate(items, 1)
    )
    return CountryHelp(country, emergency, lines)


def _reviewed(root: Table) -> date:
    value = root.get("reviewed")
    if value is None:
        raise _error("reviewed", "missing")
    if type(value) is not date:  # a datetime is a date too, but not what a review records
        raise _error("reviewed", "expected a date such as 2026-12-06")
    return value


def load_helplines(data_dir: Path) -> Helplines:
    """Loads data/helplines.toml; raises ContentError naming the file and key of a problem."""
    try:
        root: Table = tomllib.loads((data_dir / "helplines.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _error("(file)", "missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _error("(syntax)", str(exc)) from None
    _only(root, ("version", "reviewed", "country", "fallback"), "")
    version = _text(root, "version", "", required=True)
    reviewed = _reviewed(root)
    zone_country = _zone_countries()
    iso = {row[0] for row in _rows(_tzdata("iso3166.tab"))}
    zoned = set(zone_country.values())
    countries: dict[str, CountryHelp] = {}
    for code, value in _table(root.get("country", {}), "country").items():
        where = f"country.{code}"
        if not _CODE.fullmatch(code):
            raise _error(where, "not an upper-case ISO 3166 alpha-2 code")
        if code not in iso:
            raise _error(where, "not an ISO 3166 country code (tzdata's iso3166.tab)")
        if code not in zoned:
            raise _error(where, "no time zone belongs to this country, so no one would get it")
        countries[code] = _help(value, where, code)
    if "fallback" not in root:
        raise _error("fallback", "missing")
    fallback = _help(root["fallback"], "fallback", "", web_enough=True)
    return Helplines(
        version=version,
        reviewed=reviewed,
        countries=MappingProxyType(countries),
        fallback=fallback,
        zone_country=MappingProxyType(zone_country),
    )
