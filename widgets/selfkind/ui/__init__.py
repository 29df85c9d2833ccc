"""The ipywidgets views over the engine: one VBox per screen.

    from . import RolePlay
    RolePlay.from_file("scenarios/first-session.yaml")
"""

from .baseline import BaselineSelfCheck
from .capstone import CapstoneCase
from .distressed_child import DistressedChild
from .journal import Journal
from .loop_diagram import LoopDiagram
from .practice_player import PracticePlayer
from .problems import FileProblems
from .quickcheck import QuickCheck
from .roleplay import RolePlay
from .page_hook import install as _install_page_hook

_install_page_hook()  # preheated Voila: views read their files when the page's widgets connect

__all__ = ["BaselineSelfCheck", "CapstoneCase", "DistressedChild", "FileProblems", "Journal", "LoopDiagram", "PracticePlayer", "QuickCheck", "RolePlay"]
