"""deploy/kubernetes/ checked offline: the Helm values use only settings that Zero to
JupyterHub documents (chart 4.x's values.schema.yaml, read for this list), keep the design of
the one-machine hub, and the single-user image installs the course as Binder does."""

from __future__ import annotations

import re
import shlex
import sys

import pytest
import yaml
from conftest import ROOT

K8S = ROOT / "deploy" / "kubernetes"

# Every setting values.yaml may use, as Zero to JupyterHub's schema documents it; `*` is a
# free-form mapping there (JupyterHub's own traitlets config, roles, environment, config snippets).
DOCUMENTED = {
    "hub.db.type", "hub.config.*", "hub.loadRoles.*", "hub.extraEnv.*", "hub.extraConfig.*",
    "singleuser.image.name", "singleuser.image.tag", "singleuser.defaultUrl", "singleuser.fsGid",
    "singleuser.memory.guarantee", "singleuser.memory.limit", "singleuser.cpu.guarantee", "singleuser.cpu.limit",
    "singleuser.storage.type", "singleuser.storage.capacity", "singleuser.storage.homeMountPath",
    "singleuser.storage.extraVolumes", "singleuser.storage.extraVolumeMounts", "singleuser.lifecycleHooks.*",
    "singleuser.networkPolicy.egressAllowRules.nonPrivateIPs", "singleuser.networkPolicy.egressAllowRules.privateIPs",
    "cull.enabled", "cull.timeout", "cull.every",
    "proxy.https.enabled", "proxy.https.hosts", "proxy.https.letsencrypt.contactEmail",
    "scheduling.userScheduler.enabled", "scheduling.podPriority.enabled", "scheduling.userPlaceholder.enabled",
    "scheduling.userPlaceholder.replicas",
}
ENUMS = {"hub.db.type": {"sqlite-pvc", "sqlite-memory", "mysql", "postgres", "other"},
         "singleuser.storage.type": {"dynamic", "static", "none"}}


def leaf_paths(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}{key}"
        if f"{path}.*" in DOCUMENTED:
            yield f"{path}.*"
        elif isinstance(value, dict):
            yield from leaf_paths(value, path + ".")
        else:
            yield path


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((K8S / "values.yaml").read_text())


def test_values_use_only_documented_settings(values):
    used = set(leaf_paths(values))
    assert used <= DOCUMENTED, f"not documented by Zero to JupyterHub: {sorted(used - DOCUMENTED)}"
    for path, allowed in ENUMS.items():
        node = values
        for key in path.split("."):
            node = node[key]
        assert node in allowed, f"{path}: {node!r}"
    assert isinstance(values["cull"]["timeout"], int) and isinstance(values["cull"]["every"], int)


def test_values_keep_the_one_machine_design(values):
    hook = values["hub"]["extraConfig"]["selfkind"]
    compile(hook, "hub.extraConfig.selfkind", "exec")
    assert "spawner.uid = 10000 + user.id" in hook  # each user their own uid: exchange permissions work
    assert "SELFKIND_GRADEBOOK_URL" in hook.split("if instructor:")[1]  # the gradebook for instructors only
    instructor = values["hub"]["loadRoles"]["instructor"]
    assert "admin-ui" in instructor["scopes"] and not any(s.startswith("access:servers") for s in instructor["scopes"])
    assert values["cull"]["enabled"] is True
    [exchange] = values["singleuser"]["storage"]["extraVolumes"]
    claims = [d for d in yaml.safe_load_all((K8S / "exchange-volume.yaml").read_text())
              if d["kind"] == "PersistentVolumeClaim"]
    assert [c["metadata"]["name"] for c in claims] == [exchange["persistentVolumeClaim"]["claimName"]]
    assert claims[0]["spec"]["accessModes"] == ["ReadWriteMany"]
    assert values["singleuser"]["storage"]["extraVolumeMounts"][0]["mountPath"] == "/srv/nbgrader/exchange"
    assert "/srv/nbgrader/exchange" in (K8S / "Dockerfile").read_text()


def test_the_image_is_binder_s_environment_with_the_course_installed():
    text = (K8S / "Dockerfile").read_text()
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()  # e.g. python-3.11
    assert re.search(rf"^FROM python:{runtime.split('-')[1]}[-.\w]*$", text, re.M), "Python differs from Binder's"
    assert "pip install -r binder/requirements.txt" in text
    assert (ROOT / "binder" / "requirements.txt").read_text().split()[-1] == "."  # Binder installs this repository
    for line in re.findall(r"^COPY (.+)$", text, re.M):
        *sources, _target = shlex.split(line)
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    major = re.search(r"^ARG JUPYTERHUB_VERSION=(\d+)\.", text, re.M).group(1)
    assert major == "5", "Zero to JupyterHub 4.x runs JupyterHub 5: the single-user server must match"
    assert 'CMD ["jupyterhub-singleuser"]' in text


def test_the_image_s_server_config_step_runs(tmp_path):
    """The Dockerfile's config step, run here: trainees get no formgrader, everyone the exchange."""
    sys.path.insert(0, str(ROOT / "deploy"))
    from hubkit.layout import write_jupyter_config

    write_jupyter_config(tmp_path, "/srv/nbgrader/exchange")
    assert "c.Exchange.root = '/srv/nbgrader/exchange'" in (tmp_path / "common" / "nbgrader_config.py").read_text()
    assert '"nbgrader.server_extensions.formgrader": false' in (tmp_path / "trainee" / "jupyter_server_config.json").read_text()
    assert (tmp_path / "common" / "voila.json").exists()
    assert "expanduser('~/selfkind-course')" in (tmp_path / "instructor" / "nbgrader_config.py").read_text()
