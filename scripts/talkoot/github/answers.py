"""The bot's answers on an issue: one summary comment, edited in place, and a new short
notice comment when the state changes in a way the sender must hear about (an edit of
a comment notifies nobody).

The summary ends with a hidden state marker (`<!-- talkoot:tila=jonossa -->`), so the
next run knows the state the sender last saw. A notice is posted before the summary is
updated and carries its own marker; a notice with the same state made after the summary
was last updated means an earlier run posted it already. So running the same work again
adds nothing, and a run that stopped between the two writes does not notify twice.

`BotComments` reads the comments of many issues at once through the repository's
comment list (`GET /repos/{o}/{r}/issues/comments?since=`), which is far cheaper than
one read per issue.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from talkoot.github import rest
from talkoot.github.session import BOT_MARKER, Repo, is_bot

log = logging.getLogger("talkoot.github")

_STATE = re.compile(r"\n*<!-- talkoot:tila=([a-z0-9-]+) -->\s*\Z")
_NOTICE = re.compile(r"\A<!-- talkoot:ilmoitus=([a-z0-9-]+) -->")
Notice = Callable[[str | None], str | None]


@dataclass(frozen=True)
class Posted:
    """A comment of the bot on one issue, however it was read."""

    url: str
    body: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass
class IssueComments:
    summary: Posted | None = None
    notices: tuple[Posted, ...] = ()


def summary_body(text: str, state: str | None) -> str:
    tail = f"\n\n<!-- talkoot:tila={state} -->" if state else ""
    return f"{BOT_MARKER}\n{text}{tail}"


def state_of(body: str) -> str | None:
    match = _STATE.search(body)
    return match.group(1) if match else None


def _stamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def sort_comments(found: Iterable[tuple[str, Posted]]) -> IssueComments:
    """The bot's (login, comment) pairs of one issue, oldest first, sorted out."""
    result = IssueComments()
    notices: list[Posted] = []
    for login, comment in found:
        if not is_bot(login):
            continue
        if comment.body.startswith(BOT_MARKER) and result.summary is None:
            result.summary = comment
        elif _NOTICE.match(comment.body):
            notices.append(comment)
    result.notices = tuple(notices)
    return result


def of_issue(issue: Any) -> IssueComments:
    """The bot's comments on one issue (one paged read)."""
    return sort_comments(
        (
            comment.user.login,
            Posted(comment._api, comment.body or "", comment.created_at, comment.updated_at),
        )
        for comment in issue.comments()
    )


def of_repository(repo: Repo, since: dt.datetime | None) -> dict[int, IssueComments]:
    """The bot's comments on every issue, from comments updated at or after `since`."""
    address = rest.url(repo, "issues", "comments")
    found: dict[int, list[tuple[str, Posted]]] = {}
    params = {"sort": "created", "direction": "asc"}
    if since is not None:
        params["since"] = since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for item in rest.pages(repo, address, params):
        number = str(item.get("issue_url") or "").rsplit("/", 1)[-1]
        if not number.isdigit():
            continue
        posted = Posted(
            str(item["url"]),
            str(item.get("body") or ""),
            _stamp(item["created_at"]),
            _stamp(item["updated_at"]),
        )
        found.setdefault(int(number), []).append(
            (str((item.get("user") or {}).get("login")), posted)
        )
    return {number: sort_comments(pairs) for number, pairs in found.items()}


def answer(
    repo: Repo,
    issue: Any,
    text: str,
    state: str | None,
    *,
    notice: Notice | None = None,
    known: IssueComments | None = None,
) -> bool:
    """Bring the summary up to date and post a notice when `notice(old_state)` gives one.

    `known` is what `of_repository` found (None: read the issue's comments). Returns
    whether anything was written.
    """
    comments = known if known is not None else of_issue(issue)
    summary = comments.summary
    body = summary_body(text, state)
    wrote = False
    if summary is not None and notice is not None and state is not None:
        message = notice(state_of(summary.body))
        if message and not _noticed(comments.notices, state, summary.updated_at):
            repo._write(
                f"#{issue.number}: ilmoitus",
                lambda: issue.create_comment(f"<!-- talkoot:ilmoitus={state} -->\n{message}"),
                lambda: _noticed_since(issue, state, summary.updated_at),
            )
            log.info("#%d: ilmoitettiin muutoksesta (%s)", issue.number, state)
            wrote = True
    if summary is not None:
        if summary.body != body:
            rest.patch(repo, summary.url, {"body": body})
            log.info("#%d: päivitettiin kommentti", issue.number)
            wrote = True
        return wrote
    repo._write(
        f"#{issue.number}: kommentti",
        lambda: issue.create_comment(body),
        lambda: repo.bot_comment(issue),
    )
    log.info("#%d: kommentoitiin", issue.number)
    return True


def _noticed(notices: Iterable[Posted], state: str, since: dt.datetime) -> bool:
    """Whether a notice of `state` was posted at or after `since`."""
    for notice in notices:
        match = _NOTICE.match(notice.body)
        if match and match.group(1) == state and _stamp(notice.created_at) >= _stamp(since):
            return True
    return False


def _noticed_since(issue: Any, state: str, since: dt.datetime) -> bool | None:
    return True if _noticed(of_issue(issue).notices, state, since) else None
