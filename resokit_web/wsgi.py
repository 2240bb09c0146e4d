"""The WSGI entry point for gunicorn and other servers."""

from . import create_app

app = create_app()
