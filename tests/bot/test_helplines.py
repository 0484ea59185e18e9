"""The helpline file: the shipped one loads and reaches its countries; broken ones are refused."""

from __future__ import annotations

import re
import shutil
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from bot.content import ContentError, default_data_dir
from bot.helplines import load_helplines
from flows.helplines import Helplines, for_zone

REAL = default_data_dir()
SAMARITANS_GB = "https://www.samaritans.org/how-we-can-help/contact-samaritan/"


def tzdata_rows(name: str) -> list[list[str]]:
    """Returns the rows of a tzdata table, read here independently of the loader."""
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [row.split("\t") for row in text.splitlines() if row and not row.startswith("#")]


@pytest.fixture(scope="module")
def shipped() -> Helplines:
    """Returns the shipped data/helplines.toml, loaded."""
    return load_helplines(REAL)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """Returns a scratch data directory with a copy of the helpline file that a test may break."""
    shutil.copy(REAL / "helplines.toml", tmp_path / "helplines.toml")
    return tmp_path


def edit(data: Path, pattern: str, replacement: str) -> None:
    """Rewrites the first match of `pattern` in the copy's helpline file."""
    path = data / "helplines.toml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text, pattern
    path.write_text(new, encoding="utf-8")


def country_toml(code: str) -> str:
    """Returns a complete, well-formed country entry for `code`."""
    return (
        f'\n[country.{code}]\nemergency = "112"\n\n[[country.{code}.line]]\nname = "Help"\n'
        'phone = "116 123"\nhours = "24/7"\nsource = "https://example.org"\n'
    )


def refusal(data: Path) -> str:
    """Returns the one-line message of the ContentError that loading `data` raises."""
    with pytest.raises(ContentError) as caught:
        load_helplines(data)
    assert "\n" not in str(caught.value)
    return str(caught.value)


# --- the shipped file ----------------------------------------------------------------------


def test_every_country_has_an_emergency_number_and_a_sourced_line(shipped: Helplines) -> None:
    """Each country and the fallback: an emergency number, ≥ 1 line, each sourced and reachable."""
    assert len(shipped.countries) >= 22
    for code, help in [*shipped.countries.items(), ("fallback", shipped.fallback)]:
        assert help.emergency, code
        assert help.lines, code
        assert all(line.source.startswith("https://") for line in help.lines), code
        assert all(line.phone or line.text or line.web for line in help.lines), code


def test_the_requested_countries_are_all_listed(shipped: Helplines) -> None:
    """Each of the 22 countries the file must cover, GB to ZA, has its own entry."""
    wanted = {"GB", "IE", "US", "CA", "AU", "NZ", "DE", "AT", "CH", "ES", "MX", "AR", "CO"}
    wanted |= {"CL", "FR", "IT", "NL", "BE", "PT", "IN", "JP", "ZA"}
    assert wanted <= set(shipped.countries)


def test_the_shipped_file_was_reviewed_within_a_year(shipped: Helplines) -> None:
    """`reviewed` is no more than 365 days old and not in the future: numbers go stale."""
    age = (date.today() - shipped.reviewed).days
    assert 0 <= age <= 365, f"data/helplines.toml was last reviewed {age} days ago"


def test_each_common_zone_gets_its_countrys_entry_and_utc_the_fallback(
    shipped: Helplines,
) -> None:
    """Every zone offered at onboarding, in every language, resolves to its zone.tab country's
    entry; UTC falls back."""
    zones = tomllib.loads((REAL / "zones.toml").read_text(encoding="utf-8"))
    offered = [*zones["common"], *(z for listed in zones["common_for"].values() for z in listed)]
    assert "America/Mexico_City" in offered and "Europe/Zurich" in offered
    countries = {row[2]: row[0] for row in tzdata_rows("zone.tab")}
    for zone in offered:
        expected = countries.get(zone, "")
        assert for_zone(shipped, zone).country == expected, zone
        assert expected in shipped.countries or zone == "UTC", zone
    assert for_zone(shipped, "UTC") == shipped.fallback


def test_every_country_code_is_a_real_iso_code() -> None:
    """Each [country.XX] of the raw file is a code in tzdata's iso3166.tab."""
    raw = tomllib.loads((REAL / "helplines.toml").read_text(encoding="utf-8"))
    iso = {row[0] for row in tzdata_rows("iso3166.tab")}
    assert sorted(set(raw["country"]) - iso) == []


def test_old_zone_names_map_only_when_their_country_is_certain(shipped: Helplines) -> None:
    """A backward alias of a one-country zone maps; one of a shared zone or an offset does not."""
    assert shipped.zone_country["Asia/Calcutta"] == "IN"
    assert shipped.zone_country["US/Eastern"] == "US"
    assert "Atlantic/Jan_Mayen" not in shipped.zone_country  # Norway's, but its zone is Berlin's
    assert "CET" not in shipped.zone_country
    assert "UTC" not in shipped.zone_country


# --- broken files --------------------------------------------------------------------------


def test_a_line_with_neither_phone_nor_text_is_refused(copy: Path) -> None:
    """Samaritans GB with its phone removed (it has no text number) is refused by name."""
    edit(copy, r'^phone = "116 123"\n', "")
    assert refusal(copy) == "data/helplines.toml: country.GB.line[1]: needs a phone or a text"


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("UK", "not an ISO 3166 country code (tzdata's iso3166.tab)"),
        ("Gb", "not an upper-case ISO 3166 alpha-2 code"),
        ("BV", "no time zone belongs to this country, so no one would get it"),
    ],
)
def test_an_unknown_or_malformed_country_code_is_refused(
    copy: Path, code: str, problem: str
) -> None:
    """UK (the code is GB), a lower-case code and a country no zone belongs to are refused."""
    with (copy / "helplines.toml").open("a", encoding="utf-8") as f:
        f.write(country_toml(code))
    assert refusal(copy) == f"data/helplines.toml: country.{code}: {problem}"


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (r'^emergency = "999"$', 'emergency = ""', "country.GB.emergency: empty"),
        (
            rf'^source = "{re.escape(SAMARITANS_GB)}"\n',
            "",
            "country.GB.line[1].source: missing",
        ),
        (
            r'^phone = "116 123"$',
            'phone = "call 116 123"',
            "country.GB.line[1].phone: 'call 116 123' is not a number as dialled"
            " (digits, spaces, dashes)",
        ),
        (r'^hours = "24/7"$', 'hours = "24/7"\nfax = "1"', "country.GB.line[1].fax: unknown key"),
        (r"^reviewed = .*$", 'reviewed = "2026-12-06"', "reviewed: expected a date such as"),
    ],
)
def test_a_broken_entry_is_refused_with_its_key(
    copy: Path, pattern: str, replacement: str, message: str
) -> None:
    """An empty emergency number, a missing source, a worded phone, a typo'd key, a text date."""
    edit(copy, pattern, replacement)
    assert refusal(copy).startswith(f"data/helplines.toml: {message}")


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    """No helpline file at all: refused, naming the file."""
    assert refusal(tmp_path) == "data/helplines.toml: (file): missing"
