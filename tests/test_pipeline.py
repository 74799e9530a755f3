"""Pipeline configuration: defaults, TOML files, enable/disable overrides."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.errors import ConfigError
from newsclean.pipeline import DEFAULT_CLEANERS, PipelineConfig, make_config
from newsclean.registry import all_cleaners, get_cleaner


def test_every_default_cleaner_is_registered_with_a_summary():
    for name in DEFAULT_CLEANERS:
        cleaner = get_cleaner(name)
        assert cleaner.summary and cleaner.summary != name


def test_disable_and_enable_keep_the_default_order():
    first = DEFAULT_CLEANERS[0]
    config = PipelineConfig().with_overrides(disable=[first])
    assert first not in config.cleaners
    assert config.with_overrides(enable=[first]).cleaners == DEFAULT_CLEANERS


def test_toml_configuration(tmp_path):
    first = DEFAULT_CLEANERS[0]
    path = tmp_path / "pipe.toml"
    path.write_text(f'[pipeline]\ndisable = ["{first}"]\n\n[options.{first}]\n', encoding="utf-8")
    assert first not in PipelineConfig.from_toml(path).cleaners
    path.write_text(f'[pipeline]\ncleaners = ["{first}"]\n', encoding="utf-8")
    assert PipelineConfig.from_toml(path).cleaners == (first,)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[pipeline]\ndisable = ["no_such_cleaner"]\n', "unknown cleaner 'no_such_cleaner'"),
        ("[pipeline\n", "not valid TOML"),
        ('[pipeline]\ncleaners = "normalize_unicode"\n', "must be a list"),
        ("[colours]\n", "unknown section"),
    ],
)
def test_bad_configuration_names_the_file_and_problem(tmp_path, toml, message):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        PipelineConfig.from_toml(path)


def test_a_disabled_cleaner_does_not_run():
    text = "# 标题\n\n会议于２０２５年\u200b６月召开，部署全年工作。"
    assert "2025年6月" in newsclean.clean(text).articles[0].blocks[0].text
    raw = newsclean.clean(text, disable=["normalize_unicode"])
    assert "２０２５年\u200b６月" in raw.articles[0].blocks[0].text


def test_unknown_cleaner_in_api_is_a_config_error():
    with pytest.raises(ConfigError):
        make_config(enable=["nope"])


def test_clean_accepts_bytes_in_legacy_encodings():
    doc = newsclean.clean("# 标题\n\n正文。".encode("gb18030"))
    assert doc.articles[0].title == "标题"


def test_change_log_records_cleaner_span_before_after_and_reason():
    text = "正文２０２５年"
    doc = newsclean.clean(text)
    change = next(c for c in doc.changes if c.cleaner == "normalize_unicode")
    assert (change.before, change.after) == ("２０２５", "2025")
    assert text[change.span.start : change.span.end] == "２０２５"
    assert change.reason


def test_cleaners_are_listed_once_each():
    names = [c.name for c in all_cleaners()]
    assert len(names) == len(set(names))


def test_a_flag_raised_on_a_line_that_becomes_a_headline_is_kept_on_its_article():
    doc = newsclean.clean("# 他说“好\n\n正文段落写在这里。\n")
    assert doc.articles[0].title.startswith("他说")
    assert [f.kind for f in doc.articles[0].flags] == ["unpaired_quote"]


def test_the_readme_lists_every_default_cleaner_in_order():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    listed = [line.split("`")[1] for line in readme.splitlines() if line.startswith("| `")]
    assert [name for name in listed if name in DEFAULT_CLEANERS] == list(DEFAULT_CLEANERS)
