"""Personal major matters: matter types, 一事一报 reports and their workflow, deadlines (the one
timeliness rule), the type-specific blocks, the annual 集中报告 round, the ledger (台账)."""

from models.matters import guard, rules  # noqa: E402,F401  (registers the tables' checks with the write path)
