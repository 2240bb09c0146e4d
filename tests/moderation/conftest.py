import pytest

from ..mailbox import mail_app, mailbox, smtp_server  # noqa: F401 - fixtures
from ..public.helpers import OwnContextClient


@pytest.fixture(autouse=True)
def own_context_per_request(app):
    app.test_client_class = OwnContextClient
    yield
    app.test_client_class = None
