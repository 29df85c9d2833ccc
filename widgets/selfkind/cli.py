"""The `selfkind` command.

    selfkind check PATH...   check scenario files (or every *.yaml under folders), practices/*.yaml
                             and exercise-wording files (distressed-child.yaml, baseline-self-check.yaml)
    selfkind play FILE       play a scenario in the terminal, with its hidden state and codes
    selfkind routes FILE     every route with its score, ending and critical choices
    selfkind map FILE        the scenario drawn as a graph, written as FILE-map.svg (-o to choose)
    selfkind stamp-ids FILE  give every choice an `id:` so choices can be reordered safely
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SCENARIO_GLOB = "*.yaml"
NOT_SCENARIOS = {"checks.yaml"}  # a module's quick checks live beside its scenarios/ folder


def _scenario_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Expand folders to the scenario files under them; report folders with none."""
    files, notes = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Scenarios live in scenarios/ folders; a module's other data (checks.yaml, an
            # exercise's .yaml) sits beside that folder. A folder with no scenarios/ inside
            # (e.g. docs/examples) is taken to hold scenarios itself.
            every = sorted(p for p in path.rglob(SCENARIO_GLOB)
                           if not any(part.startswith(".") for part in p.relative_to(path).parts))
            found = [p for p in every if "scenarios" in p.relative_to(path.parent).parts]
            practices = [p for p in every if _is_practice(p) or _is_wording(p)]
            if not found:
                found = [p for p in every if p.parent == path and p.name not in NOT_SCENARIOS
                         and not _is_practice(p) and not _is_wording(p)]
            found += practices
            if not found:
                notes.append(f"{path}: no scenario files (scenarios/*.yaml) in this folder; "
                             "give a scenario file or a folder that holds some")
            files.extend(found)
        else:
            files.append(path)
    return files, notes


def _is_practice(path: Path) -> bool:
    """A guided practice (selfkind.exercises.practice) lives in a `practices/` folder."""
    return path.parent.name == "practices"


def _is_wording(path: Path) -> bool:
    """An exercise's words (selfkind.exercises.wording), e.g. a module's distressed-child.yaml."""
    from .exercises.wording import is_wording_file

    return is_wording_file(path)


def check(paths: list[str], out=None) -> int:
    """Check scenarios (and practices); print one line a problem and a summary a file. 0 if all pass."""
    out = out or sys.stdout
    from .authoring.checker import check_file, summary

    files, notes = _scenario_files(paths)
    practices = [f for f in files if _is_practice(f)]
    wordings = [f for f in files if _is_wording(f) and not _is_practice(f)]
    files = [f for f in files if not _is_practice(f) and not _is_wording(f)]
    failed = len(notes)
    for note in notes:
        print(note, file=out)
    data_failed = _check_practices(practices, out) + _check_wordings(wordings, out)
    for file in files:
        try:
            problems, scenario = check_file(file)
        except Exception as exc:  # a gap in the checker must not stop the other files being checked
            print(f"{file}: the check itself failed ({type(exc).__name__}: {str(exc)[:200]}); "
                  "please report this file to the course maintainers", file=out)
            failed += 1
            continue
        for problem in problems:
            print(problem, file=out)
        if scenario is None:
            failed += 1
        else:
            print(f"{file}: ok: {summary(scenario)}", file=out)
    total = len(files)
    if total or not (practices or wordings):
        print(f"{total - (failed - len(notes))} of {total} scenario files pass", file=out)
    return 1 if failed or data_failed else 0


def _check_practices(files: list[Path], out) -> int:
    """Check guided-practice files; print their problems and a summary; return how many failed."""
    if not files:
        return 0  # nothing to import either: `selfkind check FILE` starts faster
    from .exercises.practice import check_practice_file, summary

    return _check_data_files(files, check_practice_file, lambda _file, practice: summary(practice), "practice", out)


def _check_wordings(files: list[Path], out) -> int:
    """Check exercise-wording files; print their problems and a line a file; return how many failed."""
    if not files:
        return 0
    from .exercises.wording import check_wording_file

    return _check_data_files(files, check_wording_file,
                             lambda file, _wording: f"the words of the {file.stem.replace('-', ' ')} exercise",
                             "exercise-wording", out)


def _check_data_files(files: list[Path], check, ok_line, kind: str, out) -> int:
    """Print each file's problems, or an ok line; then "N of M <kind> files pass". Returns the failures."""
    failed = 0
    for file in files:
        problems, value = check(file)
        for problem in problems:
            print(problem, file=out)
        if value is None:
            failed += 1
        else:
            print(f"{file}: ok: {ok_line(file, value)}", file=out)
    if files:
        print(f"{len(files) - failed} of {len(files)} {kind} files pass", file=out)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="selfkind", description="Selfkind course tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="check scenario files for problems")
    p_check.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    for name, text in (("play", "play a scenario in the terminal, showing state and codes"),
                       ("routes", "list every route with its score, ending and critical choices"),
                       ("stamp-ids", "write an `id:` into every choice that lacks one")):
        sub.add_parser(name, help=text).add_argument("file", metavar="FILE", help="a scenario file")
    p_map = sub.add_parser("map", help="draw the scenario as a graph (SVG)")
    p_map.add_argument("file", metavar="FILE", help="a scenario file")
    p_map.add_argument("-o", "--output", help="where to write the SVG (default: FILE-map.svg beside FILE)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.paths)
    try:
        return _author_tool(args.command, args.file, output=getattr(args, "output", None))
    except BrokenPipeError:  # `selfkind routes FILE | head` closed the pipe: not an error
        sys.stderr.close()
        return 0


def _author_tool(command: str, file: str, out=None, ask=input, output: str | None = None) -> int:
    """Load the scenario (printing its problems if it has any), then play or list routes."""
    out = out or sys.stdout
    from .authoring import ScenarioError, load_scenario

    try:
        scenario = load_scenario(file)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=out)
        return 1
    if command == "stamp-ids":
        from .authoring.stamp_ids import stamp_ids

        stamped, skipped = stamp_ids(file)
        print(f"{file}: stamped {stamped} choice ids" if stamped else f"{file}: every choice already has an id",
              file=out)
        for cid in skipped:
            print(f"{file}: choice {cid} is not written as a block list item; add `id: {cid}` to it by hand", file=out)
        return 1 if skipped else 0
    if command == "play":
        from .authoring.terminal_play import play

        play(scenario, ask, out)
    elif command == "map":
        from .authoring.scenario_map import GraphvizMissing, map_svg

        try:
            svg = map_svg(scenario)
        except GraphvizMissing as exc:
            print(exc, file=out)
            return 1
        target = Path(output) if output else Path(file).with_name(f"{Path(file).stem}-map.svg")
        target.write_text(svg, encoding="utf-8")
        print(f"{target}: the map of {scenario.id}; open it in a browser (hover an arrow to read the choice)", file=out)
    else:
        from .authoring.route_report import report

        report(scenario, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
