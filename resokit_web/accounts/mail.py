"""E-mail, written in the recipient's language (plain text and a simple HTML part) and
sent by a background thread, so that a slow or failing mail server never holds up or
breaks the request that caused the mail. A send that fails is tried again after
``RESOKIT_MAIL_RETRY_DELAYS`` seconds (10 s, 1 min, 5 min, 30 min) and each failure is
logged; after the last one the mail is given up with an error in the log.

Where mail goes (Flask-Mailman, whose SMTP backend does the talking):

* ``RESOKIT_SMTP_URL`` set: that SMTP server.
* otherwise, in the tests (``TESTING``): Flask-Mailman's memory outbox;
* otherwise: one ``.eml`` file per mail in ``RESOKIT_MAIL_DIR`` (``instance/mail/``), its
  subject and link in the log, so the demo works offline.

A mail is queued after the change that caused it is committed; the queue lives in the
server process (a restart within the retry pauses loses what was still waiting, and
says so in the log).
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMultiAlternatives, Mail
from flask_mailman.backends.base import BaseEmailBackend
from jinja2_fragments.flask import render_block

log = logging.getLogger(__name__)
mail = Mail()


class EmlFileBackend(BaseEmailBackend):
    """Writes each mail as an ``.eml`` file (opens in any mail program) and logs its
    subject and link: development and demos without a mail server."""

    def send_messages(self, messages) -> int:
        folder = Path(current_app.config["RESOKIT_MAIL_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            path.write_bytes(message.message().as_bytes())
            log.warning(
                "mail written to %s (no RESOKIT_SMTP_URL): %s%s",
                path,
                message.subject,
                f" — {message.resokit_link}" if getattr(message, "resokit_link", None) else "",
            )
        return len(messages)


@dataclass(order=True)
class _Queued:
    due: float
    seq: int
    message: Any = field(compare=False)
    what: str = field(compare=False)
    attempt: int = field(compare=False, default=0)


class Outbox:
    """The process's mail queue and the one thread that empties it."""

    def __init__(self, app: Flask):
        self.app = app
        self._heap: list[_Queued] = []
        self._cond = threading.Condition()
        self._seq = itertools.count()
        self._busy = 0
        self._thread: threading.Thread | None = None

    def put(self, message, what: str) -> None:
        with self._cond:
            heapq.heappush(self._heap, _Queued(time.monotonic(), next(self._seq), message, what))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="resokit-mail", daemon=True)
                self._thread.start()
                atexit.register(self.drain, 5.0)
            self._cond.notify_all()

    def pending(self) -> int:
        with self._cond:
            return len(self._heap) + self._busy

    def drain(self, timeout: float) -> bool:
        """Wait until nothing is due or being sent (at exit; in tests). True when empty."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    if self._heap:
                        log.warning("%d mail(s) not sent before the process ended", len(self._heap))
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0].due > time.monotonic():
                    wait = self._heap[0].due - time.monotonic() if self._heap else None
                    self._cond.wait(wait)
                item = heapq.heappop(self._heap)
                self._busy += 1
            try:
                self._send(item)
            finally:
                with self._cond:
                    self._busy -= 1
                    self._cond.notify_all()

    @staticmethod
    def _deliver(message) -> None:
        connection = mail.get_connection()
        try:
            connection.send_messages([message])  # closes its connection after a success
        finally:
            # ...but not after a refusal (Flask-Mailman's SMTP backend leaves it open).
            raw = getattr(connection, "connection", None)
            if raw is not None:
                connection.connection = None
                raw.close()

    def _send(self, item: _Queued) -> None:
        try:
            with self.app.app_context():
                self._deliver(item.message)
        except Exception as error:  # noqa: BLE001 - any failure is retried, never raised
            delays = self.app.config["RESOKIT_MAIL_RETRY_DELAYS"]
            domain = item.message.to[0].rpartition("@")[2] if item.message.to else "?"
            if item.attempt < len(delays):
                delay = delays[item.attempt]
                log.warning(
                    "mail %r to …@%s failed (try %d: %s); trying again in %s s",
                    item.what,
                    domain,
                    item.attempt + 1,
                    error,
                    delay,
                )
                with self._cond:
                    item.attempt += 1
                    item.due = time.monotonic() + delay
                    heapq.heappush(self._heap, item)
            else:
                log.error("mail %r to …@%s given up after %d tries: %s", item.what, domain, item.attempt + 1, error)
        else:
            log.info("mail %r sent to …@%s", item.what, item.message.to[0].rpartition("@")[2])


def init_app(app: Flask) -> None:
    if app.config.get("RESOKIT_SMTP_URL"):
        app.config["MAIL_BACKEND"] = "smtp"
    elif app.testing:
        app.config.setdefault("MAIL_BACKEND", "locmem")
    else:
        app.config["MAIL_BACKEND"] = EmlFileBackend
        if app.config["RESOKIT_ENV"] == "production":
            app.logger.warning(
                "RESOKIT_SMTP_URL is not set: mails (invitations, password resets) are only written to %s",
                app.config["RESOKIT_MAIL_DIR"],
            )
    mail.init_app(app)
    app.extensions["resokit_outbox"] = Outbox(app)


def outbox(app: Flask | None = None) -> Outbox:
    return (app or current_app).extensions["resokit_outbox"]


def render_mail(name: str, locale: str, **context) -> tuple[str, str, str]:
    """(subject, text, html) of ``templates/mail/<name>.txt`` and ``.html`` in ``locale``."""
    with force_locale(locale):
        subject = " ".join(render_block(f"mail/{name}.txt", "subject", **context).split())
        text = render_template(f"mail/{name}.txt", **context)
        html = render_template(f"mail/{name}.html", subject=subject, **context)
    return subject, text, html


def send(to: str, name: str, *, locale: str, link: str | None = None, **context) -> None:
    """Queue the mail ``name`` for ``to``; the request goes on at once. Call after commit.

    ``link`` is the one thing the mail asks the reader to open (shown in the mail and,
    without a mail server, in the log)."""
    try:
        subject, text, html = render_mail(name, locale, link=link, **context)
        message = EmailMultiAlternatives(
            subject,
            text,
            current_app.config["MAIL_DEFAULT_SENDER"],
            [to],
            headers={"Auto-Submitted": "auto-generated", "Content-Language": locale},
        )
        message.attach_alternative(html, "text/html")
        message.resokit_link = link
        outbox().put(message, name)
    except Exception:  # noqa: BLE001 - a mail that cannot be made never breaks the request
        log.exception("mail %r could not be prepared", name)
