"""Where the packaged data and templates live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``data`` or ``templates``: inside the package when installed, beside it in a checkout."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def pdf_install_command() -> str:
    """The command that installs WeasyPrint into the Python running us (no index serves calendar-gen).

    From a checkout: ``<python> -m pip install -e '<checkout>[pdf]'``; from a wheel, WeasyPrint itself.
    """
    import shlex
    import sys

    python = shlex.quote(sys.executable or "python3")
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file():
        return f"{python} -m pip install -e {shlex.quote(str(checkout) + '[pdf]')}"
    return f"{python} -m pip install 'weasyprint>=62'"


def compiled_dir() -> Path:
    """The shipped catalogues validated by the build hook (``calendar_gen/catalogue/compiled.py``)."""
    return _PACKAGE / "compiled"


def default_catalogue() -> Path:
    """The shipped national catalogue."""
    return resource_dir("data") / "anniversaries.yaml"


def tag_labels() -> dict[str, str]:
    """Vietnamese display names of tags (``data/tags.yaml``); a tag without one shows its slug."""
    import yaml

    path = resource_dir("data") / "tags.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    labels = data.get("tags") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        return {}
    return {str(k): str(v) for k, v in labels.items() if isinstance(v, str) and v.strip()}


def province_registry() -> Path:
    """The 34 provincial units and their former provinces (``data/provinces.yaml``)."""
    return resource_dir("data") / "provinces.yaml"


def province_catalogues() -> dict[str, Path]:
    """Shipped province overlays by slug (``data/provinces/<slug>.yaml``)."""
    folder = resource_dir("data") / "provinces"
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}
