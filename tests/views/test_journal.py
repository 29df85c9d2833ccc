"""Journal: write, save, come back, export; nothing is lost or silently overwritten."""

import json

import pytest
from widget_tree import unlabelled, visible_text

from selfkind.stores.paths import journal_dir
from selfkind.ui import Journal

MODULE = "01-what-self-compassion-is"
CHILD_PROMPT = "What did you notice when you turned from the child to yourself?"
WORDS_PROMPT = "Which words does your inner critic use?"


def journal(entry="distressed-child", prompt=CHILD_PROMPT):
    return Journal(module=MODULE, prompt=prompt, entry=entry)


def test_shows_prompt_labelled_box_and_privacy_note():
    page = journal()
    text = visible_text(page)
    assert CHILD_PROMPT in text
    assert "Your journal stays on this computer. Nothing is sent anywhere." in text
    assert page.text.description
    assert unlabelled(page) == []


def test_saved_text_is_there_when_the_widget_is_built_again(trainee_home):
    page = journal()
    page.text.value = "Kind to the child; a drill sergeant with myself."
    assert "Not saved yet" in visible_text(page)
    page.save_button.click()
    path = journal_dir() / f"{MODULE}.json"
    assert path.is_relative_to(trainee_home)
    assert f"Saved privately on this computer at {path}" in visible_text(page)
    again = journal()
    assert again.text.value == "Kind to the child; a drill sergeant with myself."
    assert "Your reflection saved" in visible_text(again)


def test_saving_one_entry_keeps_the_others_even_from_an_older_widget():
    first, second = journal(), journal("critic-words", WORDS_PROMPT)
    first.text.value = "first thoughts"
    first.save_button.click()
    second.text.value = "'useless', mostly"
    second.save_button.click()
    first.text.value = "second thoughts"
    first.save_button.click()  # this widget was built before `second` saved
    data = json.loads((journal_dir() / f"{MODULE}.json").read_text())
    assert data["distressed-child"]["text"] == "second thoughts"
    assert data["critic-words"]["text"] == "'useless', mostly"
    assert data["critic-words"]["prompt"] == WORDS_PROMPT


def test_export_writes_every_entry_under_its_prompt():
    first, second = journal(), journal("critic-words", WORDS_PROMPT)
    first.text.value = "first thoughts"
    first.save_button.click()
    second.text.value = "unsaved words are saved by export"
    second.export_button.click()
    path = journal_dir() / f"{MODULE}-journal.md"
    markdown = path.read_text()
    assert f"## {CHILD_PROMPT}\n\nfirst thoughts" in markdown
    assert f"## {WORDS_PROMPT}\n\nunsaved words are saved by export" in markdown
    assert f"exported all entries for this module to {path}" in visible_text(second)


def test_exporting_twice_keeps_the_earlier_export():
    page = journal()
    page.text.value = "version one"
    page.export_button.click()
    page.text.value = "version two"
    page.export_button.click()
    [kept] = journal_dir().glob(f"{MODULE}-journal.kept-previous-*.md")
    assert "version one" in kept.read_text()
    assert "version two" in (journal_dir() / f"{MODULE}-journal.md").read_text()
    assert f"Your earlier export was kept as {kept}" in visible_text(page)


@pytest.mark.parametrize("damage", ['{"distressed-child": {"text": "half', '["not", "a", "journal"]'])
def test_a_damaged_journal_is_kept_aside_and_the_trainee_told(damage):
    path = journal_dir() / f"{MODULE}.json"
    path.parent.mkdir(parents=True)
    path.write_text(damage)
    page = journal()
    [kept] = journal_dir().glob(f"{MODULE}.kept-damaged-*.json")
    assert kept.read_text() == damage
    text = visible_text(page)
    assert "Your earlier journal file could not be read" in text and str(kept) in text
    page.text.value = "starting again"
    page.save_button.click()
    assert json.loads(path.read_text())["distressed-child"]["text"] == "starting again"


def test_a_module_name_cannot_point_outside_the_journal_folder():
    with pytest.raises(ValueError):
        Journal(module="../elsewhere", prompt="?")


def test_a_stale_page_does_not_overwrite_a_newer_reflection():
    from selfkind.stores.paths import journal_dir
    from selfkind.ui import Journal

    stale = Journal(module="01-test", prompt="Prompt?", entry="e")
    fresh = Journal(module="01-test", prompt="Prompt?", entry="e")
    fresh.text.value = "the newer words"
    fresh.save_button.click()
    stale.text.value = "words typed on the old page"
    stale.save_button.click()
    assert "that version was kept too" in stale.status_html.value
    stale.export_button.click()
    exported = (journal_dir() / "01-test-journal.md").read_text()
    assert "the newer words" in exported and "words typed on the old page" in exported


def test_the_export_can_be_downloaded_through_the_browser():
    import base64
    import re

    from selfkind.ui import Journal

    journal = Journal(module="01-test", prompt="Prompt?", entry="e")
    journal.text.value = "words to keep"
    journal.export_button.click()
    link = re.search(r'<a download="01-test-journal.md" href="data:text/markdown;charset=utf-8;base64,([^"]+)">',
                     journal.status_html.value)
    assert link and "words to keep" in base64.b64decode(link.group(1)).decode()
