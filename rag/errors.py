"""The error a user can act on, told apart from a defect.

``Assistant.ask`` lets a ``UsageError`` through, since its message says what to change (a mode the
index lacks, an unknown scope, an adapter for another model), and turns any other exception, a
defect met by one question, into a plain answer so that a batch or an eval run goes on.
"""

from __future__ import annotations


class UsageError(ValueError):
    """A request this index or configuration cannot serve; the message says what to do."""
