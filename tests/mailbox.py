"""A real SMTP server in the test process (aiosmtpd): the app sends to it as it would to
any mail server, and the tests read what arrived."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from .conftest import make_app

ARRIVAL_WAIT = 15.0  # seconds; a readiness wait for the background sender, not a timing check


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    port: int
    messages: list = field(default_factory=list)
    refuse_next: int = 0  # answer this many deliveries with "451 try again later"
    cond: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        return f"smtp+plain://127.0.0.1:{self.port}"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.cond:
            if self.refuse_next:
                self.refuse_next -= 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(
                envelope.original_content or envelope.content, policy=email.policy.default
            )
            self.messages.append(message)
            self.cond.notify_all()
        return "250 OK"

    def wait(self, count: int = 1) -> list:
        """The first ``count`` messages, once they have arrived."""
        deadline = time.monotonic() + ARRIVAL_WAIT
        with self.cond:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.messages)} of {count} mails arrived")
                self.cond.wait(left)
            return list(self.messages[:count])

    def to(self, address: str) -> list:
        with self.cond:
            return [m for m in self.messages if m["To"] == address]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message) -> str:
    match = re.search(r"http://localhost\S+", text_of(message))
    assert match, text_of(message)
    return match.group(0)


@pytest.fixture(scope="session")
def smtp_server():
    box = Mailbox(port=_free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    with smtp_server.cond:
        smtp_server.messages.clear()
        smtp_server.refuse_next = 0
    return smtp_server


@pytest.fixture
def mail_app(app, database_url, mailbox):
    """The app sending through the test's SMTP server (same database as ``app``)."""
    mail_app = make_app(database_url, empty=False, RESOKIT_SMTP_URL=mailbox.url, RESOKIT_MAIL_RETRY_DELAYS=(0.2, 0.2))
    return mail_app
