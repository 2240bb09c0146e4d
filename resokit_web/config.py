"""Configuration: built-in defaults, then the environment, then explicit overrides.

Every setting a deployer may change is read from an environment variable here and
documented in the README's configuration table. Nothing is read at import time.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

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
        # A browser known to the account (its device cookie) is exempt from the two limits
        # above; its own failures count against this one (accounts/devices.py).
        "RESOKIT_LOGIN_LIMIT_DEVICE": "10 per 15 minutes",
        "RESOKIT_DEVICE_COOKIE_DAYS": 365,
        # Wrong codes at the second sign-in step, per account and device.
        "RESOKIT_SECOND_FACTOR_LIMIT": "5 per 15 minutes",
        # coordinators: a coordinator must have a second factor; off: optional for all.
        # Unset: coordinators in production, off in development.
        "RESOKIT_REQUIRE_SECOND_FACTOR": None,
        # Places a resident may send from one address through the public page.
        "RESOKIT_PUBLIC_SEND_LIMIT": "10 per hour",
        # Who may create accounts: open, invite (through an invitation link only) or off.
        "RESOKIT_SIGNUP": "open",
        # New organisations an account, and a client address, may start (successful ones).
        "RESOKIT_ORG_LIMIT": "3 per day",
        "RESOKIT_ORG_LIMIT_IP": "10 per day",
        # Password-reset requests per client address and per e-mail address typed.
        "RESOKIT_RESET_LIMIT_IP": "10 per hour",
        "RESOKIT_RESET_LIMIT_ADDRESS": "3 per hour",
        # Invitations a coordinator may send by e-mail.
        "RESOKIT_INVITE_MAIL_LIMIT": "30 per day",
        # Team sessions (/s/<code>): joining per client address and session (a whole room
        # behind one wifi), answering per phone, wrong codes per address (sessions/views.py).
        "RESOKIT_SESSION_JOIN_LIMIT": "60 per minute;200 per hour",
        "RESOKIT_SESSION_ANSWER_LIMIT": "20 per minute",
        "RESOKIT_SESSION_MISS_LIMIT": "20 per minute;100 per hour",
        # Days after a guest's seat ended (session ended or seat expired) before the guest's
        # name is replaced by "Guest 3" (sessions/retention.py).
        "RESOKIT_SESSION_GUEST_RETENTION_DAYS": 30,
        "RESOKIT_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "RESOKIT_TILE_ATTRIBUTION": "© OpenStreetMap",
        # Address search for the point pickers (resokit_web/geocoder.py): the base URL of a
        # server speaking the Nominatim search API (Nominatim, Photon). Unset: no search.
        "RESOKIT_GEOCODER_URL": None,
        "RESOKIT_GEOCODER_TIMEOUT": 4.0,
        "RESOKIT_PROXY_COUNT": 0,
        "RESOKIT_SSE_HEARTBEAT": 15.0,
        "RESOKIT_SSE_MAX_AGE": 600.0,
        "RESOKIT_PRESENCE_TTL": 45.0,
        "RESOKIT_PRESENCE_EDIT_TTL": 90.0,
        # Open event streams per server process (0: no limit). gunicorn_config.py sets it
        # below the thread count, so streams never take the threads that saves need.
        "RESOKIT_SSE_MAX_STREAMS": 0,
        # Open event streams per session, per user and per organisation (live/quotas.py);
        # unset: 12, 30 and 300, each within its share of RESOKIT_SSE_MAX_STREAMS.
        "RESOKIT_SSE_PER_SESSION": None,
        "RESOKIT_SSE_PER_USER": None,
        "RESOKIT_SSE_PER_ORG": None,
        # Run background jobs (a large import) inside the request instead of a thread (tests).
        "RESOKIT_JOBS_INLINE": False,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": ("nl", "fr", "en"),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "SESSION_COOKIE_NAME": "resokit_session",
        # A browser that signed in to an account before (accounts/devices.py).
        "RESOKIT_DEVICE_COOKIE_NAME": "resokit_device",
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
        # E-mail (accounts/mail.py). Without an SMTP URL mails are written to RESOKIT_MAIL_DIR.
        "RESOKIT_SMTP_URL": None,
        "RESOKIT_MAIL_FROM": "Resokit Web <resokit@localhost>",
        "RESOKIT_MAIL_DIR": str(Path(instance_path) / "mail"),
        # Seconds before each new try of a mail the server refused or could not take.
        "RESOKIT_MAIL_RETRY_DELAYS": (10, 60, 300, 1800),
        "MAIL_TIMEOUT": 15,
        # Pages, fragments, JSON and SVG go out compressed (Flask-Compress), brotli first.
        # Streamed responses never: an event stream must reach the browser event by event.
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_STREAMS": False,
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/plain",
            "text/csv",
            "text/css",
            "text/javascript",
            "application/javascript",
            "application/json",
            "application/geo+json",
            "image/svg+xml",
        ],
        "COMPRESS_LEVEL": 6,
        "COMPRESS_BR_LEVEL": 4,
        "COMPRESS_MIN_SIZE": 500,
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
        "RESOKIT_LOGIN_LIMIT_DEVICE": "RESOKIT_LOGIN_LIMIT_DEVICE",
        "RESOKIT_SECOND_FACTOR_LIMIT": "RESOKIT_SECOND_FACTOR_LIMIT",
        "RESOKIT_REQUIRE_SECOND_FACTOR": "RESOKIT_REQUIRE_SECOND_FACTOR",
        "RESOKIT_PUBLIC_SEND_LIMIT": "RESOKIT_PUBLIC_SEND_LIMIT",
        "RESOKIT_SIGNUP": "RESOKIT_SIGNUP",
        "RESOKIT_ORG_LIMIT": "RESOKIT_ORG_LIMIT",
        "RESOKIT_ORG_LIMIT_IP": "RESOKIT_ORG_LIMIT_IP",
        "RESOKIT_RESET_LIMIT_IP": "RESOKIT_RESET_LIMIT_IP",
        "RESOKIT_RESET_LIMIT_ADDRESS": "RESOKIT_RESET_LIMIT_ADDRESS",
        "RESOKIT_INVITE_MAIL_LIMIT": "RESOKIT_INVITE_MAIL_LIMIT",
        "RESOKIT_SESSION_JOIN_LIMIT": "RESOKIT_SESSION_JOIN_LIMIT",
        "RESOKIT_SESSION_ANSWER_LIMIT": "RESOKIT_SESSION_ANSWER_LIMIT",
        "RESOKIT_SESSION_MISS_LIMIT": "RESOKIT_SESSION_MISS_LIMIT",
        "RESOKIT_TILE_URL": "RESOKIT_TILE_URL",
        "RESOKIT_TILE_ATTRIBUTION": "RESOKIT_TILE_ATTRIBUTION",
        "RESOKIT_GEOCODER_URL": "RESOKIT_GEOCODER_URL",
        "SECRET_KEY": "SECRET_KEY",
        "RESOKIT_SMTP_URL": "RESOKIT_SMTP_URL",
        "RESOKIT_MAIL_FROM": "RESOKIT_MAIL_FROM",
        "RESOKIT_MAIL_DIR": "RESOKIT_MAIL_DIR",
    }
    for env_name, key in simple.items():
        value = environ.get(env_name)
        if value not in (None, ""):
            out[key] = value
    for env_name, key in (
        ("RESOKIT_PROXY_COUNT", "RESOKIT_PROXY_COUNT"),
        ("RESOKIT_SSE_MAX_STREAMS", "RESOKIT_SSE_MAX_STREAMS"),
        ("RESOKIT_DEVICE_COOKIE_DAYS", "RESOKIT_DEVICE_COOKIE_DAYS"),
        ("RESOKIT_SSE_PER_SESSION", "RESOKIT_SSE_PER_SESSION"),
        ("RESOKIT_SSE_PER_USER", "RESOKIT_SSE_PER_USER"),
        ("RESOKIT_SSE_PER_ORG", "RESOKIT_SSE_PER_ORG"),
        ("RESOKIT_SESSION_GUEST_RETENTION_DAYS", "RESOKIT_SESSION_GUEST_RETENTION_DAYS"),
    ):
        if environ.get(env_name):
            out[key] = int(environ[env_name])
    for env_name in ("RESOKIT_SSE_HEARTBEAT", "RESOKIT_SSE_MAX_AGE", "RESOKIT_GEOCODER_TIMEOUT"):
        if environ.get(env_name):
            out[env_name] = float(environ[env_name])
    return out


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgres://`` and ``postgresql://`` spellings; we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def finalise(config: dict[str, Any], instance_path: str) -> None:
    """Derive dependent settings and refuse unsafe production setups."""
    env = config["RESOKIT_ENV"]
    if env not in (DEVELOPMENT, PRODUCTION):
        raise ConfigError(f"RESOKIT_ENV must be '{DEVELOPMENT}' or '{PRODUCTION}', not {env!r}")
    production = env == PRODUCTION
    if config.get("RESOKIT_REQUIRE_SECOND_FACTOR") is None:
        config["RESOKIT_REQUIRE_SECOND_FACTOR"] = "coordinators" if production else "off"
    if config["RESOKIT_REQUIRE_SECOND_FACTOR"] not in ("coordinators", "off"):
        raise ConfigError("RESOKIT_REQUIRE_SECOND_FACTOR must be coordinators or off")
    if config["RESOKIT_SIGNUP"] not in ("open", "invite", "off"):
        raise ConfigError(f"RESOKIT_SIGNUP must be open, invite or off, not {config['RESOKIT_SIGNUP']!r}")
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
    if production and config["SESSION_COOKIE_SECURE"]:
        # __Host-: the browser takes the cookie only over HTTPS, for this host and path
        # "/", so no sibling subdomain can set (or toss in) a session or CSRF cookie.
        for key in ("SESSION_COOKIE_NAME", "RESOKIT_DEVICE_COOKIE_NAME"):
            if not config[key].startswith("__Host-"):
                config[key] = "__Host-" + config[key]
        config["SESSION_COOKIE_DOMAIN"] = None
        config["SESSION_COOKIE_PATH"] = "/"
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

    config["MAIL_DEFAULT_SENDER"] = config["RESOKIT_MAIL_FROM"]
    if config.get("RESOKIT_SMTP_URL"):
        config.update(smtp_settings(config["RESOKIT_SMTP_URL"]))

    redis_url = config.get("RESOKIT_REDIS_URL")
    if redis_url:
        config.setdefault("RATELIMIT_STORAGE_URI_FROM_ENV", False)
        if config.get("RATELIMIT_STORAGE_URI", "memory://") == "memory://":
            config["RATELIMIT_STORAGE_URI"] = redis_url
        config["RATELIMIT_KEY_PREFIX"] = config["RESOKIT_REDIS_PREFIX"] + "limits"


# scheme → (Flask-Mailman's use_tls, use_ssl, default port)
_SMTP_SCHEMES = {
    "smtp": (True, False, 587),  # STARTTLS, required: no silent fall-back to plain text
    "smtps": (False, True, 465),  # TLS from the first byte
    "smtp+plain": (False, False, 25),  # no encryption: a relay on the same machine, or tests
}


def smtp_settings(url: str) -> dict[str, Any]:
    """``smtp://user:pass@host:587`` → Flask-Mailman's MAIL_* settings."""
    parts = urlsplit(url)
    if parts.scheme not in _SMTP_SCHEMES or not parts.hostname:
        raise ConfigError(
            "RESOKIT_SMTP_URL must look like smtp://user:password@host:587 (STARTTLS), "
            "smtps://…:465 (TLS) or smtp+plain://host:25 (unencrypted, local relay only)."
        )
    use_tls, use_ssl, port = _SMTP_SCHEMES[parts.scheme]
    return {
        "MAIL_SERVER": parts.hostname,
        "MAIL_PORT": parts.port or port,
        "MAIL_USERNAME": unquote(parts.username) if parts.username else None,
        "MAIL_PASSWORD": unquote(parts.password) if parts.password else None,
        "MAIL_USE_TLS": use_tls,
        "MAIL_USE_SSL": use_ssl,
    }


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
