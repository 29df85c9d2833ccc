"""JupyterLab for Selfkind (`make lab`, Binder): offline and private, so JupyterLab neither
fetches its news feed nor asks PyPI whether a newer version exists."""

from jupyterlab.handlers.announcements import NeverCheckForUpdate

c = get_config()  # noqa: F821 (provided by traitlets)
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = NeverCheckForUpdate
