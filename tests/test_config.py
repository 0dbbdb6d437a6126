"""Settings and theme files: where they are read from, what is wrong with them, writing them back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.config import ConfigError, Settings, config_path, load_settings, save_value, set_value
from retrotui.model import SectionKind
from retrotui.themes import load_themes
from tests.conftest import TODAY


def test_a_missing_file_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.toml")
    assert settings == Settings()
    assert settings.theme == "retro-dark" and settings.sync == "off" and settings.bump_last_updated


def test_every_field_has_a_docstring() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_precedence_flag_then_env_then_the_user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("retrotui.settings_file.default_path", lambda: tmp_path / "user" / "config.toml")
    monkeypatch.delenv("RETROTUI_CONFIG", raising=False)
    assert config_path() == tmp_path / "user" / "config.toml"
    monkeypatch.setenv("RETROTUI_CONFIG", str(tmp_path / "env.toml"))
    assert config_path() == tmp_path / "env.toml"
    assert config_path(tmp_path / "flag.toml") == tmp_path / "flag.toml"


def test_values_are_read_and_typed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "retro-light"\nsync = "pull-push"\ndefault_owner = "Ana"\n[timebox]\nwent_well = 7\n[keymap]\n"app.save" = "ctrl+w"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.theme == "retro-light" and settings.sync == "pull-push" and settings.default_owner == "Ana"
    assert settings.timebox == {SectionKind.WENT_WELL: 7} and settings.keymap == {"app.save": "ctrl+w"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = \n", "not valid TOML"),
        ('sync = "sometimes"\n', "key 'sync': Input should be 'off', 'pull' or 'pull-push'"),
        ("bump_last_updated = 3\n", "key 'bump_last_updated'"),
        ("[timebox]\nwent_well = 0\n", "key 'timebox': went_well must be 1 to 240 minutes"),
        ('commit_message = "{sprint}"\n', "unknown placeholder 'sprint'"),
        ("[timebox]\nkudos = 5\n", "key 'timebox.kudos.[key]'"),
    ],
)
def test_bad_files_name_the_file_the_key_and_what_was_expected(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_an_unknown_key_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('colour = "blue"\n', encoding="utf-8")
    assert load_settings(path).unknown_keys() == ["colour"]
    assert main(["config", "--config", str(path)], today=TODAY) == 0
    assert "unknown key 'colour' is ignored" in capsys.readouterr().err


def test_set_and_save_keep_every_other_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'mine = "keep me"\ntheme = "retro-dark"\n[keymap]\n"app.help" = "f2"\n[extra_table]\na = 1\n', encoding="utf-8"
    )
    set_value(path, "keymap.app.save", "ctrl+w")
    set_value(path, "timebox.went_well", "6")
    save_value(path, "theme", "retro-light")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "mine": "keep me",
        "theme": "retro-light",
        "keymap": {"app.help": "f2", "app.save": "ctrl+w"},
        "extra_table": {"a": 1},
        "timebox": {"went_well": 6},
    }


def test_set_refuses_a_bad_value_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "retro-dark"\n', encoding="utf-8")
    assert main(["config", "--config", str(path), "set", "sync", "sometimes"], today=TODAY) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "key 'sync'" in err
    assert path.read_text(encoding="utf-8") == 'theme = "retro-dark"\n'


def test_config_prints_the_path_and_the_settings_in_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('sync = "pull"\n', encoding="utf-8")
    assert main(["config", "--config", str(path)], today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"# {path}"
    assert tomllib.loads(out)["sync"] == "pull"


def test_config_with_a_bad_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = [\n", encoding="utf-8")
    assert main(["config", "--config", str(path)], today=TODAY) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"retrotui: {path}: not valid TOML")


def test_themes_lists_the_shipped_and_the_users_and_skips_broken_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "mine.toml").write_text('name = "team-colours"\nprimary = "#123456"\n', encoding="utf-8")
    (folder / "broken.toml").write_text('name = "broken"\nprimary = "blue"\n', encoding="utf-8")
    assert main(["themes", "--config", str(tmp_path / "config.toml")], today=TODAY) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["retro-colorblind", "retro-dark", "retro-high-contrast", "retro-light", "team-colours"]
    assert "broken.toml: key 'primary'" in err


def test_shipped_themes_have_the_retrotui_colours() -> None:
    themes = load_themes()
    assert sorted(themes.themes) == ["retro-colorblind", "retro-dark", "retro-high-contrast", "retro-light"]
    assert themes.broken == []
    light = themes.themes["retro-light"]
    assert not light.dark and light.retrotui.overdue.startswith("#")


def test_an_unknown_theme_setting_lists_the_valid_names_before_the_ui(tmp_path: Path) -> None:
    import subprocess
    import sys

    config = tmp_path / "config.toml"
    config.write_text('theme = "solarized"\n', encoding="utf-8")
    script = Path(sys.executable).parent / "retrotui"
    result = subprocess.run(
        [str(script), "--config", str(config), str(tmp_path / "RETRO.md")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"retrotui: {config}: key 'theme': unknown theme 'solarized'; "
        "available: retro-colorblind, retro-dark, retro-high-contrast, retro-light"
    )
