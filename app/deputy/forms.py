"""The deputy's reply form."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm
from app.models.reply import REPLY_MAX_CHARS


class ReplyForm(BaseForm):
    body = TextAreaField(
        _l("Text of the reply"),
        validators=[DataRequired(), Length(max=REPLY_MAX_CHARS)],
        # The deputy writes in whichever language they choose: unknown to the page (lang="").
        render_kw={"rows": 10, "maxlength": REPLY_MAX_CHARS, "lang": ""},
    )
    #: The version the deputy is editing (0: none yet), so that an edit made over a newer
    #: version is refused instead of silently replacing it.
    version = HiddenField(default="0", validators=[Length(max=12)])
    submit = SubmitField(_l("Publish the reply"))

    def expected_version(self) -> int | None:
        value = (self.version.data or "").strip()
        return int(value) if value.isdigit() and len(value) < 10 else None
