"""The domain of the archive: tables, validation, rules and the services that write.

Nothing in this package imports Qt or ``ui``; only ``app`` imports ``reports``. The command line,
the tests and the GUI all drive the same code. A map, one line per sub-package, lowest first: a
package imports only those above it in this list (docs/architecture.md, tests/test_layers.py).

    errors        the errors every layer raises
    values/       pure values: dates, the clock, ID numbers, consistency, text, pinyin, money, reference lists
    storage/      the database handle, records, settings, memo, atomic files, file store, vault, backups
    writing/      the one write path: actor and roles, validation, the rules registry, services, audit log
    org/          townships and villages
    codes/        code tables and material categories kept in the archive
    accounts/     users and sign-in
    personnel/    the personnel file's tables and parts, registers, transfers, 认定, roster list, villages' files
    matters/      matter types, reports, their guard and workflow, deadlines, blocks, 集中报告, ledger
    attachments/  scans, photos and report attachments: their table, adding a file, the ID photo
    dossier/      a whole personnel file: saved at once, a save undone, timeline and history, 专审 checks
    exchange/     the USB package between township and district
    figures/      coverage, statistics, home-page figures (read models)
    demo/         the synthetic district
    forms/        plain data for every printed form
    io/           Excel roster and workbooks, 任免审批表 files
    archive/      the archive as a whole: table registry, create/open, schema, check, restore, migrate, server rights
    app/          the command-line table, print orchestration and the form registry (may import ``reports``)
"""

from models.storage.driver import import_peewee_without_the_server_driver

import_peewee_without_the_server_driver()  # (first: before any module of the package imports peewee)
