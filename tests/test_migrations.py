"""`flask db upgrade` on a fresh database gives exactly the models' schema."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from resokit_web import create_app
from resokit_web.extensions import db

from .conftest import PG_ADMIN_URL, base_config, create_postgres_database, drop_postgres_database, skip_or_fail


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def fresh_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    if not PG_ADMIN_URL:
        skip_or_fail("RESOKIT_TEST_DATABASE_URL is not set")
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


def test_upgrade_gives_exactly_the_models_schema(fresh_database_url):
    app = create_app(base_config(fresh_database_url))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        try:
            with db.engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
                differences = compare_metadata(context, db.metadata)
                tables = set(sa.inspect(conn).get_table_names())
        finally:
            db.engine.dispose()
    assert not differences, "the models and the migrations disagree; add a migration:\n" + "\n".join(
        map(str, differences)
    )
    assert set(db.metadata.tables) <= tables


def test_the_migrations_have_a_single_head():
    """Two branches that each add migration 000N must be put in a line before they merge."""
    app = create_app(base_config("sqlite://"))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"
