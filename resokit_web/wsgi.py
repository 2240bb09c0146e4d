"""The WSGI entry point for gunicorn and other servers."""

from . import create_app
from .rendering import warm_up

app = create_app()
warm_up(app)
