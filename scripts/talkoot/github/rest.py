"""Plain REST reads and writes that github3.py 4.0.1 has no call for (issue events, the
repository's issue comments), through the same retrying session as everything else."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from talkoot.github.session import Repo

#: The most items GitHub gives in one page.
PER_PAGE = 100


def url(repo: Repo, *parts: str) -> str:
    """`{api}/repos/{owner}/{name}/<parts>`."""
    repository = repo.repository
    return str(repository._build_url(*parts, base_url=repository._api))


def pages(repo: Repo, address: str, params: Mapping[str, str] | None = None) -> Iterator[Any]:
    """Every item of a list endpoint, following `Link: rel="next"`."""
    repository = repo.repository
    query: dict[str, str] | None = {"per_page": str(PER_PAGE), **(params or {})}
    target: str | None = address
    while target is not None:
        response = repository._get(target, params=query)
        items = repository._json(response, 200, include_cache_info=False)
        yield from items or []
        target = response.links.get("next", {}).get("url")
        query = None  # the next link carries the query


def patch(repo: Repo, address: str, data: Mapping[str, Any]) -> Any:
    repository = repo.repository
    return repository._json(repository._patch(address, data=json.dumps(dict(data))), 200)
