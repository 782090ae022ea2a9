"""One registration per account per workshop: the first valid one counts.

A cancelled registration (closed as not planned) is never seen here, so cancelling
frees the account to register again. Editors (triage or more) may register several
companies: their logins are `unlimited`. Pure; the Action finds the editors among the
accounts with more than one registration (`repeat_authors`), so only they cost a call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import Protocol


class _Entry(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def workshop(self) -> str: ...


class _Issue(Protocol):
    @property
    def author(self) -> str: ...
    @property
    def cancelled(self) -> bool: ...


class Counted:
    """The registrations counted so far, by account and workshop."""

    def __init__(self, unlimited: Collection[str] = ()) -> None:
        self.unlimited = {login.lower() for login in unlimited}
        self._first: dict[tuple[str, str], int] = {}

    def first(self, author: str, entry: _Entry) -> int | None:
        """The number of the account's earlier counted registration for the same
        workshop (then `entry` is a duplicate), or None (it counts, and is noted)."""
        login = author.lower()
        if not login or login in self.unlimited:
            return None
        key = (login, entry.workshop)
        if key in self._first:
            return self._first[key]
        self._first[key] = entry.number
        return None


def repeat_authors(issues: Iterable[_Issue]) -> set[str]:
    """Logins with more than one registration that is not cancelled."""
    counts = Counter(
        issue.author.lower() for issue in issues if issue.author and not issue.cancelled
    )
    return {login for login, count in counts.items() if count > 1}


def duplicate_comment(workshop: str, original: int | None) -> str:
    first = f" #{original}" if original is not None else ""
    return (
        f"Kiitos ilmoittautumisesta! Olet jo ilmoittautunut työpajaan {workshop}"
        f" ilmoittautumisella{first}, joten tätä **toista ilmoittautumista ei oteta mukaan**."
        " Samalta GitHub-tililtä otetaan mukaan yksi ilmoittautuminen työpajaa kohden.\n\n"
        f"Jos haluat muuttaa osallistujamäärää, muokkaa ilmoittautumista{first}. Voit sulkea"
        " tämän issuen valinnalla **Close as not planned**. Jos ilmoittaudut toisen"
        " organisaation puolesta, ota yhteyttä järjestäjään."
    )
