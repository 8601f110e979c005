"""What can go wrong when searching, as messages that say how to fix it."""

from __future__ import annotations

from kb.errors import KbError


class IndexMissingError(KbError):
    """There is no search index where the command looks for one."""


class IndexUnavailableError(KbError):
    """The index kept changing under a search (builds in quick succession)."""


class QueryError(KbError):
    """A filter value or a query file the command cannot use."""
