"""Plain data for each printed form, read from the archive (``reports`` lays it out, never queries)."""
