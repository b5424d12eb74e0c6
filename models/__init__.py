"""The domain of the archive: tables, validation, rules and the services that write.

Nothing in this package imports Qt, ``ui`` or ``reports``: the command line, the tests and the
GUI all drive the same code.
"""
