"""The bare Flask "hello world" the benchmark measures beside the Driver, as its yardstick."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Say hello: no template, no database, no session."""
    return "Hello, World!"
