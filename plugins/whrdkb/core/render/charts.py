"""Bar charts as inline SVG, made at build time: no chart library in the reader's browser.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states
every value in words, so a screen reader (and a search engine, and a text-only
printout) gets the same figures as the picture. Colours come from classes
styled in assets/kb.css (the site's Content Security Policy allows no inline
styles). Every text is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .markdown import Safe, escape_html

WIDTH = 640
LABEL_HEIGHT = 18  # a category's label line, above its bars
BAR_HEIGHT = 12
BAR_GAP = 3
GROUP_GAP = 12
VALUE_ROOM = 48  # room after the longest bar for its value
LEGEND_HEIGHT = 24


@dataclass(frozen=True)
class Series:
    """One set of bars (for example "Target"), with a value per category."""

    label: str
    values: list[int]


def bar_chart(chart_id: str, title: str, categories: list[str], series: list[Series], rtl: bool = False) -> Safe:
    """A grouped horizontal bar chart; each category's label sits on its own line above its bars.

    Labels on their own line keep long activity names whole at any width; in a
    right-to-left page the bars grow from the right.
    """
    top = max((v for s in series for v in s.values), default=0) or 1
    span = WIDTH - VALUE_ROOM
    group = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    height = LEGEND_HEIGHT + group * len(categories)

    def x(offset: float, length: float = 0) -> float:
        return round(WIDTH - offset - length if rtl else offset, 1)

    # Texts are anchored at their start, which follows the writing direction set on the chart
    # (explicitly: inline SVG would inherit the page's).
    direction = "rtl" if rtl else "ltr"
    parts = [_legend(series, x)]
    for c, category in enumerate(categories):
        y = LEGEND_HEIGHT + c * group
        parts.append(f'<text x="{x(0)}" y="{y + 13}" text-anchor="start">{escape_html(category)}</text>')
        for s, one in enumerate(series):
            value = one.values[c]
            length = round(span * value / top, 1)
            bar_y = y + LABEL_HEIGHT + s * (BAR_HEIGHT + BAR_GAP)
            parts.append(
                f'<rect class="kb-chart-s{s}" x="{x(0, length)}" y="{bar_y}" width="{length}" height="{BAR_HEIGHT}"/>'
                f'<text class="kb-chart-value" x="{x(length + 4)}" y="{bar_y + 10}" text-anchor="start">'
                f"{value}</text>"
            )
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return Safe(
        f'<svg class="kb-chart" id="{chart_id}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg" '
        f'direction="{direction}">'
        f'<title id="{title_id}">{escape_html(title)}</title>'
        f'<desc id="{desc_id}">{escape_html(describe(categories, series))}</desc>' + "".join(parts) + "</svg>"
    )


def describe(categories: list[str], series: list[Series]) -> str:
    """Every value in words: "Monthly Meetings: Target 14, Achieved 14. …"."""
    return " ".join(
        f"{category}: " + ", ".join(f"{s.label} {s.values[c]}" for s in series) + "."
        for c, category in enumerate(categories)
    )


def _legend(series: list[Series], x) -> str:
    """Coloured keys for each series, side by side along the top."""
    out, offset = [], 0.0
    for s, one in enumerate(series):
        out.append(
            f'<rect class="kb-chart-s{s}" x="{x(offset, 12)}" y="4" width="12" height="12"/>'
            f'<text x="{x(offset + 16)}" y="14" text-anchor="start">{escape_html(one.label)}</text>'
        )
        offset += 16 + 8 * len(one.label) + 24
    return "".join(out)
