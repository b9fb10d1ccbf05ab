"""Check the artefacts `nox -s build` makes, beyond what twine checks.

    python tests/packaging/check_dist.py dist/pyjsonfast-*.tar.gz dist/pyjsonfast-*.whl

- the sdist: the sources setup.py builds from (pyproject.toml, setup.py, README,
  every module and py.typed, the PGO training workload), no compiled or generated
  files;
- the pure wheel: tagged py3-none-any, no extension, requires mypy_extensions only;
- a compiled wheel: tagged for one CPython and a platform, holding mypyc's shared
  group library and one extension per module in setup.py's COMPILED_MODULES, and
  requiring mypy_extensions and librt from the version it was built with up to the
  next minor (the C API the extension checks at import).

Prints one line per artefact; exits 1 listing every problem.
"""

from __future__ import annotations

import ast
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent.parent
EXTENSION_SUFFIXES = (".so", ".pyd")


def compiled_modules() -> list[str]:
    """setup.py's COMPILED_MODULES as module names (read, not imported: importing
    setup.py would run setup())."""
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMPILED_MODULES" for t in node.targets
        ):
            paths: list[str] = ast.literal_eval(node.value)
            return [Path(p).stem for p in paths]
    raise SystemExit("COMPILED_MODULES not found in setup.py")


def requirements(metadata: str) -> dict[str, Requirement]:
    parsed = Parser().parsestr(metadata)
    found = [Requirement(text) for text in parsed.get_all("Requires-Dist") or []]
    return {canonicalize_name(req.name): req for req in found}


def check_sdist(path: Path) -> list[str]:
    problems = []
    with tarfile.open(path) as archive:
        top = path.name.removesuffix(".tar.gz")
        names = {name.removeprefix(top + "/") for name in archive.getnames()}
    needed = ["pyproject.toml", "setup.py", "README.md", "PKG-INFO", "pyjsonfast/py.typed"]
    # The pure-only modules: librt's stand-in and PyPy's scanner.
    needed += ["pyjsonfast/__init__.py", "pyjsonfast/_librt_standin.py"]
    needed += ["pyjsonfast/_jit_scanner.py"]
    needed += [f"pyjsonfast/{module}.py" for module in compiled_modules()]
    needed += ["benchmarks/pgo_training.py"]  # the profile-guided build's workload
    problems += [f"missing {name}" for name in needed if name not in names]
    generated = [n for n in names if n.endswith((*EXTENSION_SUFFIXES, ".c", ".h", ".pyc"))]
    problems += [f"holds a generated file: {name}" for name in sorted(generated)]
    return problems


def check_pure_wheel(path: Path, names: set[str], requires: dict[str, Requirement]) -> list[str]:
    problems = []
    tags = parse_wheel_filename(path.name)[3]
    if {str(tag) for tag in tags} != {"py3-none-any"}:
        problems.append(f"tagged {sorted(map(str, tags))}, not py3-none-any")
    extensions = [n for n in names if n.endswith(EXTENSION_SUFFIXES)]
    problems += [f"holds an extension: {name}" for name in sorted(extensions)]
    if set(requires) != {"mypy-extensions"}:
        problems.append(f"requires {sorted(map(str, requires.values()))}: only mypy_extensions")
    return problems


def check_compiled_wheel(
    path: Path, names: set[str], requires: dict[str, Requirement]
) -> list[str]:
    problems = []
    (tag, *others) = sorted(parse_wheel_filename(path.name)[3], key=str)
    if others or not tag.interpreter.startswith("cp") or tag.abi != tag.interpreter:
        problems.append(f"tagged {path.name}: not one CPython's ABI")
    if tag.platform == "any":
        problems.append("not platform-tagged")
    extensions = {n for n in names if n.endswith(EXTENSION_SUFFIXES)}
    if not any(n.startswith("pyjsonfast__mypyc.") for n in extensions):
        problems.append("mypyc's shared library pyjsonfast__mypyc.* is missing")
    for module in compiled_modules():
        if not any(n.startswith(f"pyjsonfast/{module}.") for n in extensions):
            problems.append(f"no extension for pyjsonfast.{module}")
    if set(requires) != {"mypy-extensions", "librt"}:
        problems.append(f"requires {sorted(map(str, requires.values()))}")
    elif not librt_series_pinned(requires["librt"]):
        problems.append(f"librt is not pinned to a minor series: {requires['librt']}")
    return problems


def librt_series_pinned(requirement: Requirement) -> bool:
    """>=X.Y.Z,<X.(Y+1): the version built with, up to its next minor release."""
    lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    upper = [Version(s.version) for s in requirement.specifier if s.operator == "<"]
    if len(lower) != 1 or len(upper) != 1 or len(requirement.specifier) != 2:
        return False
    (low,), (high,) = lower, upper
    return high == Version(f"{low.major}.{low.minor + 1}")


def check(path: Path) -> tuple[str, list[str]]:
    if path.name.endswith(".tar.gz"):
        return "sdist", check_sdist(path)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        requires = requirements(archive.read(metadata_name).decode())
    if path.name.endswith("-py3-none-any.whl"):
        kind, problems = "pure wheel", check_pure_wheel(path, names, requires)
    else:
        kind, problems = "compiled wheel", check_compiled_wheel(path, names, requires)
    summary = ", ".join(str(req) for req in requires.values())
    return f"{kind} (requires {summary})", problems


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        kind, problems = check(Path(name))
        print(f"{Path(name).name}: {kind}: {'ok' if not problems else 'FAILED'}")
        for problem in problems:
            print(f"  {problem}")
        failed = failed or bool(problems)
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
