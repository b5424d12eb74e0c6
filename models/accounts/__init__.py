"""User accounts: Argon2id passwords, lock-out, sign-in."""

from models.accounts import rules  # noqa: E402,F401  (registers the tables' checks with the write path)
