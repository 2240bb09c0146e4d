"""The photo of an observation: checked, resized and stripped on the server with Pillow.

Only JPEG and PNG up to :data:`PHOTO_MAX_BYTES` come in. The image is opened from its
header first, so a decompression bomb (a small file that unpacks into a huge picture) is
refused before a single pixel is decoded. What is kept is a new JPEG of at most
:data:`MAX_SIDE` pixels a side, turned the way the camera meant it, with no metadata at all
(no EXIF, so no GPS position, no camera, no time). It lives in the organisation's folder
under the instance directory and is only served through ``org_view`` (views.py).
"""

from __future__ import annotations

import io
import secrets
import warnings
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 8 * 1024 * 1024
MAX_SIDE = 1600
# Beyond these it is no photo but a bomb. A JPEG is decoded at 1/2, 1/4 or 1/8 of its
# size straight away (draft), so a 108-megapixel phone photo costs little; a PNG is not.
MAX_PIXELS = {"JPEG": 120_000_000, "PNG": 50_000_000}
FORMATS = ("JPEG", "PNG")
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class PhotoError(ValueError):
    """A photo we do not take, with the message for the person who sent it."""

    def __init__(self, message):
        super().__init__("photo refused")
        self.message = message


TOO_LARGE = _l("The photo is larger than 8 MB. Take a smaller one or send it in a lower quality.")
NOT_AN_IMAGE = _l("This file is not a photo we can read. Send a JPEG or PNG image.")
WRONG_TYPE = _l("Only JPEG and PNG photos are accepted.")
TOO_MANY_PIXELS = _l("This image has far more pixels than a photo: it is refused.")


def clean(data: bytes) -> bytes:
    """The photo as a stripped JPEG of at most MAX_SIDE px, or :class:`PhotoError`."""
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoError(TOO_LARGE)
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 megapixels on; the limits here are our own.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise PhotoError(WRONG_TYPE)
            width, height = image.size
            if width * height > MAX_PIXELS[image.format]:
                raise PhotoError(TOO_MANY_PIXELS)
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a JPEG decodes at a smaller scale at once
            image.load()
            picture = ImageOps.exif_transpose(image)
            if picture.mode in ("RGBA", "LA", "P"):
                picture = picture.convert("RGBA")
                ground = Image.new("RGB", picture.size, (255, 255, 255))
                ground.paste(picture, mask=picture.getchannel("A"))
                picture = ground
            elif picture.mode != "RGB":
                picture = picture.convert("RGB")
            picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            # No exif=, icc_profile= or comment: nothing of the original's metadata is written.
            picture.save(out, "JPEG", quality=85, optimize=True)
            image.close()
            return out.getvalue()
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoError(TOO_MANY_PIXELS) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoError(NOT_AN_IMAGE) from error


def folder(org_id: int) -> Path:
    base = current_app.config.get("RESOKIT_PHOTO_DIR") or str(Path(current_app.instance_path) / "photos")
    path = Path(base) / "observations" / str(int(org_id))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(org_id: int, jpeg: bytes) -> str:
    """Write the cleaned photo; its new, unguessable file name."""
    name = secrets.token_urlsafe(18) + ".jpg"
    target = folder(org_id) / name
    tmp = target.with_suffix(".part")
    tmp.write_bytes(jpeg)
    tmp.replace(target)
    return name


def path_of(org_id: int, name: str | None) -> Path | None:
    if not name or not set(name) <= _NAME_CHARS or name.startswith("."):
        return None
    path = folder(org_id) / name
    return path if path.is_file() else None


def remove(org_id: int, name: str | None) -> None:
    path = path_of(org_id, name)
    if path is not None:
        path.unlink(missing_ok=True)
