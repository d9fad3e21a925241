"""The Russian and Kazakh catalogs: they compile, keep every placeholder, cover every string.

Every user-facing string is translated in both catalogs: a test extracts the strings afresh
(``pybabel extract``, as ``make messages`` does) and fails on any string a catalog misses, leaves
empty or marks fuzzy, and on any translation that loses or invents a placeholder. Mail goes out
in the recipient's language (``User.language``).
"""

import io
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale

from app.extensions import db
from app.models import OutboxMessage
from app.rules.lifecycle import PetitionStatus as S
from app.services.events import EventKind as K
from app.services.notifications import dispatch_pending
from tests.factories import make_member
from tests.support.notice_world import NOW, citizen, make_world, outbox, record

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
LANGUAGES = ("ru", "kk")
PLURAL_FORMS = {
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "kk": "nplurals=2; plural=(n != 1);",
}
#: Where mail is written: every message of these files must be translated.
MAIL_SOURCES = (
    *sorted((ROOT / "templates" / "email").rglob("*.txt")),
    *sorted((ROOT / "app" / "services" / "notifications").glob("*.py")),
    ROOT / "app" / "services" / "accounts" / "mail.py",
)
KEYWORDS = DEFAULT_KEYWORDS | {"_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


#: The keywords of ``make messages`` (the Makefile is checked to use the same).
EXTRACT_KEYWORDS = ("-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2")


def catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=language)


def translated(language: str) -> list:
    """The entries of the catalog with a translation, each with its forms as a tuple."""
    entries = []
    for message in catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(strings):
            entries.append((message, strings))
    return entries


def msgid_forms(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def mail_msgids() -> set[str]:
    ids = set()
    for path in MAIL_SOURCES:
        method = "jinja2" if path.suffix == ".txt" else "python"
        for _line, msgid, _comments, _context in extract_from_file(method, path, KEYWORDS):
            ids.add(msgid[0] if isinstance(msgid, tuple) else msgid)
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_compiles_without_errors(language):
    po = catalog(language)

    errors = [(message.id, str(error)) for message, problems in po.check() for error in problems]
    compiled = io.BytesIO()
    write_mo(compiled, po)

    assert errors == []
    assert compiled.getvalue()
    assert po.plural_forms == PLURAL_FORMS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_msgid(language):
    entries = translated(language)
    wrong = []
    for message, strings in entries:
        expected = set(PLACEHOLDER.findall(" ".join(msgid_forms(message))))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((message.id, string))
            elif "python-format" in message.flags:
                try:  # a stray "%" (not "%%") would break the formatting at run time
                    string % dict.fromkeys(expected, 1)
                except (TypeError, ValueError, KeyError) as error:
                    wrong.append((message.id, f"{string}: {error}"))
            if "№" in message.id and "№" not in string:
                wrong.append((message.id, string))

    assert len(entries) > 100
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_fuzzy_since_fuzzy_entries_are_not_compiled(language):
    assert [message.id for message, _ in translated(language) if message.fuzzy] == []


def test_the_mail_messages_are_found_where_mail_is_written():
    ids = mail_msgids()

    assert "Recall petition № %(id)s is registered" in ids  # notifications/render.py
    assert "Details:" in ids  # templates/email/notices/_footer.txt
    assert "Your password was changed" in ids  # account_mail.py
    assert len(ids) > 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_mail_message_is_translated(language):
    strings = {message.id: strings for message, strings in translated(language)}
    ids = mail_msgids()

    assert sorted(msgid for msgid in ids if msgid not in strings) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_labels_that_mail_shows_are_translated(app, language):
    from app.labels import (
        CALENDAR_STEP,
        CERTIFIED_CONSEQUENCE,
        PETITION_STATUS,
        REFUSAL_REASON,
        REVIEW_REASON,
    )

    labels = [
        *PETITION_STATUS.values(),
        *CERTIFIED_CONSEQUENCE.values(),
        *CALENDAR_STEP.values(),
        *REVIEW_REASON.values(),
        *REFUSAL_REASON.values(),
    ]
    english = [str(label) for label in labels]
    with force_locale(language):
        shown = [str(label) for label in labels]

    untranslated = [e for e, s in zip(english, shown, strict=True) if e == s]
    assert untranslated == []
    assert all(CYRILLIC.search(text) for text in shown)


@pytest.fixture
def world(app):
    return make_world()


def test_each_recipient_gets_the_same_notice_in_their_own_language(world):
    world.initiator.language = "ru"
    member_en = citizen(language="en")
    member_kk = citizen(language="kk")
    make_member(petition=world.petition, user=member_en)
    make_member(petition=world.petition, user=member_kk)
    db.session.commit()
    number = world.petition.id

    event_id = record(world.petition, K.REGISTERED, detail="again")
    dispatch_pending(NOW)
    by_address = {message.to_address: message for message in outbox(event_id)}
    russian = by_address[world.initiator.email]
    english = by_address[member_en.email]
    kazakh = by_address[member_kk.email]

    assert english.language == "en"
    assert english.subject == f"Recall petition № {number} is registered"
    assert "The election commission registered recall petition" in english.body_text
    assert "Details:" in english.body_text

    assert russian.language == "ru"
    assert russian.subject == f"Петиция об отзыве № {number} зарегистрирована"
    assert "Избирательная комиссия зарегистрировала петицию" in russian.body_text
    assert "Подробнее:" in russian.body_text and "января 2027" in russian.body_text
    assert not re.search(r"election commission|Details|Signatures may", russian.body_text)

    assert kazakh.language == "kk"
    assert KAZAKH_LETTERS.search(kazakh.subject) and f"№ {number}" in kazakh.subject
    assert "тіркеді" in kazakh.body_text and "Толығырақ:" in kazakh.body_text
    assert KAZAKH_LETTERS.search(kazakh.body_text)
    assert not re.search(r"election commission|Details|Signatures may", kazakh.body_text)


def test_the_deputy_and_a_follower_get_their_own_wording_translated(world):
    world.deputy.language = "kk"
    world.follower.language = "ru"
    db.session.commit()

    registered = record(world.petition, K.REGISTERED, detail="again")
    milestone = record(world.petition, K.MILESTONE, detail="50")
    dispatch_pending(NOW)

    (deputy,) = [m for m in outbox(registered) if m.to_address == world.deputy.email]
    assert "Сайлау комиссиясы сізді кері шақырып алу" in deputy.body_text
    (follower,) = [m for m in outbox(milestone) if m.to_address == world.follower.email]
    assert "набрала 50% необходимых подписей" in follower.subject
    assert "Вы следите за этой петицией" in follower.body_text
    assert follower.unsubscribe_url in follower.body_text


def test_account_mail_and_the_signing_receipt_are_translated(app):
    from app.services.accounts import mail as account_mail
    from app.services.petitions.commands import change_status
    from app.services.signing.commands import sign_petition
    from tests.factories import make_petition, make_snapshot, make_verified_citizen, make_voter

    kazakh = citizen(email="kk@example.org", language="kk")
    account_mail.queue_password_changed(kazakh)
    db.session.commit()
    opened = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
    petition = make_petition(status=S.FILED)
    make_snapshot(counts={petition.constituency: 1_000})
    db.session.commit()
    change_status(petition.id, S.COLLECTING, now=opened, reason="registered")
    signer = make_verified_citizen(make_voter(constituency=petition.constituency))
    signer.language = "ru"
    db.session.commit()
    sign_petition(petition.id, signer.id, now=opened + timedelta(days=2))

    by_address = {m.to_address: m for m in db.session.scalars(sa.select(OutboxMessage))}
    changed = by_address["kk@example.org"]
    assert changed.subject == "Құпиясөзіңіз өзгертілді"
    assert "құпиясөзі жаңа ғана өзгертілді" in changed.body_text
    receipt = by_address[signer.email]
    assert receipt.subject == f"Ваша подпись под петицией об отзыве № {petition.id}"
    assert "Код квитанции:" in receipt.body_text and "Сохраните этот код" in receipt.body_text


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings of the code and templates today, extracted as ``make messages`` does."""
    pot = tmp_path_factory.mktemp("extract") / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"]
    command += [*EXTRACT_KEYWORDS, "--sort-output", "-o", str(pot), "."]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as source:
        return {message.id: message for message in read_po(source) if message.id}


def test_make_messages_extracts_with_the_keywords_the_drift_check_uses():
    makefile = (ROOT / "Makefile").read_text()

    assert " ".join(EXTRACT_KEYWORDS) in makefile.replace("\\\n", " ").replace("\t", " ")
    assert "pybabel update" in makefile and "--no-fuzzy-matching" in makefile


def test_the_extraction_finds_the_strings_of_code_and_templates(extracted):
    assert "Deputy recall" in extracted  # base.html
    assert "Choose a language from the list." in extracted  # notifications/preferences.py
    assert any(isinstance(msgid, tuple) for msgid in extracted)  # ngettext
    assert len(extracted) > 1000


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_translates_every_extracted_string_without_fuzzy_or_lost_placeholders(
    extracted, language
):
    entries = {message.id: message for message in catalog(language) if message.id}
    missing, empty, fuzzy, placeholders = [], [], [], []
    for msgid in extracted:
        message = entries.get(msgid)
        if message is None:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            empty.append(msgid)
        if message.fuzzy:
            fuzzy.append(msgid)
        expected = set(PLACEHOLDER.findall(" ".join(msgid_forms(message))))
        if any(set(PLACEHOLDER.findall(string)) != expected for string in strings if string):
            placeholders.append(msgid)

    assert missing == [], "run `make messages`, then translate the new entries"
    assert empty == []
    assert fuzzy == []
    assert placeholders == []
