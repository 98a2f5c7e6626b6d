"""Dates as authors write them (day, month or year precision), shown the Dutch way."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

_PATTERN = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DUTCH_ORDER = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def dutch(self) -> str:
        """'5 december 2018', 'december 2018' or '2018'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def first_day(self) -> dt.date:
        """The first day the date can mean: 2021 → 1 January 2021."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date can mean: 2021-02 → 28 February 2021."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key


class DateError(ValueError):
    """Raised with a Dutch message when a date cannot be read."""


def parse_date(text: str) -> PartialDate:
    text = text.strip()
    match = _PATTERN.fullmatch(text)
    if not match:
        dutch = _DUTCH_ORDER.fullmatch(text)
        if dutch:
            d, m, y = dutch.groups()
            raise DateError(f"'{text}' staat in de volgorde dag-maand-jaar; schrijf {y}-{int(m):02d}-{int(d):02d}.")
        raise DateError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ.")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1900 <= year <= 2100:
        raise DateError(f"Het jaar {year} ligt niet tussen 1900 en 2100.")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' bestaat niet: maand {month} bestaat niet (1 t/m 12).")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"'{text}' bestaat niet: {MONTHS[month - 1]} {year} heeft {last} dagen.")
    return PartialDate(year, month, day)
