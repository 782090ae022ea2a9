"""A fake GitHub REST API on 127.0.0.1 for tests (see :mod:`fakegithub.server`)."""

from .server import (
    BOT_LOGIN,
    FAULT_KINDS,
    ROLES,
    WORKFLOW_STATES,
    ApiError,
    FakeGitHub,
    Fault,
    LoggedRequest,
    git_blob_sha,
    user_id,
)

__all__ = [
    "BOT_LOGIN",
    "FAULT_KINDS",
    "ROLES",
    "WORKFLOW_STATES",
    "ApiError",
    "FakeGitHub",
    "Fault",
    "LoggedRequest",
    "git_blob_sha",
    "user_id",
]
