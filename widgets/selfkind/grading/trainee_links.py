"""Links in a trainee's markdown go only to web pages, email addresses or places in the page.

`neutralise_links` finds every link and image with markdown-it-py (CommonMark), including
reference definitions, entity-encoded targets (`jav&#x61;script:`) and targets with tabs or
newlines in them, and rewrites each one whose scheme is not http, https or mailto to the
harmless `[its text](#)`; a definition with such a target becomes plain text. Relative links
and #anchors stay. The result is then rendered by nbconvert's own markdown renderer (the one
the feedback page and formgrader use); if that still shows a link this module did not expect,
the whole text is shown as a code block instead, so a difference between the two parsers can
never leave a live script link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_block import reference
from markdown_it.rules_inline import image, link

ALLOWED_SCHEMES = {"http", "https", "mailto"}
HARMLESS = "(#)"
MAX_PASSES = 20  # each pass fixes every link it sees; nested links need one more pass each
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def is_allowed(url: str) -> bool:
    """True for http, https and mailto targets and for relative ones (paths, #anchors).

    Judged as a browser would read the target, and then some: percent-escapes decoded, and
    spaces, tabs, newlines and control characters dropped wherever they are (browsers drop
    tabs and newlines inside a scheme, and spaces and controls around it).
    """
    bare = _INVISIBLE.sub("", unquote(url))
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1).lower() in ALLOWED_SCHEMES


def neutralise_links(text: str) -> tuple[str, int]:
    """`text` with every link or image whose target is not allowed made harmless, and how many were."""
    typed = text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")  # as markdown-it reads it
    changed = 0
    for _ in range(MAX_PASSES):
        found = _bad_links(text)
        if not found.usages and not found.definitions:
            break
        text, fixed = _rewrite(text, found)
        if not fixed:
            break
        changed += fixed
    left = _bad_links(text)
    if left.usages or left.definitions or _rendered_urls_not_allowed(text):
        return as_code_block(text), max(changed, 1)
    return (text, changed) if changed else (typed, 0)


def as_code_block(text: str) -> str:
    """`text` as a fenced code block: shown exactly as typed, with nothing in it live."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


class _Found:
    def __init__(self):
        self.usages: list[tuple[str, str]] = []  # (the link as typed, its `[text]` part)
        self.definitions: list[int] = []  # where in the text each bad definition's `[` is


def _bad_links(text: str) -> _Found:
    found = _Found()
    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # markdown-it drops some script links itself; we want to see them all

    def watch(rule, is_image):
        def watched(state, silent):
            start, count = state.pos, len(state.tokens)
            if not rule(state, silent):
                return False
            opened = [t for t in state.tokens[count:] if t.type in ("link_open", "image")][:1]  # after pending text
            url = opened[0].attrGet("src" if is_image else "href") if opened and not silent else ""
            if not silent and not is_allowed(str(url or "")):
                label_end = state.md.helpers.parseLinkLabel(state, start + (1 if is_image else 0), False)
                typed = state.src[start:state.pos]
                found.usages.append((typed, state.src[start:label_end + 1] if label_end >= 0 else "[link]"))
            return True
        return watched

    def watched_reference(state, start_line, end_line, silent):
        before = dict(state.env.get("references", {}))
        if not reference(state, start_line, end_line, silent):
            return False
        added = {k: v for k, v in state.env.get("references", {}).items() if k not in before}
        if any(not is_allowed(ref.get("href", "")) for ref in added.values()):
            found.definitions.append(state.bMarks[start_line] + state.tShift[start_line])
        return True

    md.inline.ruler.at("link", watch(link, False))
    md.inline.ruler.at("image", watch(image, True))
    md.block.ruler.at("reference", watched_reference, {"alt": ["paragraph", "reference"]})
    md.parse(text)
    return found


def _rewrite(text: str, found: _Found) -> tuple[str, int]:
    fixed = len(set(found.definitions))
    for at in sorted(set(found.definitions), reverse=True):
        text = text[:at] + "\\" + text[at:]  # `\[x]: ...` is a paragraph of text, not a definition
    for typed, label in sorted(found.usages, key=lambda usage: -len(usage[0])):
        if not typed[len(label):].startswith("("):
            continue  # `[text][ref]` or `[ref]`: its bad definition was made text above
        # In a list or quote the typed link lost each line's indent or `>`: let any come back.
        as_typed = r"\n[ \t>]*".join(re.escape(line) for line in typed.split("\n"))
        text, made = re.subn(as_typed, lambda _match: label.removeprefix("!") + HARMLESS, text)
        fixed += min(made, 1)
    return text, fixed


class _Urls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]


def _rendered_urls_not_allowed(text: str) -> bool:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    try:
        html = markdown2html_mistune(text)
    except Exception:  # an attachment it cannot find, say: the page would fail, so show it as code
        return True
    parser = _Urls()
    parser.feed(html)
    return any(not is_allowed(url) for url in parser.urls)
