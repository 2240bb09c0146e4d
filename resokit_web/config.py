"""Configuration: built-in defaults, then the environment, then explicit overrides.

Every setting a deployer may change is read from an environment variable here and
documented in the README's configuration table. Nothing is read at import time.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping

DEVELOPMENT = "development"
PRODUCTION = "production"

# Passwords that must never protect a production secret.
_WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "resokit"}


class ConfigError(RuntimeError):
    """Raised when the app cannot start safely with the given configuration."""


def defaults(instance_path: str) -> dict[str, Any]:
    return {
        "RESOKIT_ENV": DEVELOPMENT,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "resokit.sqlite3"),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "RESOKIT_REDIS_URL": None,
        "RESOKIT_REDIS_PREFIX": "resokit:",
        # Login throttling: failed attempts only. Flask-Limiter notation.
        "RESOKIT_LOGIN_LIMIT_IP": "30 per 15 minutes",
        "RESOKIT_LOGIN_LIMIT_ACCOUNT": "10 per 15 minutes",
        # Places a resident may send from one address through the public page.
        "RESOKIT_PUBLIC_SEND_LIMIT": "10 per hour",
        "RESOKIT_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "RESOKIT_TILE_ATTRIBUTION": "© OpenStreetMap",
        "RESOKIT_PROXY_COUNT": 0,
        "RESOKIT_SSE_HEARTBEAT": 15.0,
        "RESOKIT_SSE_MAX_AGE": 600.0,
        "RESOKIT_PRESENCE_TTL": 45.0,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": ("nl", "fr", "en"),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "SESSION_COOKIE_NAME": "resokit_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_REFRESH_EACH_REQUEST": False,
        "SESSION_PERMANENT": True,
        "SESSION_USE_SIGNER": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # A page stays open through a long team meeting: the token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_HEADERS": ["X-CSRFToken"],
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_STRATEGY": "moving-window",
        "INVITATION_DAYS": 14,
    }


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings a deployer gives through the environment."""
    out: dict[str, Any] = {}
    simple = {
        "RESOKIT_ENV": "RESOKIT_ENV",
        "RESOKIT_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
        "RESOKIT_REDIS_URL": "RESOKIT_REDIS_URL",
        "RESOKIT_REDIS_PREFIX": "RESOKIT_REDIS_PREFIX",
        "RESOKIT_LOGIN_LIMIT_IP": "RESOKIT_LOGIN_LIMIT_IP",
        "RESOKIT_LOGIN_LIMIT_ACCOUNT": "RESOKIT_LOGIN_LIMIT_ACCOUNT",
        "RESOKIT_PUBLIC_SEND_LIMIT": "RESOKIT_PUBLIC_SEND_LIMIT",
        "RESOKIT_TILE_URL": "RESOKIT_TILE_URL",
        "RESOKIT_TILE_ATTRIBUTION": "RESOKIT_TILE_ATTRIBUTION",
        "SECRET_KEY": "SECRET_KEY",
    }
    for env_name, key in simple.items():
        value = environ.get(env_name)
        if value not in (None, ""):
            out[key] = value
    for env_name, key in (("RESOKIT_PROXY_COUNT", "RESOKIT_PROXY_COUNT"),):
        if environ.get(env_name):
            out[key] = int(environ[env_name])
    return out


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgres://`` and ``postgresql://`` spellings; we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def finalise(config: dict[str, Any], instance_path: str) -> None:
    """Derive dependent settings and refuse unsafe production setups."""
    env = config["RESOKIT_ENV"]
    if env not in (DEVELOPMENT, PRODUCTION):
        raise ConfigError(f"RESOKIT_ENV must be '{DEVELOPMENT}' or '{PRODUCTION}', not {env!r}")
    production = env == PRODUCTION
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])

    if not config.get("SECRET_KEY"):
        if production:
            raise ConfigError("SECRET_KEY must be set in production (RESOKIT_ENV=production).")
        config["SECRET_KEY"] = _instance_secret(instance_path)
    elif production and (config["SECRET_KEY"].lower() in _WEAK_SECRETS or len(config["SECRET_KEY"]) < 32):
        raise ConfigError("SECRET_KEY is too weak for production: use at least 32 random characters.")

    config["DEBUG"] = False if production else config.get("DEBUG", False)
    config["SESSION_COOKIE_SECURE"] = config.get("SESSION_COOKIE_SECURE", production)
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    config["PREFERRED_URL_SCHEME"] = "https" if production else "http"

    engine_options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Writers wait for each other instead of failing at once.
        engine_options.setdefault("connect_args", {"timeout": 15, "check_same_thread": False})
    else:
        engine_options.setdefault("pool_pre_ping", True)
        engine_options.setdefault("pool_size", 10)
        engine_options.setdefault("max_overflow", 20)
    config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options

    redis_url = config.get("RESOKIT_REDIS_URL")
    if redis_url:
        config.setdefault("RATELIMIT_STORAGE_URI_FROM_ENV", False)
        if config.get("RATELIMIT_STORAGE_URI", "memory://") == "memory://":
            config["RATELIMIT_STORAGE_URI"] = redis_url
        config["RATELIMIT_KEY_PREFIX"] = config["RESOKIT_REDIS_PREFIX"] + "limits"


def _instance_secret(instance_path: str) -> str:
    """A random key kept in ``instance/secret_key``, created on first run."""
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
