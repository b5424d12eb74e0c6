"""The Qt user interface. Owns no business rule: it calls ``models`` services and ``reports``."""
