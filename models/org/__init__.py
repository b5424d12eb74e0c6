"""Townships (乡镇/街道) and their villages and communities (村/社区)."""
