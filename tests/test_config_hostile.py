"""Hostile or odd configuration: nothing hangs, nothing is accepted that the editor would refuse later."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.config import ConfigError, Settings, load_settings
from tests.conftest import TODAY

SCRIPT = Path(sys.executable).parent / "retrotui"


def limited() -> None:
    """At most 1 GiB of memory: a regression that reads /dev/zero fails fast instead of eating the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def retrotui(*args: str, config: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess; the timeout only guards against a hang, nothing is timed."""
    env = dict(os.environ)
    if config is not None:
        env["RETROTUI_CONFIG"] = str(config)
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60, preexec_fn=limited, check=False
    )


def deeply_nested(depth: int) -> str:
    return "a = " + "[" * depth + "]" * depth + "\n"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    return path


def test_dev_zero_as_the_settings_file_is_refused_at_once() -> None:
    result = retrotui("config", config="/dev/zero")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "retrotui: /dev/zero: not a regular file (a character device); nothing was read\n"


def test_a_fifo_as_the_settings_file_is_refused_and_the_editor_does_not_start(fifo: Path, tmp_path: Path) -> None:
    result = retrotui("config", config=fifo)
    assert (result.returncode, result.stderr) == (
        2,
        f"retrotui: {fifo}: not a regular file (a FIFO); nothing was read\n",
    )
    result = retrotui(str(tmp_path / "RETRO.md"), config=fifo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"retrotui: {fifo}: not a regular file (a FIFO); nothing was read\n"


def test_a_link_to_dev_zero_is_refused_too(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")
    result = retrotui("config", "set", "theme", "retro-light", config=link)
    assert result.returncode == 2 and result.stderr.startswith(f"retrotui: {link}: not a regular file")
    assert link.is_symlink()


def test_a_settings_file_over_1_mib_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# padding\n" * 110_000, encoding="utf-8")
    assert main(["config", "--config", str(path)], today=TODAY) == 2
    assert capsys.readouterr().err == f"retrotui: {path}: too large (1,100,000 bytes; the limit is 1,048,576)\n"


@pytest.mark.parametrize(
    "text",
    [
        deeply_nested(100_000),
        "[" + ".".join(["a"] * 100_000) + "]\nx = 1\n",
        "a = " + "{b = " * 5000 + "1" + "}" * 5000,
    ],
    ids=["arrays", "dotted-table", "inline-tables"],
)
def test_deep_nesting_is_one_line_not_a_traceback(text: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    for args in (["config"], ["config", "list"], ["config", "set", "theme", "retro-light"]):
        result = retrotui(*args, config=path)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.startswith(f"retrotui: {path}: not valid TOML: nested more than 32 deep")
        assert len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == text


def test_broken_files_in_the_themes_folder_are_skipped_and_named_once(tmp_path: Path) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    os.mkfifo(themes / "pipe.toml")
    (themes / "zero.toml").symlink_to("/dev/zero")
    (themes / "deep.toml").write_text(deeply_nested(100_000), encoding="utf-8")
    (themes / "huge.toml").write_bytes(b"#" * (2 << 20))
    (themes / "mine.toml").write_text('name = "team-colours"\nprimary = "#123456"\n', encoding="utf-8")
    result = retrotui("themes", "--config", str(tmp_path / "config.toml"))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "retro-colorblind",
        "retro-dark",
        "retro-high-contrast",
        "retro-light",
        "team-colours",
    ]
    assert result.stderr.splitlines() == [
        f"retrotui: warning: skipped {themes / 'deep.toml'}: not valid TOML: nested more than 32 deep",
        f"retrotui: warning: skipped {themes / 'huge.toml'}: too large (2,097,152 bytes; the limit is 1,048,576)",
        f"retrotui: warning: skipped {themes / 'pipe.toml'}: not a regular file (a FIFO); nothing was read",
        f"retrotui: warning: skipped {themes / 'zero.toml'}: not a regular file (a character device); nothing was read",
    ]


CONFIG = '# the team\'s settings\ntheme = "retro-dark"\n\n[keymap]\n"app.save" = "ctrl+w"\n'


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "theme",
            "nope",
            "key 'theme': unknown theme 'nope'; "
            "available: retro-colorblind, retro-dark, retro-high-contrast, retro-light; nothing was written",
        ),
        (
            "nosuchkey",
            "1",
            "unknown key 'nosuchkey'; known keys: bump_last_updated, commit_message, date_format, default_owner, "
            "keymap.ID, sync, theme, timebox.SECTION; nothing was written",
        ),
        ("theme.dark", "1", "unknown key 'theme.dark'"),
        ("bump_last_updated", "yes", "key 'bump_last_updated': Input should be a valid boolean (got 'yes')"),
        ("bump_last_updated", "1", "key 'bump_last_updated': Input should be a valid boolean (got 1)"),
        ("timebox.went_well", "1e20", "key 'timebox.went_well': Input should be a valid integer (got 1e+20)"),
        ("timebox.went_well", "241", "key 'timebox': went_well must be 1 to 240 minutes"),
        ("timebox.went_well", "0", "key 'timebox': went_well must be 1 to 240 minutes"),
        ("date_format", "%Q", "key 'date_format': '%Q' is not a strftime directive"),
        ("date_format", "due soon", "key 'date_format': no date directive in it"),
        ("date_format", "%H:%M", "key 'date_format': no date directive in it"),
        ("date_format", "%Y-%m-%", "key 'date_format': 'a lone %' is not a strftime directive"),
        ("commit_message", "{retro.__class__}", "key 'commit_message': unknown placeholder 'retro.__class__'"),
        ("commit_message", "{retro[0]}", "key 'commit_message': unknown placeholder 'retro[0]'"),
        ("commit_message", "{retro!r}", "key 'commit_message': placeholder '{retro}' takes no format or conversion"),
        ("commit_message", "{done:>{actions}}", "placeholder '{done}' takes no format or conversion"),
        ("commit_message", "{0}", "key 'commit_message': unknown placeholder '0'"),
        ("commit_message", "retro {", "key 'commit_message': not a valid template (Single '{' encountered"),
        ("keymap.app.save", "cmd+s", "key 'keymap': app.save: 'cmd+s' is not a key; e.g. ctrl+w, f2, alt+shift+up"),
        ("keymap.app.save", "ctrl+", "key 'keymap': app.save: 'ctrl+' is not a key"),
        ("keymap.app.save", "ctrl+w,ctrl + q", "key 'keymap': app.save: 'ctrl + q' is not a key"),
        # a key that types text, for a command that works while typing, would eat that character
        ("keymap.app.save", "x", "app.save works while typing, so 'x' could never be typed in a cell or item"),
        ("keymap.app.quit", "ctrl+q,shift+q", "app.quit works while typing, so 'shift+q' could never be typed"),
        ("keymap.app.new_retro", "question_mark", "so 'question_mark' could never be typed"),
        ("keymap.app.commit", "space", "so 'space' could never be typed"),
        ("keymap.app.commit", "slash", "so 'slash' could never be typed"),
        ("keymap.app.nosuch", "ctrl+w", "key 'keymap': no such command 'app.nosuch'"),
    ],
)
def test_set_refuses_what_the_editor_would_refuse_and_leaves_the_file_as_it_was(
    key: str, value: str, message: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["config", "--config", str(config), "set", key, value], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"retrotui: {config}: ") and message in err and len(err.splitlines()) == 1
    assert err.rstrip().endswith("; nothing was written")
    assert config.read_text(encoding="utf-8") == CONFIG


def test_set_on_a_missing_file_with_a_bad_value_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    assert run(["config", "set", "theme", "nope", "--config", str(path)], capsys)[0] == 2
    assert not path.exists()


@pytest.mark.parametrize(
    ("key", "value", "typed"),
    [
        ("bump_last_updated", "false", False),
        ("timebox.went_well", "240", 240),
        ("date_format", "%d %b %Y", "%d %b %Y"),
        ("date_format", "%-d %b (%a)", "%-d %b (%a)"),
        (
            "commit_message",
            "{{retro}} {retro} in {file}: {done}/{actions}",
            "{{retro}} {retro} in {file}: {done}/{actions}",
        ),
        ("keymap.app.help", "f2,question_mark,?", "f2,question_mark,?"),
        ("keymap.grid.toggle", "ctrl+shift+up", "ctrl+shift+up"),
    ],
)
def test_set_accepts_what_is_documented(
    key: str, value: str, typed: object, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "--config", str(config), "set", key, value], capsys)[0] == 0
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    field, _, rest = key.partition(".")
    assert (data[field][rest] if rest else data[field]) == typed
    load_settings(config)


@pytest.mark.parametrize(
    "text",
    [
        'bump_last_updated = "yes"\n',
        "[timebox]\nwent_well = 1e15\n",
        'date_format = "%Q"\n',
        'commit_message = "{retro.__class__}"\n',
    ],
)
def test_the_same_values_in_the_file_stop_the_editor_with_one_line(text: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}: key '"):
        load_settings(path)


def test_the_commit_template_cannot_reach_objects() -> None:
    with pytest.raises(ValueError, match=r"unknown placeholder 'retro\.__class__\.__mro__'"):
        Settings(commit_message="{retro.__class__.__mro__}")


def test_get_prints_what_the_file_sets_and_exits_1_for_an_unset_key(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["config", "--config", str(config)]
    assert run([*base, "get", "theme"], capsys) == (0, "retro-dark\n", "")
    assert run([*base, "get", "keymap.app.save"], capsys) == (0, "ctrl+w\n", "")
    assert run([*base, "get", "keymap"], capsys) == (0, "keymap.app.save=ctrl+w\n", "")
    assert run([*base, "get", "sync"], capsys) == (1, "", "")  # the default is in force, the file does not set it
    assert run([*base, "get", "keymap.app.quit"], capsys) == (1, "", "")
    assert run([*base, "get", "nosuchkey"], capsys) == (1, "", "")
    assert run(["config", "get", "theme", "--config", str(config.with_name("none.toml"))], capsys) == (1, "", "")


def test_list_prints_every_key_the_file_sets(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["config", "--config", str(config), "set", "timebox.went_well", "5"], capsys)[0] == 0
    assert run(["config", "--config", str(config), "set", "bump_last_updated", "false"], capsys)[0] == 0
    assert run(["config", "--config", str(config), "list"], capsys) == (
        0,
        "theme=retro-dark\nbump_last_updated=false\nkeymap.app.save=ctrl+w\ntimebox.went_well=5\n",
        "",
    )
    assert run(["config", "--config", str(config.with_name("none.toml")), "list"], capsys) == (0, "", "")


def test_unset_removes_one_key_and_keeps_the_rest(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["config", "--config", str(config)]
    assert run([*base, "unset", "keymap.app.save"], capsys) == (0, f"keymap.app.save unset (written to {config})\n", "")
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"theme": "retro-dark"}
    assert run([*base, "unset", "theme"], capsys)[0] == 0
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {}
    before = config.read_bytes()
    assert run([*base, "unset", "theme"], capsys) == (
        5,
        "",
        f"retrotui: {config}: 'theme' is not set; nothing changed\n",
    )
    assert config.read_bytes() == before


def test_unset_refuses_when_the_rest_of_the_file_is_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    text = 'theme = "retro-dark"\nsync = "sometimes"\n'
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["config", "--config", str(path), "unset", "theme"], capsys)
    assert code == 2 and "key 'sync'" in err and err.rstrip().endswith("nothing was written")
    assert path.read_text(encoding="utf-8") == text


def test_settings_strings_are_printed_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text('default_owner = "\\u001b]0;pwned\\u0007"\n', encoding="utf-8")
    for verb in (["get", "default_owner"], ["list"]):
        code, out, _ = run(["config", "--config", str(path), *verb], capsys)
        assert code == 0 and "\x1b" not in out and "\x07" not in out and "␛]0;pwned␇" in out
    code, out, _ = run(["config", "--config", str(path)], capsys)  # TOML, whose escapes are exact and inert
    assert code == 0 and 'default_owner = "\\u001b]0;pwned\\u0007"' in out


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("keymap.app.save", "ctrl+w"),
        ("keymap.app.save", "f2"),
        ("keymap.app.save", "alt+s"),
        ("keymap.app.tracker", "x"),
    ],
)
def test_keys_that_never_type_text_or_commands_that_do_not_work_while_typing_are_taken(
    key: str, value: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "--config", str(config), "set", key, value], capsys)[0] == 0


def test_set_unset_and_remembered_choices_keep_the_files_comments_and_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from retrotui.config import save_value

    path = tmp_path / "config.toml"
    original = (
        '# team settings, do not remove\ntheme = "retro-dark" # our pick\n\n[timebox]  # minutes\nwent_well = 5\n'
    )
    path.write_text(original, encoding="utf-8")
    assert run(["config", "--config", str(path), "set", "default_owner", "Ana"], capsys)[0] == 0
    assert run(["config", "--config", str(path), "set", "timebox.could_improve", "7"], capsys)[0] == 0
    save_value(path, "theme", "retro-light")  # the theme picked in the editor
    assert run(["config", "--config", str(path), "unset", "timebox.went_well"], capsys)[0] == 0
    assert path.read_text(encoding="utf-8") == (
        "# team settings, do not remove\n"
        'theme = "retro-light" # our pick\n'
        'default_owner = "Ana"\n'
        "\n"
        "[timebox]  # minutes\n"
        "could_improve = 7\n"
    )
