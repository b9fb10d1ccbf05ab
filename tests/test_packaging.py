"""The installed distribution's metadata: runtime requirements that fit the build."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import pyjsonfast


def installed_requirements() -> list[Requirement]:
    """pyjsonfast's Requires-Dist, or skip when the package under test is not the one
    an installed distribution put there (e.g. the source tree on PYTHONPATH)."""
    try:
        dist = importlib.metadata.distribution("pyjsonfast")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("pyjsonfast is not installed as a distribution (source tree)")
    installed_init = Path(str(dist.locate_file("pyjsonfast/__init__.py"))).resolve()
    if installed_init != Path(pyjsonfast.__file__).resolve():
        pytest.skip(f"the pyjsonfast under test is not the installed one ({installed_init})")
    return [Requirement(text) for text in dist.requires or []]


def librt_requirements() -> list[Requirement]:
    return [req for req in installed_requirements() if req.name == "librt"]


@pytest.mark.skipif(not pyjsonfast.__compiled__, reason="the compiled build needs librt")
def test_compiled_build_requires_the_librt_series_it_was_built_against() -> None:
    (requirement,) = librt_requirements()
    # An upper bound: a later librt may change the C API the extension checks at import.
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier), (
        requirement
    )
    running = importlib.metadata.version("librt")
    assert requirement.specifier.contains(running, prereleases=True), (requirement, running)


@pytest.mark.skipif(pyjsonfast.__compiled__, reason="the pure build does not use librt")
def test_pure_build_requires_only_mypy_extensions() -> None:
    assert [req.name for req in installed_requirements()] == ["mypy_extensions"]


@pytest.mark.skipif(not pyjsonfast.__compiled__, reason="the compiled build needs librt")
def test_compiled_build_requires_mypy_extensions_and_librt_only() -> None:
    assert sorted(req.name for req in installed_requirements()) == ["librt", "mypy_extensions"]
