"""Side-by-side columns as ``pdftotext -layout`` prints them (structure/columns.py).

poppler places every glyph, wide or narrow, in one cell of its character grid,
so the column starts line up in characters, not in display cells; a column
may run on alone for a few lines, and a paragraph indent shows as spaces.
"""

from __future__ import annotations

from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.structure.columns import split_columns
from project_paths import ROOT


def _split(rows: list[str]) -> list:
    blocks, _ = split_columns(list(segment_lines("\n".join(rows)).blocks()))
    return blocks


def _texts(rows: list[str]) -> list[str]:
    return [b.text for b in _split(rows)]


def _grid(*cells: tuple[int, str]) -> str:
    """One line with each text placed at a character position (the character grid of pdftotext -layout)."""
    line = ""
    for pos, text in cells:
        line = line.ljust(pos) + text
    return line


def test_columns_aligned_in_characters_not_display_cells():
    rows = [
        _grid((2, "6月13日下午，我院在门诊楼"), (29, "8.7天下降至7.9天，围手术期抗菌")),
        _grid((0, "五楼学术报告厅召开2025年医疗"), (29, "药物预防使用率持续下降，但部分")),
        _grid((0, "质量安全推进会。院领导班子成"), (29, "科室在会诊时限、危急值报告记录")),
        _grid((0, "员、各临床医技科室主任、护士长"), (29, "等环节仍存在短板。")),
    ]
    assert _texts(rows) == [
        "6月13日下午，我院在门诊楼",
        "五楼学术报告厅召开2025年医疗",
        "质量安全推进会。院领导班子成",
        "员、各临床医技科室主任、护士长",
        "8.7天下降至7.9天，围手术期抗菌",
        "药物预防使用率持续下降，但部分",
        "科室在会诊时限、危急值报告记录",
        "等环节仍存在短板。",
    ]


def test_column_running_alone_on_its_own_lines_is_a_column():
    # the right-hand module's lines fall between the left module's lines (different line pitch)
    rows = [
        _grid((2, "甲栏第一行文字写在这里，"), (28, "乙栏第一行文字写在这里，")),
        _grid((55, "丙栏第一行文字写在这里，")),
        _grid((0, "甲栏第二行文字写在这里，"), (28, "乙栏第二行文字写在这里，")),
        _grid((55, "丙栏第二行文字写在这里，")),
        _grid((0, "甲栏第三行文字写完了。"), (28, "乙栏第三行文字写完了。")),
        _grid((55, "丙栏第三行文字写完了。")),
        _grid((0, "甲栏第四行文字写完了。"), (28, "乙栏第四行文字写完了。"), (55, "丙栏第四行。")),
    ]
    texts = _texts(rows)
    assert [t[0] for t in texts] == ["甲"] * 4 + ["乙"] * 4 + ["丙"] * 4


def test_lines_one_column_prints_after_the_band_stay_in_that_column():
    rows = [
        _grid((2, "甲栏第一行文字写在这里，"), (28, "乙栏第一行文字写在这里，")),
        _grid((0, "甲栏第二行文字写在这里，"), (28, "乙栏第二行文字写在这里，")),
        _grid((0, "甲栏第三行文字写在这里，"), (28, "乙栏第三行文字写完了。")),
        _grid((0, "甲栏第四行文字写完了。")),
        _grid((28, "乙栏的图片说明文字。")),
    ]
    texts = _texts(rows)
    assert texts.index("甲栏第四行文字写完了。") < texts.index("乙栏第一行文字写在这里，")
    assert texts[-1] == "乙栏的图片说明文字。"


def test_paragraph_indent_and_column_continuation_set_the_blank_line_hint():
    rows = [
        _grid((2, "甲栏第一段第一行文字写，"), (28, "写在这里，乙栏第一段完。")),
        _grid((0, "甲栏第一段写完了文字。"), (30, "乙栏第二段第一行文字，")),
        _grid((2, "甲栏第二段第一行文字写，"), (28, "乙栏第二段写完了文字。")),
        _grid((0, "甲栏第二段第二行文字写在")),
    ]
    blank = {b.text: int(b.hints["blank_before"]) for b in _split(rows)}
    assert blank["甲栏第二段第一行文字写，"] == 1  # indented after a sentence end: a new paragraph
    assert blank["写在这里，乙栏第一段完。"] == 0  # no indent at the column top: the paragraph goes on
    assert blank["乙栏第二段第一行文字，"] == 1


def test_headline_of_two_phrases_over_a_byline_is_read_whole_first():
    rows = [
        _grid((12, "智慧藥局上線"), (39, "領藥等候時間縮短一半")),
        _grid((40, "記者 黃志明")),
        "",
        _grid((2, "本院門診智慧藥局於9月1日正式啟用。新系統結"), (46, "用藥諮詢上，而不是一直數藥。」系統上線兩週以")),
        _grid((0, "合自動配藥機器人與電子叫號看板，病人完成批價"), (46, "來，調劑錯誤件數也明顯下降。")),
        _grid((0, "後，處方即同步傳送至藥局，平均領藥等候時間由原"), (51, "民眾如對用藥有疑問，可撥打藥物諮詢專線")),
        _grid((0, "本的18分鐘縮短為8分鐘。"), (46, "04-2358-7766轉2210查詢。")),
    ]
    texts = _texts(rows)
    assert texts[:3] == ["智慧藥局上線", "領藥等候時間縮短一半", "記者 黃志明"]
    assert texts[-2:] == ["民眾如對用藥有疑問，可撥打藥物諮詢專線", "04-2358-7766轉2210查詢。"]


# fixtures/degraded/p3_traditional/tesseract-skew.txt: Tesseract on a skewed scan prints a band of two columns,
# then, after a blank line, the rest of the left column alone (the right column has ended beside it)
SKEWED_BAND = [
    "跨團隊接力九十八天                     秋季流威疫苗開打   長者兒童優先",
    "早產兒 「小米粒」平安回家                    一一接種前後注意事項一次看",
    "國 新生兒科 吳佩珊        家庭醫學科 藥明哲",
    "今年6月, 懷孕僅26週的陳太太因妊娠高血壓緊急        今年度公費流威疫苗將於10月1日起開放接種 3",
    "剖腹產, 產下體重只有780公克的女嬰。 寶寶小得可以    65歲以上長者、 6個月以上至國小入學前幼兒、孚",
    "放在手掌心,護理師們都暱稱她為「小米粒」。    婦及慢性病患者為優先對象。本院家庭醫學科門診",
    "",
    "出生後的小米粒面臨呼吸窘迫、 開放性動脈導管等    每週一至週六均提供接種服務。",
    "多重考驗。新生兒科、小兒心臟科與營養團隊每天共同",
    "",
    "討論照護計畫 ,護理師更是二十四小時守在保溫箱旁,",
    "細心記錄每一毫升的奶量。",
    "",
    "(公關室)",
    "",
    "圖為護理師為長者施打流怀疫苗。、",
]


def test_the_unfinished_left_column_goes_on_under_the_band_up_to_its_credit():
    texts = _texts(SKEWED_BAND)
    left_end = texts.index("(公關室)")
    assert texts[left_end - 3 : left_end] == [
        "多重考驗。新生兒科、小兒心臟科與營養團隊每天共同",
        "討論照護計畫 ,護理師更是二十四小時守在保溫箱旁,",
        "細心記錄每一毫升的奶量。",
    ]
    assert texts[left_end + 1] == "秋季流威疫苗開打   長者兒童優先"  # then the right column, from its headline
    assert texts[-1] == "圖為護理師為長者施打流怀疫苗。、"  # the right column's rest stays after it


def test_a_finished_left_column_takes_no_lines_from_under_the_band():
    rows = SKEWED_BAND[:8] + ["多重考驗。新生兒科、小兒心臟科與營養團隊每天共同討論。", "", "討論照護計畫 ,護理師更是"]
    assert _texts(rows)[-1] == "討論照護計畫 ,護理師更是"


# fixtures/degraded/p5_held_out/pdftotext-layout.txt: a story in two wide columns (23 characters), then a story
# in three narrow ones (15 characters) whose third column is set off by a narrower gap than the second
WIDE_THEN_NARROW = [
    _grid((7, "远程会诊中心投入使用"), (44, "乡镇患者不出村看专家")),
    _grid((37, "本报记者 周沐阳")),
    "",
    _grid((2, "11月28日，我院远程会诊中心正式投入使用。中"), (43, "了老人的胸部影像，建议尽快转诊做进一步检查，并")),
    _grid(
        (0, "心配备高清视频会诊终端和影像传输系统，与全县十"), (43, "与乡镇医生约定了转诊时间，老人当天下午就住进了")
    ),
    _grid((0, "二家乡镇卫生院实现互联互通，基层医生可随时发起"), (43, "病房。")),
    _grid((0, "会诊申请，由我院专家在线阅片、讨论病情并给出诊"), (48, "院长韩启明表示，远程会诊把专家资源送到了群")),
    _grid((0, "疗建议。"), (43, "众家门口。今后医院还将每周安排专家固定坐诊，同")),
    _grid((2, "启用首日，中心便为白沙镇一名反复咳嗽两个多"), (43, "时开展基层医生线上培训，帮助乡镇卫生院提高常见")),
    _grid((0, "月的老人完成会诊。呼吸内科副主任医师钱立群调阅"), (43, "病、多发病的诊治能力。")),
    "",
    "",
    _grid((0, "护 理 天 地")),
    "",
    _grid((24, "延续护理让患者安心回家")),
    _grid((38, "通讯员 苏晓雯")),
    "",
    _grid((2, "今年以来，我院护理部组建了"), (32, "每位患者出院前都会领到一张"), (56, "沈阿姨的女儿说，以前最担心")),
    _grid(
        (0, "由三十余名骨干护士组成的延续护"),
        (28, "延续护理联系卡，卡上印有责任护"),
        (54, "母亲出院后没人照看，现在护士定"),
    ),
    _grid(
        (0, "理团队，为行动不便的出院患者提"),
        (28, "士的姓名和电话。家住城东的沈阿"),
        (54, "期上门，遇到问题打个电话就能问"),
    ),
    _grid(
        (0, "供上门换药、管路维护、用药指导"),
        (28, "姨因股骨骨折手术后行动不便，护"),
        (54, "清楚，全家人心里都踏实了。护理"),
    ),
    _grid(
        (0, "和康复训练等服务，目前已累计上"),
        (28, "士每周上门一次，指导她在床边练"),
        (54, "部主任邹敏介绍，下一步将把服务"),
    ),
    _grid((0, "门服务六百余人次。"), (28, "习站立和行走。"), (54, "范围扩大到周边乡镇。")),
    _grid((4, "一张联系卡连起医患"), (67, "（护理部）")),
]


def test_column_lines_carry_the_full_width_of_their_own_column():
    measure = {b.text: b.hints.get("col_measure") for b in _split(WIDE_THEN_NARROW)}
    assert measure["心配备高清视频会诊终端和影像传输系统，与全县十"] == 23
    assert measure["由三十余名骨干护士组成的延续护"] == 15
    assert measure["母亲出院后没人照看，现在护士定"] == 15  # the column behind the narrower gap too
    assert measure["延续护理让患者安心回家"] is None  # a headline over the band is in no column


def test_narrow_column_lines_are_wrapped_body_text_on_a_page_of_wider_columns():
    doc = clean_text("\n".join(WIDE_THEN_NARROW))
    story = doc.articles[-1]
    assert story.title == "延续护理让患者安心回家"
    assert [(b.type, b.text[:8]) for b in story.blocks] == [
        ("paragraph", "今年以来，我院护"),
        ("heading", "一张联系卡连起医"),
        ("paragraph", "每位患者出院前都"),
        ("paragraph", "沈阿姨的女儿说，"),
        ("signoff", "（护理部）"),
    ]
    assert "以前最担心母亲出院后" in story.blocks[3].text  # two lines of one column, not of two


def test_a_heading_centred_in_its_column_is_hinted_centred():
    centred = [b.text for b in _split(WIDE_THEN_NARROW) if b.hints.get("centred")]
    assert centred == ["一张联系卡连起医患"]


def test_a_paragraph_first_line_short_of_the_column_edge_is_not_centred():
    # fixtures/degraded/p1_three_columns/pdftotext-layout.txt: set in two and short of the right edge by two,
    # but the next line runs on from it (no indent): a paragraph's first line, not a heading
    rows = [
        _grid((0, "传输系统发送至我院胸痛中心。"), (28, "子这回就危险了。”出院当天，")),
        _grid((2, "值班医生刘晓东看到心电图"), (28, "刘大爷的老伴拉着医护人员的手")),
        _grid((0, "后，初步判断为急性下壁心肌梗"), (28, "连声道谢。心内科主任赵宏伟提")),
        _grid((0, "死，随即启动绕行急诊流程，通"), (28, "醒，出现持续胸痛超过15分钟、")),
        _grid((0, "知导管室团队到位。患者到达医"), (28, "伴有出汗或呼吸困难时，应立即")),
    ]
    assert not any(b.hints.get("centred") for b in _split(rows))


# fixtures/degraded/p6_held_out/pdftotext-layout.txt: two modules side by side under a row of letter-spaced
# column labels; the right column of the left story is set half a line lower (its subhead), so its lines
# fall between the left column's; the left column runs on alone, then beside the right column's caption
P6_LAYOUT = ROOT / "fixtures" / "degraded" / "p6_held_out" / "pdftotext-layout.txt"
P6_MODULES = P6_LAYOUT.read_text(encoding="utf-8").splitlines()[19:46]


def test_a_row_of_column_labels_heads_the_band_under_it():
    texts = _texts(P6_MODULES)
    assert texts[0] == "科 室 巡 礼"
    assert texts.index("简 讯") == texts.index("我院开展“三八”妇女节") - 1
    assert texts.index("简 讯") > texts.index("（耳鼻喉科）")  # the right module is read after the left one


def test_a_column_goes_on_beside_a_caption_after_the_band():
    texts = _texts(P6_MODULES)
    left = texts.index("院出生的新生儿全部接受了筛")
    assert texts[left + 1 : left + 3] == ["查，初筛未通过的宝宝都在四十", "二天内完成了复筛。"]
    assert texts.index("筛查结果连到社区") == left + 3  # the middle column after the left one's end
    assert texts.index("图为护士为新生儿进行听力筛查。") > texts.index("语言训练。")


def test_a_page_header_row_over_a_band_is_not_a_label_row():
    # fixtures/degraded/p3_traditional/pdftotext-layout.txt: paper name, date and page number on one line
    rows = [
        _grid((0, "仁和醫院院訊"), (36, "2025年9月15日 星期一"), (78, "第3版")),
        "",
        "",
        *P6_MODULES[3:],
    ]
    assert _texts(rows)[0] == rows[0]


def test_modules_under_column_labels_become_their_stories():
    arts = clean_text("\n".join(P6_MODULES)).articles
    heads = [(a.section, a.title, a.byline) for a in arts]
    assert heads == [
        ("科室巡礼", "新生儿听力筛查实现全覆盖", "通讯员 杜若兰"),
        ("简讯", "我院开展“三八”妇女节义诊活动", "通讯员 包雨晴"),
    ]
    assert [b.text for b in arts[0].blocks if b.type == "heading"] == ["早发现才能早干预", "筛查结果连到社区"]
    assert arts[0].blocks[-1].text == "（耳鼻喉科）"


def test_lines_alone_in_either_module_under_a_head_band_stay_in_the_band():
    # two modules side by side: their head rows, then rows where only one module prints a line (its subtitle,
    # the other's first body lines), then the body rows; four single rows in a row must not end the band
    rows = [
        _grid((0, "甲栏的标题写在这里"), (40, "丙栏的标题")),
        _grid((4, "甲栏副题"), (44, "■ 丙栏作者")),
        _grid((4, "——甲栏的副题写在这里")),
        _grid((41, "丙栏第一行文字写在这里，")),
        _grid((6, "本报记者 甲一")),
        _grid((40, "丙栏第二行文字写在这里，")),
        _grid((2, "甲栏第一行文字，"), (20, "乙栏第一行文字，"), (40, "丙栏第三行文字写完了。")),
        _grid((0, "甲栏第二行写完。"), (20, "乙栏第二行写完。")),
    ]
    texts = _texts(rows)
    right = [t for t in texts if t.startswith(("丙", "■"))]
    assert right == [
        "丙栏的标题",
        "■ 丙栏作者",
        "丙栏第一行文字写在这里，",
        "丙栏第二行文字写在这里，",
        "丙栏第三行文字写完了。",
    ]
    assert texts.index("本报记者 甲一") < texts.index("甲栏第一行文字，")


def test_two_modules_heads_over_a_band_each_go_to_their_module_and_labels_under_the_header_open_it():
    # p7's shape: a page header, a row of two modules' labels, the left module's wrapped headline and centred
    # subtitle straddling its two columns, the right module's wrapped headline and credit beside them
    rows = [
        _grid((0, "江城市第二人民医院报"), (40, "2026年5月15日 星期五"), (80, "第3版")),
        "",
        _grid((0, "院 务 动 态"), (53, "健 康 科 普")),
        "",
        "",
        _grid((0, "我院与五家乡镇卫生院组建紧密型医"), (49, "春季过敏高发 这些防护")),
        _grid((53, "要做好")),
        _grid((7, "共体"), (57, "■ 变态反应科 邵文清")),
        _grid((10, "————专家下沉、检查互认、双向转诊")),
        _grid((51, "春季花粉浓度升高，过敏性鼻炎")),
        _grid((19, "本报记者 何嘉宁")),
        _grid((49, "和哮喘患者明显增多。打喷嚏、")),
        _grid((2, "5月9日，我院与东湖、石"), (26, "专科。卫生院拍摄的影像"), (49, "涕、眼睛发痒持续两周以上，")),
        _grid((0, "门、杨桥、白沙、柳岸五家"), (26, "图通过远程平台上传，由"), (49, "惕过敏，及时到医院查明。")),
        _grid((0, "卫生院签订紧密型医共体合"), (26, "生在两小时内出具报告。"), (49, "外出做好物理隔离")),
    ]
    arts = clean_text("\n".join(rows)).articles
    heads = [(a.section, a.title, a.byline) for a in arts if a.title]
    assert heads == [
        ("院务动态", "我院与五家乡镇卫生院组建紧密型医共体", "本报记者 何嘉宁"),
        ("健康科普", "春季过敏高发 这些防护要做好", "变态反应科 邵文清"),
    ]


def test_label_row_under_the_page_header_gives_the_modules_their_head_lines():
    # fixtures/degraded/p8_held_out/pdftotext-layout.txt: 简 讯 over one column, 名 医 风 采 over the two
    # beside it; the profile's kicker starts over the brief's column and its byline is printed on the row of
    # the brief's first body line, but both stand over the profile's columns
    from newsclean.readers import segment_lines
    from newsclean.structure.columns import split_columns

    dump = ROOT / "fixtures" / "degraded" / "p8_held_out" / "pdftotext-layout.txt"
    blocks, bands = split_columns(list(segment_lines(dump.read_text(encoding="utf-8")).blocks()))
    texts = [b.text.strip() for b in blocks]
    left, right = texts.index("简 讯"), texts.index("名 医 风 采")
    assert texts[left + 1 : left + 4] == ["我院中药房开通代煎配送服", "务", "通讯员 龙佳怡"]
    assert texts.index("（药剂科）") < right
    assert texts[right + 1 : right + 6] == [
        "扎根基层二十年",
        "针灸科主任周文博：一根银针暖人心",
        "————记省级基层名中医周文博",
        "本报记者 颜思雨",
        "清晨七点半，针灸科诊室外",
    ]
    assert texts.index("信针灸能治病。") < texts.index("把技术送到村口") < texts.index("为了让更多群众少跑路，周")
