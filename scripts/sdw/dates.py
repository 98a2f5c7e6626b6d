"""Dates as authors write them (day, month or year precision), shown the Dutch way."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")

# The years a date or a year field may name (rules.py words the range for authors).
FIRST_YEAR = 1900
LAST_YEAR = 2100

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
    """A date that cannot be read. `why` says what is wrong (rules.invalid_date words it):
    "order" (day-month-year; `suggestion` is the date as it should be written), "form" (not a
    date), "year" (`year` outside FIRST_YEAR..LAST_YEAR), "month" (`month` does not exist), "day"
    (`year`-`month` has only `last_day` days)."""

    def __init__(self, why: str, text: str, *, suggestion: str = "", year: int = 0, month: int = 0,
                 last_day: int = 0) -> None:
        super().__init__(f"{why}: {text}")
        self.why, self.text, self.suggestion = why, text, suggestion
        self.year, self.month, self.last_day = year, month, last_day


def parse_date(text: str) -> PartialDate:
    text = text.strip()
    match = _PATTERN.fullmatch(text)
    if not match:
        dutch = _DUTCH_ORDER.fullmatch(text)
        if dutch:
            d, m, y = dutch.groups()
            raise DateError("order", text, suggestion=f"{y}-{int(m):02d}-{int(d):02d}")
        raise DateError("form", text)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError("year", text, year=year)
    if month is not None and not 1 <= month <= 12:
        raise DateError("month", text, month=month)
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError("day", text, year=year, month=month, last_day=last)
    return PartialDate(year, month, day)
