"""Use cases of the command line and the orchestration of printing: the only part of ``models`` that
may import ``reports``."""
