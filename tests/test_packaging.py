"""A user's plain install runs (issue 8, item 1; issue 9, item 1).

Every third-party module the installed packages import is a declared dependency (a test
extra must not hide one: numpy was imported but undeclared), and only `seminars` is
installed as a top-level import name (no `store`, `normalize` or `scrapers` that would
collide with other distributions in site-packages). `.ci/run` also runs the main job from a
plain `pip install .`.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PACKAGE_DIRS = ["seminars", "scrapers", "normalize", "store"]


def _declared() -> set[str]:
    deps = PYPROJECT["project"]["dependencies"]
    return {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].strip().lower().replace("_", "-") for d in deps}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out |= {a.name.split(".")[0] for a in n.names}
        elif isinstance(n, ast.ImportFrom) and n.module and not n.level:
            out.add(n.module.split(".")[0])
    return out


def test_every_imported_third_party_module_is_a_declared_dependency():
    dist = packages_distributions()
    declared = _declared()
    missing = []
    for folder in PACKAGE_DIRS:
        for f in sorted((ROOT / folder).rglob("*.py")):
            for top in sorted(_imports(f)):
                if top in sys.stdlib_module_names or top == "seminars":
                    continue
                names = {d.lower().replace("_", "-") for d in dist.get(top, [top])}
                if not names & declared:
                    missing.append(f"{top} ({f.relative_to(ROOT)})")
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_package_code_imports_only_the_seminars_name():
    stray = []
    for folder in PACKAGE_DIRS:
        for f in sorted((ROOT / folder).rglob("*.py")):
            stray += [f"{f.relative_to(ROOT)}: {m}" for m in _imports(f) if m in {"store", "normalize", "scrapers"}]
    assert not stray, stray


def test_only_seminars_is_installed_as_a_top_level_name():
    packages = PYPROJECT["tool"]["setuptools"]["packages"]
    assert {p.split(".")[0] for p in packages} == {"seminars"}
    mapped = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert mapped == {"seminars.scrapers": "scrapers", "seminars.normalize": "normalize", "seminars.store": "store"}
    import seminars.normalize.merge
    import seminars.scrapers.fetch
    import seminars.store.db

    for mod in (seminars.store.db, seminars.scrapers.fetch, seminars.normalize.merge):
        assert Path(mod.__file__).resolve().is_relative_to(ROOT)


def test_ci_runs_the_main_job_from_a_plain_install():
    ci = (ROOT / ".ci" / "run").read_text()
    plain = ci.index("pip install --quiet .\n")
    extras = ci.index("pip install --quiet -e '.[test]'")
    assert plain < extras
    assert "seminars\" crawl --config" in ci[plain:extras] and "export --out" in ci[plain:extras]
