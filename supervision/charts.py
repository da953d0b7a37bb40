"""Charts drawn on the server as SVG: geometry computed here, drawn by
``supervision/_chart_bars.html`` and ``supervision/_chart_months.html``. No script, no library,
no CDN; black-and-white printable (values written on the bars, the second series hatched), and
every chart has its numbers in a table beside it for screen readers."""

from dataclasses import dataclass
from decimal import Decimal

BAR_HEIGHT = 18
BAR_GAP = 8
LABEL_WIDTH = 200
PLOT_WIDTH = 300
VALUE_SPACE = 56


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None
    shown: str
    url: str
    y: int
    width: int
    text_y: int


def _scale(value, top) -> int:
    if not value or not top:
        return 0
    return max(1, int(Decimal(value) / Decimal(top) * PLOT_WIDTH))


def horizontal_bars(entries, *, top=None, suffix="") -> dict:
    """A bar per (label, value, url): ``top`` is the value of a full bar (default the largest);
    given ``top`` (a percentage's 100), each bar runs over a light track of the full width."""
    entries = list(entries)
    track = PLOT_WIDTH if top else 0
    top = top or max((value or 0 for _label, value, _url in entries), default=0)
    bars = []
    for index, (label, value, url) in enumerate(entries):
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append(
            Bar(
                label=label,
                value=value,
                shown="—" if value is None else f"{value}{suffix}",
                url=url,
                y=y,
                width=_scale(value, top),
                text_y=y + BAR_HEIGHT - 4,
            )
        )
    return {
        "bars": bars,
        "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
        "width": LABEL_WIDTH + PLOT_WIDTH + VALUE_SPACE,
        "label_width": LABEL_WIDTH,
        "track": track,
        "label_x": LABEL_WIDTH - 6,
        "value_offset": LABEL_WIDTH + 4,
    }


MONTH_PLOT_HEIGHT = 140
MONTH_SLOT = 40
MONTH_BAR = 15
MONTH_LEFT = 30
MONTH_TOP = 16


@dataclass(frozen=True)
class MonthBar:
    x: int
    y: int
    height: int
    value: int
    text_x: int
    text_y: int


def months(series: list[tuple[str, list[int]]]) -> dict:
    """Two series of 12 monthly counts (this year, last year) as grouped columns."""
    top = max((v for _label, values in series for v in values), default=0) or 1
    groups = []
    for month in range(12):
        bars = []
        for index, (_label, values) in enumerate(series):
            value = values[month]
            height = int(value / top * MONTH_PLOT_HEIGHT)
            x = MONTH_LEFT + month * MONTH_SLOT + 4 + index * (MONTH_BAR + 2)
            y = MONTH_TOP + MONTH_PLOT_HEIGHT - height
            bars.append(
                MonthBar(
                    x=x,
                    y=y,
                    height=height,
                    value=value,
                    text_x=x + MONTH_BAR // 2,
                    text_y=y - 3,
                )
            )
        groups.append(
            {
                "month": month + 1,
                "bars": bars,
                "label_x": MONTH_LEFT + month * MONTH_SLOT + MONTH_SLOT // 2,
            }
        )
    return {
        "groups": groups,
        "series": [label for label, _values in series],
        "rows": [
            {"month": m + 1, "values": [values[m] for _label, values in series]} for m in range(12)
        ],
        "width": MONTH_LEFT + 12 * MONTH_SLOT + 10,
        "height": MONTH_TOP + MONTH_PLOT_HEIGHT + 40,
        "axis_y": MONTH_TOP + MONTH_PLOT_HEIGHT,
        "label_y": MONTH_TOP + MONTH_PLOT_HEIGHT + 16,
        "legend_y": MONTH_TOP + MONTH_PLOT_HEIGHT + 34,
        "axis_right": MONTH_LEFT + 12 * MONTH_SLOT,
        "left": MONTH_LEFT,
    }
