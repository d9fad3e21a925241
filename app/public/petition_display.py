"""How a petition's figures read on its page: the countdown and the chart, in the current language.

Presentation only; the figures come from ``services.petitions.queries``.
"""

from datetime import date, timedelta

from babel import Locale
from flask_babel import format_date, format_number, get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from app.i18n import shown_date
from app.public.chart import bar_chart

#: The units of a countdown, largest first, with their CLDR names (the JavaScript side uses the
#: same names with ``Intl.NumberFormat``, so both read alike in every language).
UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def countdown_parts(left: timedelta) -> list[tuple[str, int]]:
    """The two largest units of ``left`` starting at the first that is not zero.

    ``3 days 4 hours``, ``4 hours 0 minutes``, ``12 seconds``; seconds round down.
    """
    seconds = max(int(left.total_seconds()), 0)
    amounts = []
    for unit, size in UNITS:
        amounts.append((unit, seconds // size))
        seconds %= size
    first = next((i for i, (_, n) in enumerate(amounts) if n), len(UNITS) - 1)
    return amounts[first : first + 2]


def time_left_text(left: timedelta) -> str:
    """``"3 days 4 hours left"`` in the current language."""
    locale = Locale.parse(str(get_locale()))
    units = countdown_units()
    amount = " ".join(
        units[unit].get(locale.plural_form(n), units[unit]["other"]).format(n)
        for unit, n in countdown_parts(left)
    )
    return _("%(time)s left", time=amount)


def countdown_units() -> dict[str, dict[str, str]]:
    """The CLDR patterns of the countdown's units in the current language, by plural category
    (``{"day": {"one": "{0} day", "other": "{0} days"}, ...}``), for the script."""
    patterns = Locale.parse(str(get_locale()))._data["unit_patterns"]
    units = {}
    for unit, _size in UNITS:
        lengths = patterns[f"duration-{unit}"]
        # CLDR lacks some long forms (Kazakh days); the short ones stand in for them.
        forms = {**lengths.get("short", {}), **lengths.get("long", {})}
        units[unit] = {category: text for category, text in forms.items() if category != "per"}
    return units


def countdown_template() -> str:
    """The sentence around the amount, for the script that updates the countdown."""
    return _("%(time)s left", time="{time}")


def signatures_chart(per_day: list[tuple[date, int]]) -> Markup:
    """The SVG chart of counted signatures per day, labelled in the current language."""
    total = sum(n for _, n in per_day)
    description = _(
        "Bar chart: %(total)s counted signatures from %(first)s to %(last)s, one bar per day. "
        "The table below gives the same figures.",
        total=format_number(total),
        first=shown_date(per_day[0][0]),
        last=shown_date(per_day[-1][0]),
    )
    svg = bar_chart(
        per_day,
        title=_("Signatures per day"),
        description=description,
        id_prefix="signatures-chart",
        day_label=lambda day: format_date(day, "d MMM"),
        bar_title=lambda day, n: ngettext(
            "%(date)s: %(num)d signature",
            "%(date)s: %(num)d signatures",
            n,
            date=shown_date(day),
        ),
        number=format_number,
    )
    return Markup(svg)  # bar_chart escapes every text it puts in
