"""Charts for the QIPP dashboards as SVG strings, drawn by matplotlib (Agg, no display).

Text is drawn as paths (svg.fonttype "path"), so the SVG needs no fonts and renders the
same in a browser and in a WeasyPrint PDF. Each SVG is role="img" with a title and a
description; every chart sits beside a table of the same figures. Amounts reach the
drawing as whole £000 integers: no float is made from money here.
"""

import hashlib
import io
import re
from collections.abc import Callable
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from django.core.cache import cache  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import money  # noqa: E402
from .dashboards import Step, Summary  # noqa: E402

NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_GREEN = "#007f3b"
NHS_RED = "#d5281b"
NHS_GREY = "#768692"
TEXT = "#212b32"
STYLE = {
    "svg.fonttype": "path",
    "svg.hashsalt": "qipp-dashboards",  # stable ids: the same figures give the same SVG
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": NHS_GREY,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
}


# Part of every key: a change to how the charts are drawn must not serve old drawings.
DRAWING_VERSION = 1
CACHE_SECONDS = 7 * 24 * 3600


def _cached(name: str, figures: object, draw: Callable[[], str]) -> str:
    """The chart drawn from `figures`, from Django's cache when the very same figures were
    drawn before: matplotlib took 30% of a dashboard's time, drawing on every request."""
    digest = hashlib.sha256(repr((DRAWING_VERSION, name, figures)).encode()).hexdigest()
    key = f"qipp-chart:{name}:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _k(value: Decimal) -> int:
    return int(money.whole(value))


def _thousands(value, _position) -> str:
    return money.accounting(Decimal(int(value)))


PRESENTATION = {"fill", "stroke", "stroke-width", "stroke-linejoin", "stroke-linecap", "opacity"}


def _svg(figure: Figure, name: str, title: str, description: str) -> str:
    """The figure as an inline SVG: scaled to its container's width, ids prefixed with
    `name` (several charts can share a page), styles as presentation attributes (which
    WeasyPrint reads without complaint), and a title and description for screen readers."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", svg)
    svg = re.sub(r'style="([^"]*)"', _attributes, svg)
    # matplotlib's one stylesheet rule, as inherited attributes: a page whose CSP forbids
    # inline styles renders the SVG unchanged.
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 width="100%"', svg, count=1)
    head = (
        f'<svg role="img" aria-labelledby="{name}-title {name}-desc" class="app-chart"'
        ' stroke-linejoin="round" stroke-linecap="butt"'
    )
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">") + 1
    accessible = (
        f'<title id="{name}-title">{_escape(title)}</title>'
        f'<desc id="{name}-desc">{_escape(description)}</desc>'
    )
    return svg[:close] + accessible + svg[close:]


def _attributes(match: re.Match) -> str:
    pairs = [part.split(":", 1) for part in match[1].split(";") if ":" in part]
    known = [(key.strip(), value.strip()) for key, value in pairs if key.strip() in PRESENTATION]
    rest = "; ".join(f"{k.strip()}: {v.strip()}" for k, v in pairs if k.strip() not in PRESENTATION)
    attributes = " ".join(f'{key}="{value}"' for key, value in known)
    return attributes + (f' style="{rest}"' if rest else "")


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _figure(width: int, height: int):
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(width, height))
        axes = figure.subplots()
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.set_major_formatter(FuncFormatter(_thousands))
        axes.set_ylabel("£000 saving")
    return figure, axes


def plan_forecast_assured_svg(summary: Summary) -> str:
    """Grouped bars per organisation: the year's plan, the SROs' forecast outturn and the
    PMO's assured value (from `dashboards.by_organisation`)."""
    figures = [
        (row.label, row.figures.annual_plan, row.figures.forecast, row.figures.assured)
        for row in summary.rows
    ]
    return _cached("by-organisation", figures, lambda: _draw_plan_forecast_assured(summary))


def _draw_plan_forecast_assured(summary: Summary) -> str:
    rows = summary.rows
    series = [
        ("Plan", NHS_DARK_BLUE, lambda f: f.annual_plan),
        ("Forecast outturn", NHS_BLUE, lambda f: f.forecast),
        ("Assured", NHS_GREEN, lambda f: f.assured),
    ]
    with matplotlib.rc_context(STYLE):
        figure, axes = _figure(8, 4)
        for offset, (label, colour, value) in enumerate(series):
            xs = [4 * n + offset for n in range(len(rows))]
            heights = [_k(value(row.figures)) for row in rows]
            bars = axes.bar(xs, heights, width=1, color=colour, label=label)
            axes.bar_label(bars, labels=[money.accounting(Decimal(h)) for h in heights], fontsize=8)
        axes.set_xticks([4 * n + 1 for n in range(len(rows))], [row.label for row in rows])
        axes.legend(frameon=False, loc="upper right")
    parts = "; ".join(
        f"{row.label}: plan {money.accounting(row.figures.annual_plan)}, forecast "
        f"{money.accounting(row.figures.forecast)}, assured {money.accounting(row.figures.assured)}"
        for row in rows
    )
    return _svg(
        figure,
        "qipp-by-organisation",
        "Plan, forecast outturn and assured value by organisation (£000 saving)",
        parts,
    )


def waterfall_svg(steps: list[Step]) -> str:
    """From the plan, down by each driver of under-delivery and up by what offsets it, to
    the forecast outturn (from `dashboards.plan_to_forecast`)."""
    figures = [(step.label, step.start, step.end, step.is_total) for step in steps]
    return _cached("waterfall", figures, lambda: _draw_waterfall(steps))


def _draw_waterfall(steps: list[Step]) -> str:
    levels = [_k(step.end) for step in steps] + [_k(step.start) for step in steps[1:-1]]
    floor = _floor(min(levels), max(levels))
    with matplotlib.rc_context(STYLE):
        figure, axes = _figure(10, 5)
        axes.set_ylim(floor, max(levels) + (max(levels) - floor) // 12)
        for n, step in enumerate(steps):
            low, high = sorted((_k(step.start), _k(step.end)))
            low = max(low, floor)
            colour = NHS_DARK_BLUE if step.is_total else (NHS_RED if step.change < 0 else NHS_GREEN)
            axes.bar([n], [high - low], bottom=[low], width=1, color=colour, edgecolor="white")
            label = money.accounting(step.end if step.is_total else step.change)
            axes.text(n, high, label, ha="center", va="bottom", fontsize=7, color=TEXT)
        axes.set_xticks(range(len(steps)), [_short(step.label) for step in steps])
        axes.tick_params(axis="x", labelrotation=60, labelsize=7)
        for tick in axes.get_xticklabels():
            tick.set_horizontalalignment("right")
    parts = "; ".join(
        f"{step.label} {money.accounting(step.end if step.is_total else step.change)}"
        for step in steps
    )
    return _svg(
        figure,
        "qipp-waterfall",
        "From plan to forecast outturn by driver (£000 saving; the axis does not start at 0)",
        parts,
    )


def _floor(low: int, high: int) -> int:
    """Where the waterfall's axis starts: below the lowest level by a tenth of the range,
    at a round number, so the drivers' steps are visible beside the totals."""
    span = max(high - low, 1)
    step = 10 ** max(len(str(span)) - 1, 0)
    return max(((low - span // 10) // step) * step, 0)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
