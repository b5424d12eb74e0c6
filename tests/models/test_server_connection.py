"""A server that drops the connection (restarted, the network gone a moment): the next action
reconnects by itself; an action cut off half-way keeps nothing and is told in a sentence."""
from urllib.parse import urlsplit

import pytest
from peewee import InterfaceError, OperationalError

from models.errors import describe_failure
from models.personnel.person import Secretary
from models.storage.db import db
from models.writing import services
from tests.conftest import SERVER

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]


def _drop_connections(archive: str) -> None:
    """What a server restart does to the program's connection."""
    import psycopg2

    from tests.support.server import _dsn

    admin = psycopg2.connect(_dsn(urlsplit(archive)))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        assert cursor.fetchone()[0] >= 1
    admin.close()


def test_the_next_action_after_a_dropped_connection_reconnects(archive, admin, unit, engine):
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    _drop_connections(archive)
    assert Secretary.live().count() == 1  # a read: reconnected
    _drop_connections(archive)
    services.create(admin, Secretary, {"name": "李四", "unit": unit.id})  # a save: reconnected at its start
    assert Secretary.live().count() == 2


def test_a_save_cut_off_half_way_keeps_nothing_and_says_so(archive, admin, unit, engine):
    with pytest.raises((OperationalError, InterfaceError)) as cut:
        with db.atomic():
            services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
            _drop_connections(archive)
            services.create(admin, Secretary, {"name": "李四", "unit": unit.id})
    assert "连接中断" in describe_failure(cut.value) and "没有保存" in describe_failure(cut.value)
    assert Secretary.live().count() == 0  # reconnected: neither of the two was kept


@pytest.fixture(autouse=True)
def _only_on_a_server(engine):
    if engine == "sqlite":
        pytest.skip("an archive file has no connection to lose")


def test_a_save_waits_for_another_clerks_long_write_then_says_to_retry(archive, admin, unit, engine, monkeypatch):
    import psycopg2

    from models.storage import db as database
    from tests.support.server import _dsn

    monkeypatch.setattr(database, "WRITERS_WAIT", "1s")
    other = psycopg2.connect(_dsn(urlsplit(archive)))  # another PC, in the middle of a long import
    with other.cursor() as cursor:
        cursor.execute("SELECT archive_take_turn()")  # the writers' turn, held until it commits
    with pytest.raises(OperationalError) as waited:
        services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    assert "写入顺序锁被另一个数据库连接占着" in describe_failure(waited.value)
    other.rollback()  # the import is done
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    other.close()
    assert Secretary.live().count() == 1
