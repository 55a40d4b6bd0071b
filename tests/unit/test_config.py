"""Settings: sources in order, one-line errors naming the setting, the documented table."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewai_tui.config import Settings, SettingsError, load_settings, settings_table


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("INTERVIEWAI_"):
            monkeypatch.delenv(name)
    (tmp_path / "empty.toml").write_text("")
    monkeypatch.setenv("INTERVIEWAI_CONFIG_FILE", str(tmp_path / "empty.toml"))
    monkeypatch.setenv("INTERVIEWAI_DATA_DIR", str(tmp_path / "data"))


def test_defaults_use_embedded_sqlite_in_data_dir(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.ai_provider == "offline"
    assert settings.bcrypt_cost == 12
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'data' / 'interviewai.db'}"


def test_precedence_flag_over_env_over_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('ai_provider = "openai"\nlockout_minutes = 30\n')
    assert load_settings({"config_file": config}).ai_provider == "openai"
    monkeypatch.setenv("INTERVIEWAI_AI_PROVIDER", "anthropic")
    settings = load_settings({"config_file": config})
    assert settings.ai_provider == "anthropic"
    assert settings.lockout_minutes == 30  # untouched keys still come from the file
    assert load_settings({"config_file": config, "ai_provider": "gemini"}).ai_provider == "gemini"


def test_config_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "team.toml"
    config.write_text('database_url = "mongodb://db.example:27017/iai"\n')
    monkeypatch.setenv("INTERVIEWAI_CONFIG_FILE", str(config))
    assert load_settings().resolved_database_url == "mongodb://db.example:27017/iai"


@pytest.mark.parametrize(
    ("env", "value", "expected"),
    [
        ("INTERVIEWAI_BCRYPT_COST", "10", "INTERVIEWAI_BCRYPT_COST"),
        ("INTERVIEWAI_DATABASE_URL", "postgres://x", "unknown URL scheme 'postgres'"),
        ("INTERVIEWAI_AI_PROVIDER", "skynet", "INTERVIEWAI_AI_PROVIDER"),
        ("INTERVIEWAI_AI_FALLBACK", "gemini,nope", "INTERVIEWAI_AI_FALLBACK"),
        ("INTERVIEWAI_OPENAI_BASE_URL", "ftp://x", "must start with http"),
        ("INTERVIEWAI_LOCKOUT_THRESHOLD", "many", "INTERVIEWAI_LOCKOUT_THRESHOLD"),
    ],
)
def test_invalid_values_give_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert expected in message
    assert "\n" not in message


def test_fallback_chain_accepts_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEWAI_AI_FALLBACK", "gemini, deepseek")
    assert load_settings().ai_fallback == ["gemini", "deepseek"]


def test_unknown_and_malformed_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('aiprovider = "openai"\n')
    with pytest.raises(SettingsError, match="unknown setting 'aiprovider'"):
        load_settings({"config_file": config})
    config.write_text("ai_provider = \n")
    with pytest.raises(SettingsError, match="could not be read"):
        load_settings({"config_file": config})
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings({"config_file": tmp_path / "missing.toml"})


def test_every_setting_is_documented_in_the_table() -> None:
    rows = settings_table()
    assert len(rows) == len(Settings.model_fields)
    for env, key, _default, meaning in rows:
        assert env == f"INTERVIEWAI_{key.upper()}"
        assert meaning, f"{key} has no docstring"


def test_readme_settings_table_is_current() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for env, key, _default, _meaning in settings_table():
        assert f"`{env}`" in readme, f"README lacks {env}"
        assert f"`{key}`" in readme
