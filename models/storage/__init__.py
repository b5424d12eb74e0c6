"""The archive as files on disk: the database handle, the record base, schema and upgrades, opening
and creating an archive, the attachment store, atomic writes, backup, restore and the integrity check."""
