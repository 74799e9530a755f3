"""Layout tables as markitdown (pdfplumber) prints them (structure/tables.py).

The rows below are copied from fixtures/degraded/*/markitdown.txt: each table
row holds one printed line of every page column side by side, padded with
empty cells, under a ``| --- |`` separator row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import DEFAULT_CLEANERS, clean_text
from newsclean.readers import read_path, segment_lines
from newsclean.registry import get_cleaner
from newsclean.structure.tables import unfold_blocks, unfold_tables

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"
PAGES = ["p1_three_columns", "p2_two_sheets", "p3_traditional", "p4_noisy_scan"]

# p1, the lead story: three columns
LEAD = [
    "| 6月13日下午，我院在门诊楼    |            | 8.7天下降至7.9天，围手术期抗菌 |     | 部门要加强日常督导，做到问题早 |     |",
    "| ----------------- | ---------- | ------------------ | --- | --------------- | --- |",
    "| 五楼学术报告厅召开2025年医疗  |            | 药物预防使用率持续下降，但部分    |     | 发现、早纠正。         |     |",
    "| 质量安全推进会。院领导班子成    |            | 科室在会诊时限、危急值报告记录    |     | 会议还为2024年度医疗质量  |     |",
]
# p1, the bottom of that table: the next modules' labels and kicker
NEXT_MODULE = [
    "| 96.8%，平均住院日由去年同期的 |            | 科室医疗质量的第一责任人，职能    |     |                 |     |",
    "| 医 患 故 事           |            |                    |     | 简 讯             |     |",
    "|                   | 七旬老人凌晨突发心梗 |                    |     | 我院开展“世界献血者      |     |",
]
# p1, 医患故事: one-row tables broken by the lines of the 简讯 column printed between them
BROKEN = [
    "| 6月8日凌晨2时许，72岁的 |     | 成血栓抽吸并植入支架一枚，血 |     |     |     |",
    "| -------------- | --- | -------------- | --- | --- | --- |",
    "心血站在门诊广场开展无偿献血活",
    "| 刘大爷在睡梦中突感胸口剧烈疼 |     | 流恢复后，刘大爷的胸痛明显缓 |     |     |     |",
    "| -------------- | --- | -------------- | --- | --- | --- |",
    "动，医护人员、患者家属和附近社区",
    "| 痛，大汗淋漓，家人立即拨打 |     | 解。术后第6天，刘大爷康复出 |     |     |     |",
    "| ------------- | --- | -------------- | --- | --- | --- |",
    "居民踊跃参与，共有86人成功献血，",
    "| 中完成首份心电图，并通过远程  |     | “要不是医生来得快，老头    |       |                   |     |",
    "| --------------- | --- | --------------- | ----- | ----------------- | --- |",
    "| 传输系统发送至我院胸痛中心。  |     | 子这回就危险了。”出院当天，  |       | 图为献血志愿者在采血车前排队登记。 |     |",
]
# p3: the left column's last line printed under the table
TRAILING = [
    "| 後，處方即同步傳送至藥局，平均領藥等候時間由原 |     |     | 04-2358-7766轉2210，或至本院官網www.renhe- |     |     |",
    "| ----------------------- | --- | --- | ---------------------------------- | --- | --- |",
    "| 藥劑部主任林美玲表示，過去尖峰時段常有病人   |     |     | hosp.org.tw查詢。                     |     |     |",
    "在藥局前大排長龍，「現在藥師可以把更多時間放在",
]
# p1 and p3: a masthead cut letter by letter, a headline pair cut at its wide space
MASTHEAD = [
    "| 明湖市中心医院报 |     | 2025年6月20日 星期五 |     |     | 第1版 |",
    "| -------- | --- | -------------- | --- | --- | --- |",
    "|          | 明   | 湖 市 中          | 心 医 | 院 报 |     |",
]
HEADLINE_PAIR = [
    "| 院 務 動 態 |        |              |     |     |     |",
    "| ------- | ------ | ------------ | --- | --- | --- |",
    "|         | 智慧藥局上線 |   領藥等候時間縮短一半 |     |     |     |",
]
# a printed table of figures inside an article: to be left exactly as it is
DATA_TABLE = [
    "| 指标 | 2024年 | 2025年 |",
    "| --- | --- | --- |",
    "| 门诊量（万人次） | 12.5 | 13.8 |",
    "| 平均住院日（天） | 8.7 | 7.9 |",
    "| 甲级病历率 | 95.2% | 96.8% |",
]
SCHEDULE = [
    "| 科室 | 专家 | 出诊时间 |",
    "| --- | --- | --- |",
    "| 心内科 | 赵宏伟 | 周一上午 |",
    "| 康复医学科 | 杨柳 | 周三全天 |",
    "| 内分泌科 | 张丽 | 周五下午 |",
]


def _unfold(lines: list[str]):
    text = "\n".join(lines)
    return text, unfold_tables(segment_lines(text), {})


def _texts(lines: list[str]) -> list[str]:
    return [b.text for b in _unfold(lines)[1].blocks()]


def test_columns_are_read_one_after_the_other():
    assert _texts(LEAD) == [
        "6月13日下午，我院在门诊楼",
        "五楼学术报告厅召开2025年医疗",
        "质量安全推进会。院领导班子成",
        "8.7天下降至7.9天，围手术期抗菌",
        "药物预防使用率持续下降，但部分",
        "科室在会诊时限、危急值报告记录",
        "部门要加强日常督导，做到问题早",
        "发现、早纠正。",
        "会议还为2024年度医疗质量",
    ]


def test_every_cell_keeps_its_exact_source_span():
    text, doc = _unfold(LEAD + NEXT_MODULE + BROKEN)
    for b in doc.blocks():
        assert "".join(text[s.start : s.end] for s in b.spans).replace(" ", "") == b.text.replace(" ", "")
    assert not any("|" in b.text or "---" in b.text for b in doc.blocks())


def test_pipes_padding_and_separators_are_logged():
    text, doc = _unfold(LEAD)
    (change,) = doc.changes[-1:]
    assert change.cleaner == "unfold_tables"
    assert change.before == text and change.span.start == 0 and change.span.end == len(text)
    assert change.after == "\n".join(b.text for b in doc.blocks())
    assert audit_conservation(text, doc).ok


def test_a_paragraph_end_short_of_the_column_opens_the_next_paragraph():
    blocks = list(_unfold(LEAD)[1].blocks())
    opened = [b.text for b in blocks if b.hints.get("blank_before")]
    assert opened == ["会议还为2024年度医疗质量"]


def test_a_letter_spaced_label_opens_the_next_module():
    assert _texts(NEXT_MODULE) == [
        "96.8%，平均住院日由去年同期的",
        "科室医疗质量的第一责任人，职能",
        "医 患 故 事",
        "七旬老人凌晨突发心梗",
        "简 讯",
        "我院开展“世界献血者",
    ]


def test_lines_printed_between_rows_go_back_to_their_column():
    assert _texts(BROKEN) == [
        "6月8日凌晨2时许，72岁的",
        "刘大爷在睡梦中突感胸口剧烈疼",
        "痛，大汗淋漓，家人立即拨打",
        "中完成首份心电图，并通过远程",
        "传输系统发送至我院胸痛中心。",
        "成血栓抽吸并植入支架一枚，血",
        "流恢复后，刘大爷的胸痛明显缓",
        "解。术后第6天，刘大爷康复出",
        "“要不是医生来得快，老头",
        "子这回就危险了。”出院当天，",
        "心血站在门诊广场开展无偿献血活",
        "动，医护人员、患者家属和附近社区",
        "居民踊跃参与，共有86人成功献血，",
        "图为献血志愿者在采血车前排队登记。",
    ]


def test_a_line_under_the_table_goes_on_with_the_one_open_column():
    texts = _texts(TRAILING)
    assert texts[:3] == [
        "後，處方即同步傳送至藥局，平均領藥等候時間由原",
        "藥劑部主任林美玲表示，過去尖峰時段常有病人",
        "在藥局前大排長龍，「現在藥師可以把更多時間放在",
    ]


def test_a_signoff_under_the_table_is_not_taken_into_a_column():
    lines = BROKEN[:-2] + ["| 动脉完全闭塞。介入团队迅速完 |     | 观察。 |     |     |     |", "（宣传科）"]
    assert _texts(lines)[-1] == "（宣传科）"


def test_a_printed_line_cut_into_cells_is_joined():
    assert _texts(MASTHEAD) == ["明湖市中心医院报", "明 湖 市 中 心 医 院 报", "2025年6月20日 星期五", "第1版"]
    assert _texts(HEADLINE_PAIR) == ["院 務 動 態", "智慧藥局上線 領藥等候時間縮短一半"]


@pytest.mark.parametrize("table", [DATA_TABLE, SCHEDULE], ids=["figures", "schedule"])
def test_a_real_data_table_is_left_alone(table):
    text = "\n".join(["正文第一段，说明如下。", *table, "正文第二段。"])
    doc = segment_lines(text)
    assert unfold_tables(doc, {}) is doc


def test_markdown_emphasis_in_cells_is_left_for_later_cleaners():
    lines = ["| **要闻** |  | 正文第二栏的文字， |", "| --- | --- | --- |", "| 本报记者 王雪 |  | 接着写完。 |"]
    assert _texts(lines) == ["**要闻**", "本报记者 王雪", "正文第二栏的文字，", "接着写完。"]


def test_a_lone_bar_line_is_no_table():
    doc = segment_lines("| 医患故事 |\n正文。")
    assert unfold_tables(doc, {}) is doc


def test_runs_before_furniture_detection():
    assert get_cleaner("unfold_tables").family == "structure"
    assert DEFAULT_CLEANERS.index("unfold_tables") + 1 == DEFAULT_CLEANERS.index("detect_furniture")


@pytest.mark.parametrize("page", PAGES)
def test_unfolding_is_idempotent(page):
    doc = unfold_tables(segment_lines(read_path(ROOT / page / "markitdown.txt").text), {})
    assert unfold_tables(doc, {}) is doc
    assert not any(b.text.startswith("|") and b.text.endswith("|") for b in doc.blocks())


@pytest.mark.parametrize("page", PAGES)
def test_markitdown_dump_is_conserved(page):
    text = read_path(ROOT / page / "markitdown.txt").text
    assert audit_conservation(text, unfold_tables(segment_lines(text), {})).ok
    assert audit_conservation(text, clean_text(text, source="markitdown.txt")).ok


def test_a_two_row_table_of_figures_is_left_alone():
    doc = segment_lines("\n".join(DATA_TABLE[:3]))
    assert unfold_tables(doc, {}) is doc


def test_a_row_printed_as_a_plain_line_above_or_inside_a_table_is_cut_into_its_columns():
    # p9 markitdown: pdfplumber prints the table's first row (and a row it lost between two tables) as one
    # line, the two columns' lines joined by one space
    lines = (ROOT / "p9_held_out" / "markitdown.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[9:19])  # 11月2日…通过认 统计显示… over the table, 管内科…院前急 院长唐振华… inside it
    blocks, bands = unfold_blocks(list(segment_lines(text).blocks()))
    column = [b.text for b in blocks]
    assert column[:2] == [
        "11月2日，国家胸痛中心联盟公布了新一批通过认",
        "证的单位名单，我院胸痛中心顺利通过标准版认证，",
    ]
    left_end = column.index("管内科、放射科和检验科等科室力量，建立了院前急")
    assert column[left_end + 1] == "救与院内救治无缝衔接的工作流程。救护车在转运途"
    right = column.index("统计显示，今年前十个月，我院共救治急性胸痛")
    assert (
        column[right + 1].startswith("患者一千二百余例")
        and "院长唐振华表示，下一步医院将把胸痛救治网络" in column[right:]
    )
    assert len(bands) == 1 and "".join(b.text for b in blocks).count("院长唐振华表示") == 1


def test_a_lone_separator_row_is_no_table_to_read():
    # two dumps concatenated without a newline glue a table's header row to the line before it, leaving its
    # | --- | row alone: it has no columns to read (it crashed unfold_tables)
    text = "主办：明湖市卫生健康委员会| 仁和醫院院訊 |  | 第3版 |\n| ------ | --- | --- |\n責任編輯：林怡君"
    blocks, bands = unfold_blocks(list(segment_lines(text).blocks()))
    assert bands == [] and [b.text for b in blocks] == text.split("\n")
    assert audit_conservation(text, clean_text(text)).ok
