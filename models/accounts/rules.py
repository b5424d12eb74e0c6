"""The checks of a user's record, registered with the write path."""
from __future__ import annotations

from models.accounts.tables import User
from models.writing.actor import ROLES
from models.writing.rules import one_of, register


def user_rule(merged, clean, existing, problems, warnings, today) -> None:
    one_of(User, merged, "role", ROLES, problems)


register(User, rule=user_rule)
