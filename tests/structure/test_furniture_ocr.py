"""Page labels and jump lines as OCR reads them: a 1 misread as ], I, l or | is still a page number."""

from __future__ import annotations

import pytest

from newsclean.pipeline import clean_text

STORY = "# 医院新闻标题\n\n本院开展义诊活动，" + "惠及群众数百人次，" * 3 + "\n\n"
CONTINUED = "# 下一版的故事\n\n另一篇报道的正文内容。\n\n"


@pytest.mark.parametrize("label", ["第]版", "第I版", "第l版", "第|版"])
def test_a_misread_page_label_is_furniture(label):
    doc = clean_text(f"{label}\n\n{STORY}")
    assert [f.text for f in doc.furniture] == [label]
    assert all(label not in b.text for a in doc.articles for b in a.blocks)


@pytest.mark.parametrize("jump_in", ["（上接第]版）", "(上接第I版)"])
def test_a_misread_jump_line_is_furniture_and_joins_the_continuation(jump_in):
    dump = STORY + "（下转第2版）\n\n" + CONTINUED + jump_in + "\n\n造福一方百姓。\n"
    doc = clean_text(dump)
    assert [f.text.strip("（）()") for f in doc.furniture] == ["下转第2版", jump_in.strip("（）()")]
    texts = [b.text for a in doc.articles for b in a.blocks]
    assert not any("上接" in t for t in texts)
    assert any(t.endswith("造福一方百姓。") and "惠及群众" in t for t in texts)
