"""Settings: defaults < config.toml < INTERVIEWAI_* environment < command-line flags.

Every field carries a docstring; the README's settings table is generated from them
(``interviewai config --table``), so the two cannot drift apart.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from interviewai_tui import paths

ENV_PREFIX = "INTERVIEWAI_"
PROVIDERS = ("offline", "openai", "anthropic", "gemini", "deepseek", "ollama")
ProviderName = Literal["offline", "openai", "anthropic", "gemini", "deepseek", "ollama"]
DATABASE_SCHEMES = ("sqlite://", "mongodb://", "mongodb+srv://", "mongomock://")


class SettingsError(Exception):
    """A setting has an invalid value; ``str()`` is one line naming it and the reason."""


class Settings(BaseSettings):
    """All configuration of InterviewAI TUI."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        validate_default=True,
        use_attribute_docstrings=True,
    )

    # --- where things are ------------------------------------------------------------
    data_dir: Path = Field(default_factory=paths.default_data_dir)
    """Folder for the embedded database, interview journals and logs."""
    config_file: Path = Field(default_factory=paths.default_config_file)
    """The TOML config file read at start (keys are the names in this table)."""
    database_url: str | None = None
    """Store URL: sqlite:///PATH (default: interviewai.db in the data dir), mongodb:// or mongodb+srv://."""

    # --- AI -------------------------------------------------------------------------------
    ai_provider: ProviderName = "offline"
    """Provider for evaluation and chat: offline, openai, anthropic, gemini, deepseek or ollama."""
    ai_fallback: Annotated[list[ProviderName], NoDecode] = Field(default_factory=list)
    """Providers tried in order when the chosen one fails (the offline coach is always last)."""
    ai_monthly_spend_cap: float | None = Field(default=None, ge=0)
    """Optional per-user monthly spend cap in USD; paid calls stop when it is reached."""
    ai_max_concurrency: int = Field(default=4, ge=1, le=64)
    """Concurrent requests allowed per provider."""
    ai_connect_timeout: float = Field(default=10.0, gt=0, le=120)
    """Seconds to wait for a provider connection."""
    ai_idle_timeout: float = Field(default=60.0, gt=0, le=600)
    """Seconds a stream may go without any bytes (keep-alives included) before it is abandoned."""
    ai_no_content_timeout: float = Field(default=180.0, gt=0, le=1800)
    """Seconds a stream may go without content even while the server sends keep-alives."""
    ai_max_retries: int = Field(default=2, ge=0, le=10)
    """Retries of a retryable provider error before the fallback chain is tried."""
    openai_base_url: str = "https://api.openai.com/v1"
    """OpenAI (or any OpenAI-compatible server: LM Studio, llama.cpp, vLLM) base URL."""
    openai_model: str = "gpt-4o-mini"
    """OpenAI model."""
    anthropic_base_url: str = "https://api.anthropic.com"
    """Anthropic base URL."""
    anthropic_model: str = "claude-haiku-4-5"
    """Anthropic model."""
    gemini_base_url: str = "https://generativelanguage.googleapis.com"
    """Gemini base URL."""
    gemini_model: str = "gemini-2.5-flash"
    """Gemini model."""
    deepseek_base_url: str = "https://api.deepseek.com"
    """DeepSeek base URL."""
    deepseek_model: str = "deepseek-chat"
    """DeepSeek model."""
    ollama_base_url: str = "http://127.0.0.1:11434"
    """Ollama server URL (no key needed)."""
    ollama_model: str = "llama3.2"
    """Ollama model."""

    # --- accounts -------------------------------------------------------------------------
    bcrypt_cost: int = Field(default=12, ge=12, le=16)
    """bcrypt work factor for password hashes (never below 12)."""
    lockout_threshold: int = Field(default=5, ge=1, le=100)
    """Consecutive failed sign-ins that lock an account."""
    lockout_minutes: int = Field(default=15, ge=1, le=1440)
    """How long a locked account stays locked."""
    require_approval: bool = False
    """New accounts start as pending until an admin approves them."""
    session_days: int = Field(default=30, ge=1, le=365)
    """How long a remembered sign-in lasts."""
    google_client_id: str | None = None
    """OAuth client id for Sign in with Google (device flow)."""
    google_client_secret: SecretStr | None = None
    """OAuth client secret for Sign in with Google."""

    # --- interviews -----------------------------------------------------------------------
    autosave_seconds: float = Field(default=2.0, gt=0, le=2.0)
    """Seconds after the last keystroke before a draft answer is saved (at most 2)."""
    judge_cpu_seconds: float = Field(default=2.0, gt=0, le=60)
    """CPU time allowed per test case of a coding answer."""
    judge_wall_seconds: float = Field(default=5.0, gt=0, le=120)
    """Wall-clock time allowed per test case of a coding answer."""
    judge_memory_mb: int = Field(default=256, ge=32, le=8192)
    """Memory allowed per test case of a coding answer."""

    # --- admin ----------------------------------------------------------------------------
    metrics_interval: int = Field(default=60, ge=5, le=3600)
    """Seconds between system-metrics samples."""
    dashboard_refresh: int = Field(default=5, ge=1, le=600)
    """Seconds between admin dashboard refreshes."""
    alert_cpu_percent: float = Field(default=90.0, ge=1, le=100)
    """CPU usage that raises an alert."""
    alert_memory_percent: float = Field(default=90.0, ge=1, le=100)
    """Memory usage that raises an alert."""
    alert_disk_percent: float = Field(default=90.0, ge=1, le=100)
    """Disk usage that raises an alert."""
    alert_error_rate_percent: float = Field(default=5.0, ge=0, le=100)
    """Error rate of store or AI operations that raises an alert."""
    alert_slow_query_ms: float = Field(default=200.0, gt=0)
    """A store operation slower than this counts as a slow query."""
    alert_failed_logins: int = Field(default=20, ge=1)
    """Failed sign-ins within one metrics interval that raise an alert."""

    # --- interface ------------------------------------------------------------------------
    theme: Literal["dark", "light"] = "dark"
    """Theme before sign-in (after sign-in the user's preference wins)."""

    @field_validator("database_url")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(DATABASE_SCHEMES):
            scheme = value.split(":", 1)[0] if ":" in value else value
            raise ValueError(
                f"unknown URL scheme {scheme!r}; use sqlite:///PATH, mongodb:// or mongodb+srv://"
            )
        return value

    @field_validator("ai_fallback", mode="before")
    @classmethod
    def _split_chain(cls, value: object) -> object:
        if isinstance(value, str):  # "gemini,deepseek" from the environment
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator(
        "openai_base_url",
        "anthropic_base_url",
        "gemini_base_url",
        "deepseek_base_url",
        "ollama_base_url",
    )
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def resolved_database_url(self) -> str:
        """The store URL, defaulting to the embedded SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'interviewai.db'}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = _CONFIG_PATH_FOR_LOAD.get("path")
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path is not None and toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)


# The config file is chosen before Settings exists (flag > env > default); this carries the
# choice into settings_customise_sources, which pydantic-settings calls as a classmethod.
_CONFIG_PATH_FOR_LOAD: dict[str, Path | None] = {}


def env_name(field: str) -> str:
    """The environment variable of a settings field."""
    return f"{ENV_PREFIX}{field.upper()}"


def _describe_error(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = [str(part) for part in first.get("loc", ())]
    field = loc[0] if loc else "?"
    reason = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    if first.get("type") == "extra_forbidden":
        return f"unknown setting {field!r} in the config file"
    return f"invalid setting {env_name(field)} (config key {field!r}): {reason}"


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Build Settings from every source; raise SettingsError with one clear line."""
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    config_file = given.get("config_file") or os.environ.get(env_name("config_file"))
    path = Path(config_file).expanduser() if config_file else paths.default_config_file()
    if config_file and not path.is_file():
        raise SettingsError(f"config file {path} does not exist")
    _CONFIG_PATH_FOR_LOAD["path"] = path
    try:
        settings = Settings(**given)
    except ValidationError as exc:
        raise SettingsError(_describe_error(exc)) from None
    except (OSError, ValueError) as exc:  # unreadable or malformed TOML
        raise SettingsError(f"config file {path} could not be read: {exc}") from None
    finally:
        _CONFIG_PATH_FOR_LOAD.pop("path", None)
    return settings


def settings_table() -> list[tuple[str, str, str, str]]:
    """(env var, config key, default, meaning) for every setting, for the README and `config`."""
    rows: list[tuple[str, str, str, str]] = []
    for name, info in Settings.model_fields.items():
        rows.append((env_name(name), name, _default_text(name, info), info.description or ""))
    return rows


def _default_text(name: str, info: FieldInfo) -> str:
    if name == "data_dir":
        return "user data dir"
    if name == "config_file":
        return "user config dir/config.toml"
    if info.default_factory is not None:
        return "[]"
    return "—" if info.default is None else str(info.default)
