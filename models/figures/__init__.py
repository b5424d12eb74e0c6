"""Read models for people to look at: coverage (全覆盖) of a year's round, statistics, the home page
figures and the archive overview."""
