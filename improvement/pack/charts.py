"""Charts for the pack as plain SVG: drawn here, escaped, and rendered by WeasyPrint
without fetching anything. Every bar is labelled with its number, and the legend names
each RAG, so the chart still reads in black and white."""

from dataclasses import dataclass
from html import escape

from actions.models import Rag

RAG_COLOURS = {"R": "#d5281b", "A": "#ed8b00", "G": "#007f3b", "B": "#005eb8", "": "#ffffff"}
RAG_PATTERN_TEXT = {"R": "#ffffff", "A": "#212b32", "G": "#ffffff", "B": "#ffffff", "": "#212b32"}
NOT_RATED = ("", "Not rated")  # drawn white with a grey edge, so the bar still adds up


def _keys(series: list["Series"]) -> list[tuple[str, str]]:
    """The RAG key in order, and "Not rated" where any series has unrated actions: the
    bars then total what the table beside them counts."""
    keys = [(rag.value, rag.label) for rag in Rag]
    if any(item.counts.get("", 0) for item in series):
        keys.append(NOT_RATED)
    return keys


@dataclass
class Series:
    label: str
    counts: dict[str, int]  # RAG value -> count


def stacked_bars(series: list[Series], *, title: str, width: int = 680) -> str:
    """Horizontal stacked bars, one per series (improvement area or report)."""
    label_width, bar_height, gap, top = 230, 22, 10, 28
    height = top + len(series) * (bar_height + gap) + 30
    biggest = max((sum(s.counts.values()) for s in series), default=0) or 1
    scale = (width - label_width - 40) / biggest
    keys = _keys(series)
    parts = [_open(width, height, title), _legend(label_width, keys)]
    for index, item in enumerate(series):
        y = top + index * (bar_height + gap)
        parts.append(f'<text x="2" y="{y + 15}" >{escape(_shorten(item.label, 36))}</text>')
        x = float(label_width)
        for key, _ in keys:
            count = item.counts.get(key, 0)
            if not count:
                continue
            w = count * scale
            edge = "#4c6272" if key == "" else "#ffffff"
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" '
                f'fill="{RAG_COLOURS[key]}" stroke="{edge}" stroke-width="1"/>'
            )
            if w >= 16:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" '
                    f'fill="{RAG_PATTERN_TEXT[key]}" font-weight="bold">{count}</text>'
                )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" >{sum(item.counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend_lines(points: list[Series], *, title: str, width: int = 680) -> str:
    """RAG counts across reports, one labelled line per RAG."""
    height, left, right, top, bottom = 220, 40, 90, 30, 40
    if len(points) < 2:
        return ""
    peak = max(max(p.counts.values(), default=0) for p in points) or 1
    step = (width - left - right) / (len(points) - 1)
    plot_h = height - top - bottom

    def xy(i: int, value: int) -> tuple[float, float]:
        return left + i * step, top + plot_h - value * plot_h / peak

    parts = [_open(width, height, title)]
    for i, point in enumerate(points):
        x, _ = xy(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" >'
            f"{escape(point.label)}</text>"
        )
    for rag in Rag:
        coords = [xy(i, p.counts.get(rag.value, 0)) for i, p in enumerate(points)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{RAG_COLOURS[rag.value]}" '
            f'stroke-width="2.5"/>'
        )
        last_x, last_y = coords[-1]
        parts.append(
            f'<text x="{last_x + 6:.1f}" y="{last_y + 4:.1f}" >'
            f"{rag.label} {points[-1].counts.get(rag.value, 0)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="11" '
        f'fill="#212b32"><title>{escape(title)}</title>'
    )


def _legend(x: int, keys: list[tuple[str, str]]) -> str:
    items = []
    for i, (key, label) in enumerate(keys):
        lx = x + i * 80
        items.append(
            f'<rect x="{lx}" y="4" width="12" height="12" fill="{RAG_COLOURS[key]}" '
            f'stroke="#4c6272" stroke-width="{1 if key == "" else 0}"/>'
            f'<text x="{lx + 16}" y="14" >{label}</text>'
        )
    return "".join(items)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
