"""The shape of the house (docs/architecture.md): small modules, and few flat ones in services/.

These read the source tree only; import circles and upward imports are drawn by
``farm-studio look``.
"""

from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

#: Longest module anywhere in app/; a longer one is split along its own seams.
MAX_MODULE_LINES = 300
#: Modules lying directly in app/services/ (``__init__.py`` included): shared plumbing only;
#: a use case belongs in its workflow's package.
MAX_FLAT_SERVICE_MODULES = 8


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_app_has_modules_to_measure():
    assert len(list(APP.rglob("*.py"))) > 50
    assert (APP / "services" / "__init__.py").is_file()


def test_no_module_in_the_app_is_longer_than_300_lines():
    too_long = {
        str(path.relative_to(APP.parent)): lines
        for path in sorted(APP.rglob("*.py"))
        if (lines := line_count(path)) > MAX_MODULE_LINES
    }
    assert too_long == {}


def test_at_most_eight_modules_lie_directly_in_services():
    flat = sorted(path.name for path in (APP / "services").glob("*.py"))
    assert len(flat) <= MAX_FLAT_SERVICE_MODULES, flat


def test_every_folder_of_services_is_a_package_that_says_what_it_holds():
    # A folder without Python files (e.g. a __pycache__ left behind by a move) is no package.
    folders = {path.parent for path in (APP / "services").glob("*/*.py")}
    assert folders
    for folder in sorted(folders):
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.name}/ has no __init__.py"
        assert init.read_text(encoding="utf-8").lstrip().startswith('"""'), init
