"""Errors of the indexing side. Their messages are shown to the user, one line each."""

from __future__ import annotations


class VerbatimError(Exception):
    """Base class: a problem the user can act on; the message says what to do next."""


class UnreadableDocument(VerbatimError):
    """A file that cannot be read as text (binary, undecodable, too large). Shown to the user."""


class CorpusNotFound(VerbatimError):
    """The corpus folder does not exist. Shown to the user."""


class IndexMissing(VerbatimError):
    """No index at the given location. Shown to the user."""


class IndexLocked(VerbatimError):
    """Another process holds the index's write lock. Shown to the user."""


class IndexDamaged(VerbatimError):
    """The index cannot be opened or disagrees with itself. Shown to the user."""


class BadQuery(VerbatimError):
    """A query or a filter that cannot be understood. Shown to the user."""
