"""The personnel file (人事档案): the person and their parts, the catalogue of materials, the access
and loan registers (登记簿), transfers, ID photos; saving a whole file; the roster (花名册) list and
the timeline and history of one file."""

from models.personnel import rules  # noqa: E402,F401  (registers the tables' checks with the write path)
