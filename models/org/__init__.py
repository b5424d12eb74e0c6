"""Townships (乡镇/街道) and their villages and communities (村/社区)."""

from models.org import rules  # noqa: E402,F401  (registers the tables' checks with the write path)
