"""Shared look of every Selfkind screen, and small HTML helpers.

ipywidgets 8 has no option to let a Button's text wrap or to put a description label
above its input, so each screen carries one hidden HTML widget with a <style> block
(HTML widgets are not sanitized, and a <style> applies even inside a hidden element).
Rules are scoped under `.selfkind` so nothing else on the page changes.
"""

from __future__ import annotations

import html
from pathlib import Path

from ipywidgets import Layout

from .lean import HTML

INK = "#1b1b1b"  # body text: near-black on white, far above WCAG AA contrast
ACCENT = "#1f4e79"  # dark blue for bars and borders; readable with white or dark text

CSS = f"""
.selfkind {{ color: {INK}; background: #ffffff; padding: 12px 16px; border: 1px solid #6b6b6b;
  border-radius: 6px; max-width: 52rem; }}
.selfkind .widget-html-content {{ line-height: 1.5; }}
.selfkind .widget-label, .selfkind .widget-label-basic, .selfkind .widget-readout,
.selfkind .widget-radio-box label {{ color: {INK}; }}
.selfkind .sk-choice {{ white-space: normal !important; text-align: left !important;
  line-height: 1.4 !important; height: auto !important; padding: 8px 12px !important;
  overflow: visible !important; color: {INK} !important; background: #eef2f7 !important;
  border: 1px solid {ACCENT} !important; margin: 3px 0 !important; }}
.selfkind .sk-stacked {{ flex-direction: column !important; align-items: stretch !important; }}
.selfkind .sk-stacked > .widget-label {{ width: auto !important; text-align: left !important;
  white-space: normal !important; overflow: visible !important; line-height: 1.4 !important;
  font-weight: 600; margin: 6px 0 4px 0 !important; height: auto !important; }}
.selfkind .widget-radio-box label {{ height: auto !important; white-space: normal !important;
  line-height: 1.4 !important; padding: 3px 0; display: flex !important; align-items: flex-start;
  flex-direction: row-reverse; justify-content: flex-end; }}  /* the input comes after its text in the DOM */
.selfkind .widget-radio-box input {{ float: none !important; flex: none; height: auto !important;
  margin: 0.25em 0.6em 0 1px !important; }}
.selfkind .sk-hidden-label > .widget-label {{ position: absolute !important; width: 1px !important;
  height: 1px !important; overflow: hidden !important; clip: rect(0 0 0 0); white-space: nowrap; }}
.selfkind .sk-note {{ border-left: 4px solid {ACCENT}; background: #eef2f7; padding: 6px 10px; margin: 6px 0; }}
.selfkind .sk-warn {{ border-left: 4px solid #8a4b00; background: #fff4e0; padding: 6px 10px; margin: 6px 0; }}
.selfkind .sk-client {{ background: #f6f6f6; border-left: 4px solid #444; padding: 8px 12px; margin: 6px 0; }}
.selfkind table {{ border-collapse: collapse; margin: 6px 0 12px 0; width: 100%; }}
.selfkind th, .selfkind td {{ border: 1px solid #6b6b6b; padding: 4px 8px; text-align: left;
  vertical-align: top; line-height: 1.4; }}
.selfkind th {{ background: #e8e8e8; }}
.selfkind caption {{ text-align: left; font-weight: 600; padding: 4px 0; }}
.selfkind .sk-track {{ display: inline-block; width: 12rem; height: 0.9rem; border: 1px solid {INK};
  background: #ffffff; vertical-align: middle; margin: 0 8px; }}
.selfkind .sk-fill {{ height: 100%; background: {ACCENT}; }}
"""


def style_widget() -> HTML:
    """The hidden <style> carrier a screen puts first among its children: one per kernel,
    shown by every screen (one model for the page to load, not one per screen)."""
    carrier = _CARRIER.get("style")
    if carrier is None:
        carrier = _CARRIER["style"] = HTML(value=f"<style>{CSS}</style>", layout=Layout(display="none"))
    return carrier


_CARRIER: dict[str, HTML] = {}


def esc(text) -> str:
    """Escape author or trainee text for HTML (scenario text is never trusted as markup)."""
    return html.escape("" if text is None else str(text), quote=True)


def paragraphs(text: str) -> str:
    """Plain text as escaped <p> paragraphs, one per blank-line-separated block."""
    blocks = [b.strip() for b in str(text).split("\n\n") if b.strip()]
    return "".join(f"<p>{esc(b)}</p>" for b in blocks)


def note(html_body: str, warn: bool = False) -> str:
    """A boxed message; warnings use a different border *and* a 'Please note' word, not colour alone."""
    if warn:
        return f'<div class="sk-warn" role="alert"><strong>Please note:</strong> {html_body}</div>'
    return f'<div class="sk-note" role="status">{html_body}</div>'


def bar(value: int, top: int = 10) -> str:
    """A simple horizontal bar; always shown next to its number, so colour is never the only cue."""
    width = max(0, min(100, round(100 * value / top))) if top else 0
    return f'<span class="sk-track" aria-hidden="true"><span class="sk-fill" style="display:block;width:{width}%"></span></span>'


def shown_path(path: Path) -> str:
    """A path as a trainee would recognise it: `~/...` when under the home folder."""
    path = Path(path)
    try:
        return "~/" + path.resolve().relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return str(path)
