"""Where things live: user data/config/state dirs, and the shipped styles/ and assets/.

Kept import-light (no platformdirs at module import) because the first screen needs
``styles_dir()`` before anything else is loaded.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

APP_NAME = "interviewai"

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def _shipped(name: str) -> Path:
    """A top-level folder of the checkout, or its copy inside the installed wheel."""
    in_wheel = _PACKAGE_DIR / "_data" / name
    if in_wheel.is_dir():
        return in_wheel
    return _CHECKOUT_DIR / name


@cache
def styles_dir() -> Path:
    """The folder that holds app.tcss and one .tcss per screen family."""
    return _shipped("styles")


@cache
def assets_dir() -> Path:
    """The folder that holds questions/, demo/ and other bundled data."""
    return _shipped("assets")


def default_data_dir() -> Path:
    """Per-user data dir (the embedded database, journals)."""
    override = os.environ.get("INTERVIEWAI_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    """Per-user config dir (config.toml, the opt-in secrets file)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """The config file named by INTERVIEWAI_CONFIG_FILE, else config.toml in the config dir."""
    override = os.environ.get("INTERVIEWAI_CONFIG_FILE")
    if override:
        return Path(override).expanduser()
    return default_config_dir() / "config.toml"


def state_dir() -> Path:
    """Per-user state dir (the internal error log)."""
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
