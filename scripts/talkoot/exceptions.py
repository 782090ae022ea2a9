"""The project's errors. A `TalkootError` is shown to editors as a bare Finnish message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, located as precisely as the source allows."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class TalkootError(Exception):
    """An error whose message is meant for people, not a traceback."""


class ContentError(TalkootError):
    """Content that does not validate; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def summary(self) -> str:
        count = len(self.problems)
        return f"Sisällössä on {count} {'virhe' if count == 1 else 'virhettä'}."
