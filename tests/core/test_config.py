"""Configuration: production refuses unsafe setups; development makes its own secret key."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from resokit_web import create_app
from resokit_web.config import ConfigError, from_environment

ROOT = Path(__file__).resolve().parents[2]
STRONG = "k" * 16 + "9f3A" * 8


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No deployer settings in the environment; the instance folder in a temp dir."""
    for name in list(os.environ):
        if name.startswith("RESOKIT_") or name in ("SECRET_KEY", "FLASK_DEBUG"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("RESOKIT_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path / "instance"


def production(**extra):
    return create_app({"RESOKIT_ENV": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://", **extra})


def test_production_refuses_to_start_without_a_secret_key(clean_env):
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        production()
    assert not (clean_env / "secret_key").exists()


@pytest.mark.parametrize("weak", ["dev", "changeme", "secret", "short-but-random-9f3A"])
def test_production_refuses_a_weak_secret_key(clean_env, weak):
    with pytest.raises(ConfigError, match="too weak"):
        production(SECRET_KEY=weak)


def test_production_reads_the_environment_and_turns_debug_off(clean_env, monkeypatch):
    monkeypatch.setenv("RESOKIT_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG)
    monkeypatch.setenv("RESOKIT_DATABASE_URL", "postgres://u@db.example/resokit")
    app = create_app({"DEBUG": True})
    assert app.debug is False and app.config["DEBUG"] is False
    assert app.secret_key == STRONG
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/resokit"


def test_an_unknown_environment_name_is_refused(clean_env, monkeypatch):
    monkeypatch.setenv("RESOKIT_ENV", "staging")
    with pytest.raises(ConfigError, match="RESOKIT_ENV"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_development_generates_a_secret_key_once_into_the_instance_folder(clean_env):
    app = create_app()
    key_file = clean_env / "secret_key"
    assert app.instance_path == str(clean_env)
    assert app.secret_key == key_file.read_text().strip() and len(app.secret_key) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert create_app().secret_key == app.secret_key  # the same key on the next start
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{clean_env}/resokit.sqlite3"
    assert app.debug is False


def test_the_demo_command_is_refused_in_production(clean_env):
    app = production(SECRET_KEY=STRONG)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0
    assert "refused in production" in result.output


class _RecordingEnviron(dict):
    def __init__(self):
        super().__init__()
        self.asked: set[str] = set()

    def get(self, name, default=None):
        self.asked.add(name)
        return "1"

    def __getitem__(self, name):
        self.asked.add(name)
        return "1"


def _settings_read_from_the_environment() -> set[str]:
    """What config.from_environment() asks for, and any environ read anywhere in the package."""
    environ = _RecordingEnviron()
    from_environment(environ)
    names = set(environ.asked)
    for path in (ROOT / "resokit_web").rglob("*.py"):
        names |= set(re.findall(r'environ(?:\.get\(|\[)\s*"([A-Z_]+)"', path.read_text()))
    return names


def test_every_setting_is_in_the_readme_table():
    names = _settings_read_from_the_environment()
    assert {
        "RESOKIT_DATABASE_URL",
        "SECRET_KEY",
        "RESOKIT_WORKERS",
        "RESOKIT_INSTANCE_PATH",
        "RESOKIT_PROXY_COUNT",
    } <= names
    readme = (ROOT / "README.md").read_text()
    table = {m for m in re.findall(r"^\| `([A-Z_]+)`", readme, re.M)}
    assert not names - table, f"not documented in README.md: {sorted(names - table)}"
    assert not table - names, f"documented but never read: {sorted(table - names)}"


@pytest.mark.parametrize(
    "env,options,bind",
    [
        ({}, [], "127.0.0.1:5000"),
        ({"RESOKIT_BIND": "0.0.0.0:8080"}, [], "0.0.0.0:8080"),
        ({"RESOKIT_BIND": "0.0.0.0:8080"}, ["--port", "5001"], "0.0.0.0:5001"),
        ({}, ["--host", "127.0.0.2", "--port", "5002", "--workers", "3"], "127.0.0.2:5002"),
    ],
)
def test_serve_runs_gunicorn_with_our_settings(clean_env, monkeypatch, env, options, bind):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    started = []
    monkeypatch.setattr("resokit_web.server.os.execv", lambda path, args: started.append(args))
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    result = app.test_cli_runner().invoke(args=["serve", *options])
    assert result.exit_code == 0, result.output
    args = started[0]
    assert args[1:5] == ["-m", "gunicorn", "-c", "python:resokit_web.gunicorn_config"]
    assert args[args.index("--bind") + 1] == bind
    assert f"http://{bind}/" in result.output
    assert ("--workers" in args) == ("--workers" in options)


def test_gunicorn_settings(clean_env, monkeypatch):
    import importlib

    from resokit_web import gunicorn_config

    assert gunicorn_config.worker_class == "gthread"
    assert gunicorn_config.control_socket_disable is True
    assert (gunicorn_config.workers, gunicorn_config.bind) == (1, "127.0.0.1:5000")
    monkeypatch.setenv("RESOKIT_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("RESOKIT_THREADS", "32")
    try:
        reloaded = importlib.reload(gunicorn_config)
        assert (reloaded.workers, reloaded.threads) == (2, 32)  # several workers need Redis
    finally:
        monkeypatch.undo()
        importlib.reload(gunicorn_config)
