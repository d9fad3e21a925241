"""Sign in and out, sign up, confirm the address, reset the password, the account page.

Links in mail only ever show a page on GET (mail scanners open links); the button on that page
POSTs, and only the POST acts.
"""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth.blueprint import bp
from app.auth.forms import (
    ConfirmEmailForm,
    LoginForm,
    ResendConfirmationForm,
    ResetPasswordForm,
    ResetRequestForm,
    SignUpForm,
)
from app.auth.mail_views import mail_preferences_form
from app.models import Role
from app.models.base import utcnow
from app.routing import safe_next
from app.services.accounts import commands as accounts
from app.services.accounts.tokens import TokenRefused


def link_problem(refused: TokenRefused, purpose: str):
    page = render_template("auth/link_problem.html", problem=refused.problem, purpose=purpose)
    return page, 400


#: Where each role starts after signing in when no page asked for the sign-in.
_LANDING = {Role.DEPUTY: "deputy.index", Role.COMMISSION: "commission.queue"}


def landing(user) -> str:
    return url_for(_LANDING.get(user.role, "public.index"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("public.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(next_url or landing(user))
        flash(_("Email or password is incorrect."), "error")
    action = url_for("auth.login", next=next_url)
    return render_template("auth/login.html", form=form, action=action, next_url=next_url)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("public.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("auth.account"))
    next_url = safe_next(request.args.get("next"))
    form = SignUpForm()
    if form.validate_on_submit():
        accounts.sign_up(
            form.email.data,
            form.password.data,
            display_name=form.display_name.data,
            now=utcnow(),
            next_path=next_url,
        )
        flash(_("We have sent a message to %(email)s.", email=form.email.data), "info")
        return redirect(url_for("auth.check_inbox"))
    action = url_for("auth.register", next=next_url)
    return render_template("auth/register.html", form=form, action=action, next_url=next_url)


@bp.get("/check-inbox")
def check_inbox():
    return render_template("auth/check_inbox.html")


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """GET shows the button (scanners open links); its POST confirms, signs the person in
    (unless someone else is signed in here) and goes back to the page they started from."""
    form = ConfirmEmailForm()
    next_url = safe_next(request.args.get("next"))
    try:
        if form.validate_on_submit():
            user = accounts.confirm_email(token, now=utcnow())
            if not current_user.is_authenticated:
                login_user(user)
            flash(_("Your email address is confirmed."), "info")
            mine = current_user.id == user.id
            return redirect((mine and next_url) or url_for("auth.account"))
        user = accounts.check_confirmation_token(token, now=utcnow())
    except TokenRefused as refused:
        return link_problem(refused, "confirm")
    action = url_for("auth.confirm_email", token=token, next=next_url)
    return render_template("auth/confirm_email.html", form=form, user=user, action=action)


@bp.post("/confirm/resend")
@login_required
def resend_confirmation():
    if accounts.resend_confirmation(current_user.id, now=utcnow()):
        flash(_("We have sent a new link to %(email)s.", email=current_user.email), "info")
    else:
        flash(_("Your email address is already confirmed."), "info")
    return redirect(url_for("auth.account"))


@bp.route("/reset", methods=["GET", "POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data, now=utcnow())
        flash(
            _(
                "If an account uses %(email)s, we have sent it a link to choose a new password.",
                email=form.email.data,
            ),
            "info",
        )
        return redirect(url_for("auth.check_inbox"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    try:
        if form.validate_on_submit():
            accounts.reset_password(token, form.password.data, now=utcnow())
            flash(_("Your password has been changed. Sign in with the new one."), "info")
            return redirect(url_for("auth.login"))
        accounts.check_reset_token(token, now=utcnow())
    except TokenRefused as refused:
        return link_problem(refused, "reset")
    except accounts.PasswordRefused as refused:
        form.password.errors.append(refused.message)
    return render_template("auth/reset_password.html", form=form)


@bp.get("/account")
@login_required
def account():
    voter_url = (
        url_for("citizen.verify") if "citizen.verify" in current_app.view_functions else None
    )
    return render_template(
        "auth/account.html",
        resend_form=ResendConfirmationForm(),
        voter_url=voter_url,
        mail_form=mail_preferences_form(),
    )
