"""Pure values with their rules and Chinese messages: partial dates, GB 11643 ID numbers, names and
free text, pinyin keys, money, and the reference lists shipped in ``resources/``. No database."""
