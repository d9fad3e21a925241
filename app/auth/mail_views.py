"""Mail preferences: the unsubscribe link of optional messages and the account's mail settings.

The unsubscribe link shows a page on GET (mail scanners open links) and acts on POST: the page's
button (a CSRF-protected form) or the mail program's one-click POST (RFC 8058, body
``List-Unsubscribe=One-Click``). That route alone is exempt from the global CSRF check, as a
mail program has no CSRF token: the encrypted token in the URL is the authority.
"""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from app.auth.blueprint import bp
from app.auth.forms import MailPreferencesForm, UnsubscribeForm
from app.extensions import csrf
from app.i18n import SESSION_KEY
from app.models.base import utcnow
from app.services.accounts.tokens import TokenRefused
from app.services.notifications import preferences
from app.views import refusals_flashed

ONE_CLICK = "List-Unsubscribe=One-Click"


def _problem(refused: TokenRefused):
    return render_template("auth/unsubscribe_problem.html", problem=refused.problem), 400


def _is_one_click() -> bool:
    return request.form.get("List-Unsubscribe") == "One-Click"


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    form = UnsubscribeForm()
    now = utcnow()
    try:
        if request.method == "POST" and (_is_one_click() or form.validate_on_submit()):
            wanted = preferences.unsubscribe(token, now=now)
            if _is_one_click():
                return "", 204
            return render_template("auth/unsubscribed.html", wanted=wanted)
        wanted = preferences.read_token(token, now=now)  # GET (or a refused form): show only
    except TokenRefused as refused:
        return _problem(refused)
    if request.method == "POST":
        return render_template("auth/unsubscribe.html", form=form, wanted=wanted), 400
    return render_template("auth/unsubscribe.html", form=form, wanted=wanted)


@bp.post("/account/mail")
@login_required
def mail_preferences():
    form = MailPreferencesForm()
    if form.validate_on_submit():
        with refusals_flashed(preferences.PreferenceError):
            preferences.save_preferences(
                current_user.id, language=form.language.data, wanted=form.wanted(), now=utcnow()
            )
            session[SESSION_KEY] = form.language.data  # one language per account: pages too
            refresh()  # and this answer already speaks it
            flash(_("Your mail settings are saved."), "info")
    else:
        flash(_("Choose a language from the list."), "error")
    return redirect(url_for("auth.account"))


def mail_preferences_form() -> MailPreferencesForm:
    """The account page's form, filled with the user's current settings."""
    refused = preferences.opted_out(current_user.id)
    form = MailPreferencesForm(formdata=None, language=current_user.language)
    for name in ("progress", "results", "updates"):
        form[name].data = name not in refused
    return form
