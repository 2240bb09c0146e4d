"""The anchor floor: a bare Flask "hello world", served by the benchmark under exactly the
settings of the real server (``gunicorn -c python:resokit_web.gunicorn_config``), so that
``app_floor_vs_bare`` says how much of a request is our own work."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
