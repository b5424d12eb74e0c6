"""USB exchange between township and district: encrypted, signed packages (SPEC §6)."""
