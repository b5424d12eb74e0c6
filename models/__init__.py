"""The domain of the archive: tables, validation, rules and the services that write.

Nothing in this package imports Qt or ``ui``; only ``app`` imports ``reports``. The command line,
the tests and the GUI all drive the same code. A map, one line per sub-package:

    storage/    the archive on disk: database, records, schema, open/create, file store, backup, restore, check
    values/     pure values: dates, ID numbers, text, pinyin, money, shipped reference lists
    writing/    the one write path: actor and roles, validation, rules and workflow, services, audit log
    org/        townships and villages
    personnel/  the personnel file and its parts, registers, transfers, photos, roster list, timeline
    matters/    matter types, reports and their workflow, deadlines, blocks, 集中报告, ledger
    figures/    coverage, statistics, home-page figures (read models)
    accounts/   users and sign-in
    codes/      code tables and material categories kept in the archive
    exchange/   the USB package between township and district
    forms/      plain data for every printed form
    io/         Excel roster and workbook export
    demo/       the synthetic district
    app/        command-line use cases and print orchestration (may import ``reports``)
"""
