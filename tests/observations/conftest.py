from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def photo_dir(app, tmp_path):
    app.config["RESOKIT_PHOTO_DIR"] = str(tmp_path / "photos")
    return tmp_path / "photos"
