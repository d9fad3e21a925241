"""A bar chart of signatures per day as an SVG document: no JavaScript, no library.

The SVG has no viewBox: bars are placed in percentages of its width and in pixels of its fixed
height, so it fills any column width while its text keeps its real size on a phone. It is a
pure function of its arguments; the caller passes the words and the date and number formats of
the current language.
"""

import math
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

HEIGHT = 200
TOP = 24  #: room above the highest gridline for its label
BASELINE = 172  #: the y of the zero line; the day labels sit below it
BAR_SHARE = 0.7  #: of each day's slot; the rest is the gap between bars
#: Presentation attributes, so that the SVG reads on its own; the site's CSS may override them.
BAR = 'fill="#0b5cad"'
GRID = 'stroke="#c4cbd3" stroke-width="1"'
TEXT = 'fill="#404a57" font-size="13" paint-order="stroke" stroke="#fff" stroke-width="3"'


#: Round tops for the value axis, times a power of ten: the bars fill most of the height.
STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_ceiling(value: int) -> int:
    """The smallest whole number of ``STEPS`` x 10^k that is at least ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    tops = (round(step * power) for step in STEPS if float(step * power).is_integer())
    return next(top for top in tops if top >= value)


def _percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def _attrs(**values: object) -> str:
    return " ".join(
        f'{name.replace("_", "-")}="{escape(str(value))}"' for name, value in values.items()
    )


def _label_days(count: int) -> dict[int, bool]:
    """Which days get a label under the axis: the first, the last and up to three between.

    The value says whether the label is minor (the second and fourth), which the stylesheet
    may hide on a narrow screen.
    """
    if count <= 2:
        return dict.fromkeys(range(count), False)
    between = min(3, count - 2)
    step = (count - 1) / (between + 1)
    labels = dict.fromkeys((0, count - 1), False)
    for n in range(1, between + 1):
        labels.setdefault(round(step * n), between == 3 and n != 2)
    return dict(sorted(labels.items()))


def bar_chart(
    points: Sequence[tuple[date, int]],
    *,
    title: str,
    description: str,
    id_prefix: str = "chart",
    day_label: Callable[[date], str] = date.isoformat,
    bar_title: Callable[[date, int], str] = lambda day, n: f"{day.isoformat()}: {n}",
    number: Callable[[int], str] = str,
) -> str:
    """An SVG bar chart with one ``rect.bar`` per point, a ``<title>`` and a ``<desc>``."""
    top = nice_ceiling(max((n for _, n in points), default=0))
    plot = BASELINE - TOP
    slot = 100 / max(len(points), 1)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    gridlines = [0, top // 2, top] if top % 2 == 0 else [0, top]
    for value in gridlines:
        y = round(BASELINE - plot * value / top, 2)
        parts.append(f'<line class="chart__grid" {_attrs(x1=0, x2="100%", y1=y, y2=y)} {GRID}/>')
    for index, (day, count) in enumerate(points):
        height = round(plot * count / top, 2)
        box = _attrs(
            x=_percent(slot * (index + (1 - BAR_SHARE) / 2)),
            y=round(BASELINE - height, 2),
            width=_percent(slot * BAR_SHARE),
            height=height,
        )
        label = escape(bar_title(day, count))
        parts.append(f'<rect class="bar" {box} {BAR}><title>{label}</title></rect>')
    for value in gridlines[1:]:
        where = _attrs(x=2, y=round(BASELINE - plot * value / top - 5, 2))
        parts.append(f'<text class="chart__value" {where} {TEXT}>{escape(number(value))}</text>')
    for index, minor in _label_days(len(points)).items():
        anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
        x = 0 if anchor == "start" else 100 if anchor == "end" else slot * (index + 0.5)
        where = _attrs(x=_percent(x), y=HEIGHT - 6, text_anchor=anchor)
        kind = "chart__day chart__day--minor" if minor else "chart__day"
        text = escape(day_label(points[index][0]))
        parts.append(f'<text class="{kind}" {where} {TEXT}>{text}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
