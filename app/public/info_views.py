"""Pages that explain the service: how it works, questions and answers, accessibility, contact."""

from flask import render_template

from app.public.blueprint import bp


@bp.get("/how-it-works")
def how_it_works():
    return render_template("public/how_it_works.html")


@bp.get("/help")
def help():
    return render_template("public/help.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/contact")
def contact():
    return render_template("public/contact.html")
