"""Voila serves the modules and nothing else: no solutions, course sources, gradebook or
trainee data can be fetched through it."""

import json
import re
import urllib.error
import urllib.request

import pytest


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_modules_are_served(course):
    assert status(course.url + "voila/render/index.ipynb") == 200


@pytest.mark.parametrize("path", [
    "voila/render/%2E%2E/solutions/01-what-self-compassion-is/answers.json",
    "voila/render/..%2Fcourse/source/01-what-self-compassion-is/01-what-self-compassion-is.ipynb",
    "voila/files/%2E%2E/course/nbgrader_config.py",
    "voila/files/%2E%2E/README.md",
    "voila/files/01-what-self-compassion-is/scenarios/of-course-i-have-it.yaml",
    "voila/files/01-what-self-compassion-is/checks.yaml",
    "voila/render/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
])
def test_nothing_else_can_be_fetched(course, path):
    assert status(course.url + path) in (403, 404), path


def test_a_page_sends_trainees_only_the_lab_extensions_it_uses(course):
    """A module page needs JupyterLab's widget manager (and the code-colouring styles) only:
    the grading and notebook extensions installed beside Voila are not loaded into trainee
    pages (voila.json's extension_allowlist), so there is less to load and less exposed."""
    with urllib.request.urlopen(course.url + "voila/render/00-orientation/00-orientation.ipynb", timeout=60) as r:
        html = r.read().decode()
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    names = {extension["name"] for extension in json.loads(config.group(1))["federated_extensions"]}
    assert names == {"@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8",
                     "jupyterlab_pygments"}
