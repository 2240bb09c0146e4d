from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..core.i18n import LANGUAGE_NAMES
from ..forms import BaseForm, no_control_characters
from .passwords import MIN_LENGTH
from .strength import weakness


def _password_strength(form, field) -> None:
    """At least 12 characters and not guessable, judged with the person's own address and
    name (the form's fields, or ``form.user_inputs`` where the form has none)."""
    value = field.data or ""
    if len(value) < MIN_LENGTH:
        raise ValidationError(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(value) > 200:
        raise ValidationError(_l("Use at most 200 characters."))
    email = (getattr(form, "email", None) and form.email.data) or ""
    if email and value.lower() == email.lower():
        raise ValidationError(_l("Do not use your e-mail address as your password."))
    name = (getattr(form, "display_name", None) and form.display_name.data) or ""
    reason = weakness(value, [email, name, *getattr(form, "user_inputs", ())])
    if reason:
        raise ValidationError(
            _l("This password is easy to guess. %(reason)s A short sentence of your own works well.", reason=reason)
        )


class LoginForm(BaseForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(_l("Fill in your e-mail address.")), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Fill in your password.")), Length(max=200)])


class SignupForm(BaseForm):
    display_name = StringField(
        _l("Your name as colleagues see it"),
        validators=[DataRequired(_l("Fill in a name.")), Length(max=80), no_control_characters],
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Fill in your e-mail address.")),
            Length(max=254),
            Email(message=_l("This does not look like an e-mail address."), check_deliverability=False),
        ],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 12 characters. A short sentence works well."),
        validators=[DataRequired(_l("Choose a password.")), _password_strength],
    )
    password_confirm = PasswordField(
        _l("Password again"), validators=[EqualTo("password", _l("The two passwords are not the same."))]
    )


class PasswordResetForm(BaseForm):
    """The new password chosen through a reset link (``user_inputs``: the account's address and name)."""

    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A short sentence works well."),
        validators=[DataRequired(_l("Choose a new password.")), _password_strength],
    )
    password_confirm = PasswordField(
        _l("New password again"), validators=[EqualTo("password", _l("The two passwords are not the same."))]
    )


class ForgotForm(BaseForm):
    # No check of the address's form: whatever is typed gets the same answer.
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(_l("Fill in your e-mail address.")), Length(max=254)]
    )


class PasswordForm(BaseForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Fill in your current password."))]
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters."),
        validators=[DataRequired(_l("Choose a new password.")), _password_strength],
    )
    new_password_confirm = PasswordField(
        _l("New password again"), validators=[EqualTo("new_password", _l("The two passwords are not the same."))]
    )


class ProfileForm(BaseForm):
    display_name = StringField(
        _l("Your name as colleagues see it"),
        validators=[DataRequired(_l("Fill in a name.")), Length(max=80), no_control_characters],
    )
    # A {value: label} dict: WTForms 3.3 deprecates lists of tuples (an error under pytest).
    locale = SelectField(_l("Language"), choices=dict(LANGUAGE_NAMES))


class TotpForm(BaseForm):
    """Turning on codes from an app: the secret shown (and in the QR code), and a code."""

    secret = HiddenField()
    code = StringField(
        _l("The 6-digit code your app shows now"),
        validators=[DataRequired(_l("Fill in the code from your app.")), Length(max=20)],
    )


class SecondFactorForm(BaseForm):
    code = StringField(
        _l("Code"),
        description=_l("The 6-digit code from your app, or one of your recovery codes."),
        validators=[DataRequired(_l("Fill in a code.")), Length(max=40)],
    )


class ConfirmPasswordForm(BaseForm):
    """Changes that weaken or replace a second factor ask for the password again."""

    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Fill in your password.")), Length(max=200)]
    )
