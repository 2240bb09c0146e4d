"""Where a request's time goes: pyinstrument over many requests of one kind, in-process.

    python tests/bench/profile.py [healthz|row|edit|save|page|geojson|304] [-n 300] [--db PATH]

Builds the large demo database once (kept in ``--db``'s folder, default a temporary one),
signs in as the demo coordinator with Flask's test client and profiles ``-n`` requests
of the kind asked for (after a few that warm the caches), the way the README's
"Measured speed and scale" explains each change. A tool, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pyinstrument import Profiler

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def prepare(db: Path) -> None:
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, RESOKIT_DATABASE_URL=f"sqlite:///{db}", RESOKIT_INSTANCE_PATH=str(db.parent))
    for args in (("db", "upgrade"), ("demo", "--size", "large")):
        subprocess.run([sys.executable, "-m", "flask", "--app", "resokit_web", *args], env=env, cwd=ROOT, check=True)


def text(response) -> str:
    """A response's text, unpacked when it came compressed."""
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return data.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("healthz", "row", "edit", "save", "page", "geojson", "304"))
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "resokit-profile" / "large.sqlite3")
    args = parser.parse_args()
    prepare(args.db)
    os.environ["RESOKIT_INSTANCE_PATH"] = str(args.db.parent)

    from resokit_web import create_app
    from resokit_web.accounts.service import find_user
    from resokit_web.buurtkaart.models import Treasure
    from resokit_web.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{args.db}"})
    client = app.test_client()
    with app.app_context():
        user = find_user("coordinator@demo.resokit.test")
        ids = list(db.session.scalars(db.select(Treasure.id).where(Treasure.status == "accepted").limit(64)))
        with client.session_transaction() as s:
            s["_user_id"] = user.get_id()
    page = client.get("/o/demo/buurtkaart").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    gz = {"Accept-Encoding": "gzip"}
    etag = client.get("/o/demo/buurtkaart.geojson", headers=gz).headers.get("ETag", "")
    forms: dict[int, dict[str, str]] = {}

    def one(n: int):
        tid = ids[n % len(ids)]
        hx = {"HX-Request": "true", "HX-Target": f"treasure-{tid}", **gz}
        if args.kind == "healthz":
            return client.get("/healthz", headers=gz)
        if args.kind == "row":
            return client.get(f"/o/demo/treasures/{tid}?list=1", headers=hx)
        if args.kind == "edit":
            return client.get(f"/o/demo/treasures/{tid}/edit", headers=hx)
        if args.kind == "page":
            return client.get("/o/demo/buurtkaart", headers=gz)
        if args.kind == "geojson":
            return client.get("/o/demo/buurtkaart.geojson", headers=gz)
        if args.kind == "304":
            return client.get("/o/demo/buurtkaart.geojson", headers={**gz, "If-None-Match": etag})
        if tid not in forms:  # read once per treasure, before the profile starts
            form = text(client.get(f"/o/demo/treasures/{tid}/edit", headers=hx))
            forms[tid] = dict(
                re.findall(r'<input[^>]*name="(name|address|lat|lon|tags|version)"[^>]*value="([^"]*)"', form)
            )
            forms[tid].update(kind="place", category="meeting_place")
        fields = {**forms[tid], "description": f"Profile {n}"}
        response = client.post(f"/o/demo/treasures/{tid}", data=fields, headers={**hx, "X-CSRFToken": token})
        if m := re.search(r'data-version="(\d+)"', text(response)):
            forms[tid]["version"] = m.group(1)
        return response

    for n in range(len(ids) + 10):  # warm caches (and read every edit form for the saves)
        one(n)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for n in range(args.n):
        response = one(n)
    profiler.stop()
    print(
        f"{args.n} × {args.kind}: last status {response.status_code}, {profiler.last_session.duration / args.n * 1000:.2f} ms each"
    )
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
