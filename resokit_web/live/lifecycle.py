"""A versioned object declared once: the views every collaborative object shares.

An area describes its object in a :class:`Lifecycle` (how to load it, its form, how to
save it and how to answer after a change) and calls :meth:`Lifecycle.register` on its
blueprint. That adds, with the same URLs, endpoints, fields and status codes for every
object, where ``x`` is the object's name and ``xs`` its path::

    GET  /o/<slug>/xs/<id>/edit                       edit_x            the edit form (fragment)
    POST /o/<slug>/xs/<id>                            save_x_view       version → merge → 409 or save
    POST /o/<slug>/xs/<id>/archive                    archive_x         when the object archives
    POST /o/<slug>/xs/<id>/restore                    restore_x         back from the archive
    GET  /o/<slug>/xs/<id>/history                    x_history         every version
    POST /o/<slug>/xs/<id>/history/<version>/restore  restore_x_version an old version, as a new one

A save reads the version the editor started from (428 without one), validates the form
(422 with the form and its messages), merges with what colleagues saved meanwhile (409
with the conflict view when the same field changed both ways), commits (which sends the
live event), and answers with the area's own ``saved`` response. What is really an
area's own (a lookup before validation, the rows it renders, an extra action) stays in
the area: the hooks below, or routes of its own next to these.

The templates are the area's ``edit.html`` (blocks ``edit_form`` and ``conflict`` under
the row id ``x-<id>``) and ``history.html``; both receive the object under its name.
``templates/_macros/lifecycle.html`` holds the edit page, edit row, conflict row and
history page they share. An object whose pages are its own (opinions' team text lives in
the piece page) gives ``page_view`` and ``history_view``; ``endpoints`` keeps older
endpoint names; ``opened`` runs on loading for the edit form and the history (people's
access log). Every optional hook defaults to the behaviour above. A view of an area's own
that saves a version reads it with :func:`base_version_or_428`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, g, redirect, request, url_for
from flask_login import current_user

from ..access import org_view
from ..extensions import db
from ..orgs.models import Role
from ..rendering import render
from . import presence
from .history import entries_for
from .resolution import resolve
from .versioning import SaveResult, VersionMissing, parse_version
from .view_helpers import restore_from_history


def base_version_or_428(formdata) -> int:
    """The version an editor started from, as the form sent it; without one, a 428."""
    try:
        return parse_version(formdata.get("version"))
    except VersionMissing:
        abort(428)


def _nothing(_obj: Any) -> dict:
    return {}


@dataclass(frozen=True)
class Lifecycle:
    name: str  # "treasure": the endpoints, the URL argument (treasure_id), the template variable
    path: str  # "treasures": the URLs
    templates: str  # the folder of the area's edit.html and history.html
    page: str  # the presence page: who is editing what
    load: Callable[[int], Any]  # the object of the current organisation, or 404
    form: Callable[..., Any]  # form(formdata, obj): the form filled from a request
    form_for: Callable[[Any], Any]  # the form filled from the object
    save: Callable[..., SaveResult]  # save(obj, values, base_version, user_id=...)
    saved: Callable[[Any, SaveResult], Any]  # the answer after a save that applied
    labels: Mapping[str, Any]  # field → label, for the conflict view
    history_items: Callable[[list], list]
    nothing_to_restore: Any  # the message when the chosen version is what the object is now
    values: Callable[[Any, Any], dict] = lambda form, _obj: form.values()
    # Extra template context for the edit form and the conflict view.
    edit_context: Callable[[Any], dict] = _nothing
    conflict_context: Callable[[SaveResult], dict] = lambda _result: {}
    # Called with the object, the form and the base version before validation; an answer
    # replaces the save (the buurtkaart's address lookup).
    before_validate: Callable[[Any, Any, int], Any] | None = None
    # Archive and restore, for objects that have them.
    set_status: Callable[..., SaveResult] | None = None
    restored_status: str = ""
    archived_message: Any = None  # "%(name)s" is the object's title
    restored_message: Any = None
    changed: Callable[[Any, str], Any] | None = None  # the answer after archive or restore
    title: Callable[[Any], str] = lambda obj: obj.name
    writer: Role = Role.member
    reader: Role = Role.viewer
    history_template: str = field(default="history.html")
    # --- optional hooks (defaults: the behaviour above) ---------------------------------
    # Endpoint names that differ from the defaults, by view: {"edit": "edit_team_text"}.
    # Views: edit, save, archive, restore, history, restore_version.
    endpoints: Mapping[str, str] = field(default_factory=dict)
    # The id of the edit fragment in the page (default ``x-<id>``).
    edit_target: Callable[[Any], str] | None = None
    # Called with the object and the view ("edit", "history") after loading it: people's
    # access log.
    opened: Callable[[Any, str], None] | None = None
    # The presence (page, item) of the object being edited (default: page, ``x:<id>``).
    presence: Callable[[Any], tuple[str, str]] | None = None
    leaves_after_save: bool = True  # the editor closes after a save (presence: leaving)
    # validate(form, formdata): replaces ``form.validate()`` (opinions: nothing sent).
    validate: Callable[[Any, Any], bool] | None = None
    # The edit page of the area's own: page(obj, form, version, status=..., result=...),
    # with ``form=None`` for the fresh edit form and ``result`` for the conflict view.
    page_view: Callable[..., Any] | None = None
    keep_on_conflict: bool = False  # a conflict commits (what the save kept: a draft)
    history_view: Callable[[Any], Any] | None = None  # the history page of the area's own
    restore_with: Callable | None = None  # restores a version, when more than its fields

    # --- the views ----------------------------------------------------------------------

    def row_id(self, obj) -> str:
        return self.edit_target(obj) if self.edit_target is not None else f"{self.name}-{obj.id}"

    def endpoint(self, view: str) -> str:
        defaults = {
            "edit": f"edit_{self.name}",
            "save": f"save_{self.name}_view",
            "archive": f"archive_{self.name}",
            "restore": f"restore_{self.name}",
            "history": f"{self.name}_history",
            "restore_version": f"restore_{self.name}_version",
        }
        return self.endpoints.get(view, defaults[view])

    def announce(self, obj, leaving: bool = False) -> None:
        page, item = self.presence(obj) if self.presence is not None else (self.page, f"{self.name}:{obj.id}")
        presence.announce(g.org.id, current_user.id, page, item, leaving=leaving)

    def edit_page(self, obj, form, version: int, block: str = "edit_form", status: int = 200, **extra):
        """The edit form (or, with ``block="conflict"``, the conflict view) for ``obj``."""
        if self.page_view is not None:
            response = self.page_view(obj, form, version, status=status, result=extra.get("result"))
            return (response, status) if status != 200 else response
        context = {self.name: obj, "form": form, "version": version, **self.edit_context(obj), **extra}
        response = render(f"{self.templates}/edit.html", blocks={self.row_id(obj): block}, **context)
        return (response, status) if status != 200 else response

    def conflict(self, obj, form, version: int, result: SaveResult):
        """The 409 after a save that met a colleague's change of the same field."""
        if self.keep_on_conflict:
            db.session.commit()
        else:
            db.session.rollback()
        return self.edit_page(
            obj,
            form,
            version,
            "conflict",
            409,
            result=result,
            labels=self.labels,
            **self.conflict_context(result),
        )

    def load_for(self, object_id: int, view: str):
        obj = self.load(object_id)
        if self.opened is not None:
            self.opened(obj, view)
        return obj

    def edit(self, object_id: int):
        obj = self.load_for(object_id, "edit")
        self.announce(obj)
        form = None if self.page_view is not None else self.form_for(obj)
        return self.edit_page(obj, form, obj.version)

    def save_view(self, object_id: int):
        obj = self.load(object_id)
        formdata = resolve(request.form)
        base_version = base_version_or_428(formdata)
        form = self.form(formdata, obj)
        if self.before_validate is not None and (answer := self.before_validate(obj, form, base_version)) is not None:
            return answer
        valid = self.validate(form, formdata) if self.validate is not None else form.validate()
        if not valid:
            return self.edit_page(obj, form, base_version, status=422)
        result = self.save(obj, self.values(form, obj), base_version, user_id=current_user.id)
        if result.status == "conflict":
            return self.conflict(obj, form, base_version, result)
        db.session.commit()
        if self.leaves_after_save:
            self.announce(obj, leaving=True)
        return self.saved(obj, result)

    def change_status(self, object_id: int, status: str, action: str, message):
        obj = self.load(object_id)
        self.set_status(obj, status, user_id=current_user.id, action=action)
        db.session.commit()
        title = self.title(obj)
        return self.changed(obj, str(message) % {"name": title, "title": title})

    def archive(self, object_id: int):
        return self.change_status(object_id, "archived", "archived", self.archived_message)

    def restore(self, object_id: int):
        return self.change_status(object_id, self.restored_status, "restored", self.restored_message)

    def history(self, object_id: int):
        obj = self.load_for(object_id, "history")
        if self.history_view is not None:
            return self.history_view(obj)
        return render(
            f"{self.templates}/{self.history_template}", items=self.history_items(entries_for(obj)), **{self.name: obj}
        )

    def restore_version(self, object_id: int, version: int):
        obj = self.load(object_id)
        restore_from_history(obj, version, nothing=str(self.nothing_to_restore), restore=self.restore_with)
        return redirect(url_for(f".{self.endpoint('history')}", **{f"{self.name}_id": obj.id}), code=303)

    # --- registration -------------------------------------------------------------------

    def register(self, bp: Blueprint) -> None:
        """Add the shared views to ``bp`` (archive and restore when ``set_status`` is given)."""
        n, key = self.name, f"<int:{self.name}_id>"
        base = f"/o/<slug>/{self.path}/{key}"
        routes = [
            ("GET", f"{base}/edit", "edit", self.writer, lambda **kw: self.edit(kw[f"{n}_id"])),
            ("POST", base, "save", self.writer, lambda **kw: self.save_view(kw[f"{n}_id"])),
            ("GET", f"{base}/history", "history", self.reader, lambda **kw: self.history(kw[f"{n}_id"])),
            (
                "POST",
                f"{base}/history/<int:version>/restore",
                "restore_version",
                self.writer,
                lambda version, **kw: self.restore_version(kw[f"{n}_id"], version),
            ),
        ]
        if self.set_status is not None:
            routes += [
                ("POST", f"{base}/archive", "archive", self.writer, lambda **kw: self.archive(kw[f"{n}_id"])),
                ("POST", f"{base}/restore", "restore", self.writer, lambda **kw: self.restore(kw[f"{n}_id"])),
            ]
        for method, rule, which, need, view in routes:
            endpoint = self.endpoint(which)
            view.__name__ = view.__qualname__ = endpoint
            view.__doc__ = f"{endpoint}: the shared lifecycle view (live.lifecycle) for {self.name}s."
            bp.add_url_rule(rule, endpoint, org_view(need)(view), methods=[method])
