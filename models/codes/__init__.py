"""The code tables kept in the archive (民族, 性别, vocabularies, material categories) and their
seeding from the shipped defaults."""
