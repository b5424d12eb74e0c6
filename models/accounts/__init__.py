"""User accounts: Argon2id passwords, lock-out, sign-in."""
