"""A trainee's markdown keeps no link or image to anything but web pages, email and places in the page.

Each text is rendered by nbconvert's own markdown renderer (what the feedback page and formgrader
use) after the sanitizer, and the page's link and image targets are read as a browser reads them.
"""

import re
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from selfkind.grading.nbgrader_sanitize import NOTE_TAG, DropTraineeWidgetState, ShowTraineeMarkupAsText
from selfkind.grading.trainee_links import as_code_block, is_allowed, neutralise_links


class _Targets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.targets = []

    def handle_starttag(self, tag, attrs):
        self.targets += [value or "" for name, value in attrs if name in ("href", "src")]


def targets(markdown: str) -> list[str]:
    parser = _Targets()
    parser.feed(markdown2html_mistune(markdown))
    return [re.sub(r"[\x00-\x20]", "", t).lower() for t in parser.targets]  # as a browser reads them


def live_script(markdown: str) -> list[str]:
    return [t for t in targets(markdown) if not t.startswith(("http://", "https://", "mailto:", "#"))
            and re.match(r"[a-z][a-z0-9+.\-]*:", t)]


HOSTILE = {
    "inline": "I would [see notes](javascript:alert(document.cookie)) first.",
    "reference": "[x]: javascript:alert(1)\n\nsee [x] and [her words][x] and [x][]",
    "reference over lines": "  [x]:\n   javascript:alert(1)\n   \"a title\"\n\n[x]",
    "two definitions": "[x]: javascript:a\n[x]: vbscript:b\n\n[x]",
    "entity": "[a](jav&#x61;script:alert(1))",
    "entity colon": "[a](javascript&#58;alert(1))",
    "mixed case": "[a](JaVaScRiPt:alert(1))",
    "tab": "[a](java&#9;script:alert(1))",
    "newline": "[a](java&#10;scr&#13;ipt:alert(1))",
    "percent": "[a](%6Aavascript:alert(1))",
    "leading space": "[a](  javascript:alert(1)  \"t\")",
    "data image": "![a picture](data:text/html,&lt;script>alert(1)&lt;/script>)",
    "vbscript": "[vb](vbscript:msgbox(1))",
    "nested": "[![img](data:image/svg+xml,x)](javascript:y)",
    "quoted list": "> - [a](javascript:x \"t\")\n>   and [b](javascript:y)",
    "list over lines": "1. first\n   [a](javascript:x\n   \"multi\n   line\")",
    "table": "| a | [b](javascript:x) |\n|---|---|\n| c | d |",
    "attachment": "![b](attachment:missing.png)",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_no_hostile_target_survives_and_the_words_still_show(text):
    safe, made_inactive = neutralise_links(text)
    assert live_script(safe) == [] and made_inactive >= 1
    shown = markdown2html_mistune(safe)
    for words in re.findall(r"\[([a-z ]+)\]\(", text):
        assert words in shown


@pytest.mark.parametrize("name", ["inline", "reference", "entity", "mixed case", "data image", "vbscript", "table"])
def test_without_the_sanitizer_these_are_live_links_in_the_page(name):
    assert live_script(HOSTILE[name])


def test_web_email_anchor_and_relative_links_stay_as_they_are():
    text = "[ok](https://x.org) [m](mailto:a@b.org) [r](notes/week1.md) [h](#top) plain *text*"
    assert neutralise_links(text) == (text, 0)


def test_a_script_link_becomes_a_link_to_nowhere_with_its_text():
    assert neutralise_links("I would [see notes](javascript:alert(1)) first.") == ("I would [see notes](#) first.", 1)


@pytest.mark.parametrize("url,allowed", [("https://a.org", True), ("HTTP://a.org", True), ("mailto:a@b", True),
                                         ("#top", True), ("notes.md", True), ("//a.org/x", True),
                                         ("javascript:x", False), (" java\tscript:x", False), ("data:text/html,x", False),
                                         ("vbscript:x", False), ("file:///etc/passwd", False), ("java%0Ascript:x", False)])
def test_is_allowed_reads_a_target_as_a_browser_would(url, allowed):
    assert is_allowed(url) is allowed


def test_the_code_block_fallback_shows_the_text_and_nothing_live():
    text = "```\n[a](javascript:x)\n```` and `[b](javascript:y)`"
    shown = as_code_block(text)
    assert live_script(shown) == [] and "[a](javascript:x)" in markdown2html_mistune(shown)


# --- the preprocessors --------------------------------------------------------------------------

def notebook(*cells, **metadata):
    nb = nbformat.v4.new_notebook(metadata=metadata)
    nb.cells = list(cells)
    return nb


def locked_markdown(text):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["nbgrader"] = {"grade_id": "intro", "locked": True, "solution": False, "grade": False,
                                 "schema_version": 3, "task": False}
    return cell


def test_trainee_cells_lose_script_links_course_cells_are_left_alone_and_the_note_says_so():
    course = locked_markdown("See [the course's page](javascript:void(0)).")  # the course's own, trusted
    answer = nbformat.v4.new_markdown_cell("[a](javascript:x) and [b](vbscript:y)")
    nb, _ = ShowTraineeMarkupAsText().preprocess(notebook(course, answer), {})
    assert nb.cells[1].source == "See [the course's page](javascript:void(0))."
    assert nb.cells[2].source == "[a](#) and [b](#)"
    assert NOTE_TAG in nb.cells[0].metadata["tags"]
    assert "2 links or images in your text that did not go to a web page or email address were made inactive" \
        in nb.cells[0].source


def test_widget_state_and_saved_widget_views_are_removed_and_other_outputs_kept():
    code = nbformat.v4.new_code_cell("show()")
    code.outputs = [nbformat.v4.new_output("display_data", data={
                        "text/plain": "HTML()", "application/vnd.jupyter.widget-view+json": {"model_id": "m"}}),
                    nbformat.v4.new_output("stream", text="hello\n")]
    nb = notebook(code, widgets={"application/vnd.jupyter.widget-state+json": {"state": {"m": {}}}})
    nb, _ = DropTraineeWidgetState().preprocess(nb, {})
    assert "widgets" not in nb.metadata
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]
    assert nb.cells[0].source.startswith("**Note from the autograder:** Widgets saved in your notebook's file")


def test_a_notebook_without_widgets_gets_no_note():
    nb, _ = DropTraineeWidgetState().preprocess(notebook(nbformat.v4.new_markdown_cell("hi")), {})
    assert [c.source for c in nb.cells] == ["hi"]
