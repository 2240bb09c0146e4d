from ..mailbox import mail_app, mailbox, smtp_server  # noqa: F401 - fixtures
