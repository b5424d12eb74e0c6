"""A province's archive on a PostgreSQL server (``make bench`` starts a throwaway one): 500
townships, 100,000 villages and secretaries, 2,000,000 reports. The ledger, the register and a
year's statistics against the plainest query on the same tables, and a township's package
imported against the storage floor — as the file benchmarks do, run by run."""
import datetime as dt
import random
import time

import pytest

from models.demo.names import IdNumbers
from models.figures.statistics import year_stats
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import db
from models.archive.migrate import migrate
from models.storage.record import utc_now
from models.values.pinyin import name_keys
from tests.conftest import SERVER

from .conftest import make_demo, paired, report, report_pair, timed
from .test_exchange import floor_rows, import_package, make_campaigns, packages  # noqa: F401 (a fixture)
from .test_ledger import TODAY, ledger_figures
from .test_register import register_figures

pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")

TOWNSHIPS, PEOPLE, REPORTS = 500, 100_000, 2_000_000
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇区查朴")
GIVEN = "建国华明伟芳秀英丽强军平红玉兰海燕春梅东志刚文斌桂珍云霞凤洪波涛宏亮成林鹏飞德胜"


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The server's province: the 209-person demo made by the program, then the rest in bulk."""
    from tests.support.server import scratch_database

    with scratch_database(SERVER) as url:
        started = time.perf_counter()  # an elapsed time, not the clock
        make_demo(url, password_file=tmp_path_factory.mktemp("province") / "password")
        open_archive(url)
        try:
            add_province()
        finally:
            close_archive()
        report("making the province on the server (demo, then 100,000 files and 2,000,000 reports in bulk)",
               time.perf_counter() - started, "s")
        yield url


def add_province() -> None:
    rng, stamp = random.Random(490_000), utc_now()
    bookkeeping = {"created_at": stamp, "modified_at": stamp, "origin": "bench"}
    townships = [{"id": f"t{n:05d}", "name": f"第{n}镇", "sort_order": 100 + n, **bookkeeping}
                 for n in range(TOWNSHIPS)]
    units = [{"id": f"u{n:06d}", "township": f"t{n % TOWNSHIPS:05d}", "name": f"第{n}村", "sort_order": n,
              **bookkeeping} for n in range(PEOPLE)]
    numbers = IdNumbers(rng)
    people = []
    for n in range(PEOPLE - Secretary.select().count()):
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(12000))
        initials, full = name_keys(name)
        people.append({"id": f"s{n:06d}", "name": name, "unit": f"u{n:06d}", "sex": "1", "status": "在任",
                       "birth_date": f"{birth:%Y.%m}", "id_number": numbers.draw(birth, True),
                       "name_initials": initials, "name_pinyin": full, **bookkeeping})
    with db.atomic():
        for model, rows in ((Township, townships), (Unit, units), (Secretary, people)):
            for start in range(0, len(rows), 5000):
                model.insert_many(rows[start:start + 5000]).execute()
    with db.atomic():  # the reports made by the server itself, spread over five years; the
        # report indexes made again afterwards (faster than kept up row by row); %% is the driver's %
        indexes = db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'matter_report' "
                                 "AND indexname <> 'matter_report_pkey'").fetchall()
        for name, _ in indexes:
            db.execute_sql(f'DROP INDEX "{name}"')
        db.execute_sql(f"""
            WITH kinds AS (SELECT array_agg(id ORDER BY sort_order) AS ids,
                                  array_agg(timing ORDER BY sort_order) AS timings
                           FROM matter_type WHERE timing <> '事前+事后')
            INSERT INTO matter_report (id, created_at, modified_at, version, origin, secretary_id, kind,
                                       matter_type_id, timing, matter_date, report_date, due_date, status, content)
            SELECT 'r' || i, '{stamp}', '{stamp}', 1, 'bench',
                   's' || lpad(((i::bigint * 7919) %% {len(people)})::text, 6, '0'),
                   '平时报告', kinds.ids[1 + i %% cardinality(kinds.ids)],
                   kinds.timings[1 + i %% cardinality(kinds.ids)],
                   DATE '2022-01-01' + (i %% 1790), DATE '2022-01-01' + (i %% 1790) + (i %% 31),
                   DATE '2022-01-01' + (i %% 1790) + 15, (ARRAY['已提交', '已审核', '已归档', '已审核'])[1 + i %% 4],
                   '宴请亲友,按规定从简办理'
            FROM generate_series(1, {REPORTS - 20000}) AS i, kinds""")
        for _, definition in indexes:
            db.execute_sql(definition)
    # the steady state: the server's autovacuum visits a table within a minute or so of a large
    # insert (marking its pages all-visible, which lets a count read an index alone); measured
    # right after the bulk load instead, every count also reads the table (status 46 → 274 ms)
    db.execute_sql("VACUUM ANALYZE")


def test_the_province_ledger(province):
    open_archive(province)
    try:
        reports = db.execute_sql("SELECT COUNT(*) FROM matter_report").fetchone()[0]
        assert reports > REPORTS * 0.99 and Secretary.select().count() == PEOPLE
        ledger_figures("province on PostgreSQL, 2,000,000 reports")
    finally:
        close_archive()


def test_the_province_register(province, qapp, qtbot):
    open_archive(province)
    try:
        register_figures(PEOPLE, qapp, qtbot)
    finally:
        close_archive()


def test_statistics_of_a_year_in_the_province(province):
    open_archive(province)
    try:
        def plain_count() -> float:
            return timed(lambda: db.execute_sql(
                "SELECT status, COUNT(*) FROM matter_report WHERE report_date BETWEEN %s AND %s GROUP BY status",
                ("2025-01-01", "2025-12-31")).fetchall())

        stats = []
        pair = paired(lambda: timed(lambda: stats.append(year_stats(2025, today=TODAY))), plain_count, rounds=3)
        assert stats[-1]["serving"] >= PEOPLE * 0.99 and stats[-1]["reports"]
        report_pair("statistics of a year, province on PostgreSQL (coverage of 100,000, the year's reports)",
                    "plain count of the year's reports by status", pair, target=2)
    finally:
        close_archive()


@pytest.fixture(scope="module")
def server_packages(packages):  # noqa: F811 (the exchange benchmark's fixture)
    """The exchange benchmark's district on the server (a template copied for every round) and
    its township's first package."""
    from tests.support.server import scratch_database

    folder, package, _ = packages
    with scratch_database(SERVER) as template:
        assert migrate(folder / "district.sqlite", template).faults == []
        yield template, package


def fresh_district(template: str) -> str:
    """A new database copied from the template district (the server's own copy: fast)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg2

    parts = urlsplit(template)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(dbname="postgres", host=parts.hostname, port=parts.port, user=parts.username)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}_run" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}_run" TEMPLATE "{name}"')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{name}_run"))


def server_floor(tables: dict) -> float:
    """The storage floor on the server: the same rows, one executemany per table, one transaction."""
    def write():
        with db.atomic():
            db.execute_sql("SET CONSTRAINTS ALL DEFERRED")
            cursor = db.cursor()
            for table, (columns, rows) in tables.items():
                listed = ", ".join(f'"{c}"' for c in columns)
                cursor.executemany(f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join(["%s"] * len(columns))}) '
                                   "ON CONFLICT DO NOTHING", rows)
    return timed(write)


def test_a_township_package_imported_on_the_server(server_packages):
    template, package = server_packages
    open_archive(template)
    tables, campaigns = floor_rows(package)
    close_archive()
    count = sum(len(rows) for _, rows in tables.values())

    def in_fresh_district(work, before=None) -> float:
        open_archive(fresh_district(template))
        try:
            if before:
                before()
            return work()
        finally:
            close_archive()

    pair = paired(lambda: in_fresh_district(lambda: timed(lambda: import_package(package))),
                  lambda: in_fresh_district(lambda: server_floor(tables), before=lambda: make_campaigns(campaigns)),
                  rounds=5)
    report_pair(f"import of a township's package on PostgreSQL ({count} records)", "executemany of the same rows",
                pair, limit=5)
