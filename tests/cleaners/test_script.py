"""detect_script: a Traditional-Chinese dump is marked zh-Hant, and its quotes follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.pipeline import clean_text
from newsclean.readers import read_path

ROOT = Path(__file__).resolve().parents[2]


def test_traditional_dump_is_zh_hant_and_straight_quotes_become_corner_brackets():
    dump = '醫院推出夜間門診\n\n為方便上班族就醫,本院開設夜間門診。院長表示:"希望讓更多民眾受惠。"\n'
    doc = clean_text(dump)
    assert doc.lang == "zh-Hant"
    assert "院長表示：「希望讓更多民眾受惠。」" in doc.articles[0].blocks[0].text


@pytest.mark.parametrize("seed", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.stem[:3])
def test_simplified_seeds_stay_zh_hans(seed):
    assert clean_text(read_path(seed).text).lang == "zh-Hans"


def test_degraded_traditional_page_is_detected():
    dump = ROOT / "fixtures" / "degraded" / "p3_traditional" / "pymupdf.txt"
    assert clean_text(read_path(dump).text).lang == "zh-Hant"


def test_lang_can_be_forced_by_configuration():
    doc = clean_text("医院推出夜间门诊。", config=None)
    assert doc.lang == "zh-Hans"
    from newsclean.pipeline import make_config

    forced = clean_text("医院推出夜间门诊。", config=make_config(options={"detect_script": {"lang": "zh-Hant"}}))
    assert forced.lang == "zh-Hant"


def test_the_space_after_a_dateline_label_stays_in_both_scripts():
    for dump in (
        "本报讯 今年流感疫苗于10月15日开打，长者优先接种。",
        "本報訊 今年流感疫苗於10月15日開打，長者優先接種。",
    ):
        assert clean_text(dump).articles[0].blocks[0].text.startswith(dump[:4] + "今")
