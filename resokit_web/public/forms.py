from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..core.i18n import RESIDENT_LANGUAGE_NAMES
from ..forms import BaseForm
from ..orgs.forms import SLUG_RE
from .categories import known_codes, resident_label
from .models import INTRO_MAX, POSTER_LANGUAGES_MAX, RESIDENT_LANGUAGES
from .resident_form import clean_text


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def valid_public_slug(form, field) -> None:
    if not SLUG_RE.match(field.data or "") or "--" in field.data:
        raise ValidationError(_l("Use 3 to 60 lowercase letters, digits and single hyphens, e.g. kuregem."))


class PublicSwitchForm(BaseForm):
    enabled = RadioField(_l("Public page"), choices=lambda: [("y", _l("On")), ("n", _l("Off"))], validate_choice=False)

    def validate_enabled(self, field) -> None:
        if field.data not in ("y", "n"):
            raise ValidationError(_l("Choose on or off."))


class PublicPageForm(BaseForm):
    public_slug = StringField(
        _l("Address of the public page"),
        description=_l(
            "The page is at /buurt/ followed by this. Posters with an old address stop working when you change it."
        ),
        validators=[DataRequired(_l("Choose an address.")), Length(max=60), valid_public_slug],
    )
    intro_nl = TextAreaField(
        _l("Welcome text in Dutch"),
        filters=[clean_text],
        validators=[Optional(), Length(max=INTRO_MAX, message=_l("Use at most %(max)d characters."))],
    )
    intro_fr = TextAreaField(
        _l("Welcome text in French"),
        filters=[clean_text],
        validators=[Optional(), Length(max=INTRO_MAX, message=_l("Use at most %(max)d characters."))],
    )
    intro_en = TextAreaField(
        _l("Welcome text in English"),
        filters=[clean_text],
        validators=[Optional(), Length(max=INTRO_MAX, message=_l("Use at most %(max)d characters."))],
    )
    categories = MultiCheckboxField(
        _l("What residents can choose"),
        validate_choice=False,
        description=_l("Residents see these plain words; the place lands in the matching category of your map."),
    )

    poster_languages = MultiCheckboxField(
        _l("Languages of the poster"),
        validate_choice=False,
        choices=lambda: [(code, RESIDENT_LANGUAGE_NAMES[code]) for code in RESIDENT_LANGUAGES],
        description=_l(
            "Choose one or two. The public page itself speaks all of these: each visitor sees it in their own language."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories.choices = [(code, resident_label(code)) for code in known_codes()]

    def validate_poster_languages(self, field) -> None:
        # None ticked (or a form from before this choice existed) keeps the saved ones.
        if any(code not in RESIDENT_LANGUAGES for code in field.data or []):
            raise ValidationError(_l("Choose from the list."))
        if len(set(field.data or [])) > POSTER_LANGUAGES_MAX:
            raise ValidationError(_l("Choose at most two: more do not fit on one poster."))

    def validate_categories(self, field) -> None:
        known = set(known_codes())
        if not field.data:
            raise ValidationError(_l("Choose at least one."))
        if any(code not in known for code in field.data):
            raise ValidationError(_l("Choose from the list."))


class PosterForm(BaseForm):
    """Which languages the poster speaks (a GET form)."""

    class Meta:
        csrf = False

    languages = MultiCheckboxField(
        _l("Languages on the poster"),
        validate_choice=False,
        choices=lambda: [(code, RESIDENT_LANGUAGE_NAMES[code]) for code in RESIDENT_LANGUAGES],
    )

    def chosen(self, saved: list[str]) -> list[str]:
        """The languages picked for this print (at most three fit), else the saved two."""
        picked = [code for code in RESIDENT_LANGUAGES if code in (self.languages.data or [])]
        return picked[:3] or saved
