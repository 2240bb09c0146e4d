import pytest

from ..public.helpers import OwnContextClient


@pytest.fixture(autouse=True)
def own_context_per_request(app):
    app.test_client_class = OwnContextClient
    yield
    app.test_client_class = None
