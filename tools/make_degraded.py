#!/usr/bin/env python3
"""Build degraded extraction fixtures for newsclean, the way real dumps arise.

Four short, original newspaper pages (clean content held below as gold
documents in the ``newsclean/1`` form) are laid out as multi-column HTML,
rendered to PDF with WeasyPrint and the Noto CJK fonts, and then extracted
with the tools people really use on such PDFs:

  pdftotext.txt         poppler ``pdftotext`` (reading-order mode, the default)
  pdftotext-layout.txt  poppler ``pdftotext -layout`` (physical layout)
  pymupdf.txt           PyMuPDF ``page.get_text()`` for every page
  pymupdf4llm.txt       ``pymupdf4llm.to_markdown()`` (Markdown)
  tesseract.txt         ``pdftoppm -r 200 -png`` then ``tesseract IMG - -l LANG``
                        (one page gets a 1.5 degree skew and speckle noise first)
  markitdown.txt        ``MarkItDown().convert(pdf).text_content`` (pdfplumber/pdfminer)
  rapidocr.txt          RapidOCR (rapidocr_onnxruntime, PP-OCR models bundled in the
                        wheel) on the 200-dpi page images, one box per line in the
                        order the tool returns them (top to bottom, then left to right)
  tesseract-skew.txt    tesseract on every page image turned 2 degrees clockwise,
                        with the same blur, grey paper and fixed-seed speckle
  pymupdf-nfkc.txt      the PyMuPDF dump through ``unicodedata.normalize("NFKC", ...)``

For every page the output folder gets ``<page>/gold.json``, ``<page>/page.html``
and one dump per tool; PDFs and page images stay in a temporary folder.
A tool that is not installed is skipped with a message. ``MANIFEST.json``
records the tool versions and a SHA-256 of every file written.

usage:
  python tools/make_degraded.py --out fixtures/degraded
  python tools/make_degraded.py --out fixtures/degraded --from-html   # re-render
      the existing page.html files (e.g. after editing one by hand) instead of
      rebuilding them from the gold content
  python tools/make_degraded.py --pages p2_two_sheets --tools pdftotext
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import html
import importlib
import importlib.metadata
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = (
    "pdftotext",
    "pdftotext-layout",
    "pymupdf",
    "pymupdf4llm",
    "tesseract",
    "markitdown",
    "rapidocr",
    "tesseract-skew",
    "pymupdf-nfkc",
)
SKEW_DEGREES = -2.0  # tesseract-skew: clockwise, unlike the 1.5 degrees counter-clockwise of the noisy page

SERIF = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}
SANS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}


# --------------------------------------------------------------------------
# Page content.  Each page: metadata, furniture parts and the articles in
# newsclean/1 form (``print_byline`` is how the byline is printed, e.g. with
# the ■ marker the gold drops), plus a layout: a list of sheets (printed
# pages), each a list of rows, each row a list of modules side by side.
# A module shows an article or a slice of it:
#   art      index into articles
#   width    share of the row width (percent)
#   cols     CSS columns of the body
#   head     print section/kicker/title/subtitle/byline (default True)
#   start/end  (block index, char offset) slice of the blocks (for jumps)
#   jump_out / jump_in  jump lines printed after / before the slice
#   fakebold print the headline twice, offset by 0.35pt (fake boldface)
# --------------------------------------------------------------------------


def A(section, kicker, title, subtitle, byline, blocks, print_byline=None):
    return {
        "section": section,
        "kicker": kicker,
        "title": title,
        "subtitle": subtitle,
        "byline": byline,
        "blocks": [{"type": t, "text": x} for t, x in blocks],
        "_print_byline": print_byline or byline,
    }


P, H, C, S = "paragraph", "heading", "caption", "signoff"

PAGES = [
    {
        "id": "p1_three_columns",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "明湖市中心医院报", "issue": "2025年第6期 总第118期", "date": "2025-06-20"},
        "header": ["明湖市中心医院报", "2025年6月20日 星期五", "第{n}版"],
        "masthead": ["明湖市中心医院报", "2025年第6期 总第118期 2025年6月20日 星期五 本期四版"],
        "footer": ["地址：明湖市新华路88号", "电话：0635-8276543", "网址：www.mhszxyy.cn"],
        "credits": ["责任编辑：刘晓静 校对：孙婷"],
        "credits_pos": "bottom",
        "first_page_no": 1,
        "articles": [
            A(
                "要闻",
                None,
                "我院召开2025年医疗质量安全推进会",
                None,
                "本报记者 王雪",
                [
                    (
                        P,
                        "6月13日下午，我院在门诊楼五楼学术报告厅召开2025年医疗质量安全推进会。院领导班子成员、各临床医技科室主任、护士长及职能部门负责人共160余人参加会议。会议由副院长李建国主持。",
                    ),
                    (
                        P,
                        "会上，医务科通报了今年1—5月医疗质量核心制度落实情况。数据显示，全院甲级病历率达到96.8%，平均住院日由去年同期的8.7天下降至7.9天，围手术期抗菌药物预防使用率持续下降，但部分科室在会诊时限、危急值报告记录等环节仍存在短板。",
                    ),
                    (
                        P,
                        "院长张明远在讲话中指出，医疗质量是医院的生命线，全院上下要把“以患者为中心”落实到每一个诊疗环节。他要求各科室对照问题清单逐项整改，科主任要当好本科室医疗质量的第一责任人，职能部门要加强日常督导，做到问题早发现、早纠正。",
                    ),
                    (
                        P,
                        "会议还为2024年度医疗质量先进科室和优秀质控员颁发了证书。下一步，医院将以国家三级公立医院绩效考核为抓手，持续开展“质量安全月”活动，推动医疗质量管理从“事后检查”向“过程管控”转变。",
                    ),
                ],
            ),
            A(
                "医患故事",
                "七旬老人凌晨突发心梗",
                "58分钟打通“生命通道”",
                "记心内科急诊介入团队的一次夜间抢救",
                "张磊 李娜",
                [
                    (
                        P,
                        "6月8日凌晨2时许，72岁的刘大爷在睡梦中突感胸口剧烈疼痛，大汗淋漓，家人立即拨打120急救电话。救护车在转运途中完成首份心电图，并通过远程传输系统发送至我院胸痛中心。",
                    ),
                    (
                        P,
                        "值班医生刘晓东看到心电图后，初步判断为急性下壁心肌梗死，随即启动绕行急诊流程，通知导管室团队到位。患者到达医院后直接送入导管室，从进门到血管开通仅用时58分钟，远低于国家胸痛中心要求的90分钟。",
                    ),
                    (
                        P,
                        "术中造影显示，患者右冠状动脉完全闭塞。介入团队迅速完成血栓抽吸并植入支架一枚，血流恢复后，刘大爷的胸痛明显缓解。术后第6天，刘大爷康复出院。",
                    ),
                    (
                        P,
                        "“要不是医生来得快，老头子这回就危险了。”出院当天，刘大爷的老伴拉着医护人员的手连声道谢。心内科主任赵宏伟提醒，出现持续胸痛超过15分钟、伴有出汗或呼吸困难时，应立即拨打120，切勿自行驾车或等待观察。",
                    ),
                    (S, "（心内科）"),
                ],
                print_byline="■ 张磊 李娜",
            ),
            A(
                "简讯",
                None,
                "我院开展“世界献血者日”主题活动",
                None,
                "通讯员 赵敏",
                [
                    (
                        P,
                        "6月14日是第22个“世界献血者日”。当天上午，我院联合明湖市中心血站在门诊广场开展无偿献血活动，医护人员、患者家属和附近社区居民踊跃参与，共有86人成功献血，献血量达27600毫升。",
                    ),
                    (C, "图为献血志愿者在采血车前排队登记。"),
                    (
                        P,
                        "活动现场还设置了健康咨询台，为市民提供血压测量和献血知识讲解。有意参加无偿献血的市民可拨打0635-8276543咨询。",
                    ),
                    (S, "（宣传科）"),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 100, "cols": 3}],
                [{"art": 1, "width": 63, "cols": 2, "fakebold": True}, {"art": 2, "width": 37, "cols": 1}],
            ],
        ],
    },
    {
        "id": "p2_two_sheets",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "明湖健康报", "issue": "总第1236期", "date": "2025-08-22"},
        "header": ["明湖健康报", "2025年8月22日 星期五", "第{n}版"],
        "masthead": ["明湖健康报", "明湖市卫生健康委员会主管 总第1236期 2025年8月22日 星期五"],
        "footer": ["主办：明湖市卫生健康委员会", "地址：明湖市文化路16号", "电话：0635-8276543"],
        "credits": ["责任编辑：陈静 校对：马骁", "责任编辑：周强 校对：马骁"],
        "credits_pos": "bottom",
        "first_page_no": 1,
        "articles": [
            A(
                "要闻",
                "聚焦基层卫生人才培养",
                "全市基层医疗服务能力提升培训班开班",
                None,
                "本报记者 王五 通讯员 刘洋",
                [
                    (
                        P,
                        "8月19日—21日，由市卫生健康委主办、明湖市中心医院承办的全市基层医疗服务能力提升培训班在市卫生健康培训中心举办。来自全市各乡镇卫生院、社区卫生服务中心的院长和业务骨干共120余人参加培训。",
                    ),
                    (
                        P,
                        "本次培训为期3天，围绕常见病多发病规范诊疗、慢性病综合管理、急诊急救技能、基层院感防控、家庭医生签约服务等内容设置了12个专题。授课专家均来自市级医院临床一线，课程采取理论讲授与现场实操相结合的方式，学员分组轮转完成心肺复苏、气道管理、除颤仪使用等技能训练。",
                    ),
                    (
                        P,
                        "市卫生健康委副主任陈立平在开班仪式上表示，基层医疗机构是守护群众健康的“第一道防线”。近年来，我市通过城市医疗集团和县域医共体建设，推动优质医疗资源下沉，基层诊疗量占比已提高到58.3%。但与群众日益增长的健康需求相比，基层人才短缺、能力不足的问题依然突出。",
                    ),
                    (
                        P,
                        "据了解，培训结束后将组织结业考核，考核合格者颁发培训证书，并计入继续医学教育学分。市卫生健康委还将建立培训学员回访机制，通过远程会诊和专家下沉带教，帮助学员把所学知识用到日常诊疗中。",
                    ),
                    (
                        P,
                        "培训课件和相关视频已上传至明湖健康网（www.mhjkw.cn），供全市基层医务人员免费学习。咨询电话：0635-8276543。",
                    ),
                ],
            ),
            A(
                "健康提醒",
                None,
                "暑期儿童意外伤害就诊量上升 专家提醒做好防护",
                None,
                "本报记者 孙悦",
                [
                    (
                        P,
                        "进入暑期以来，市中心医院儿科急诊接诊的儿童意外伤害病例明显增多。据统计，7月1日至8月15日，该院共接诊意外伤害患儿412人次，较去年同期增长约两成，其中跌落伤、烫伤、异物吸入和动物咬伤最为常见。",
                    ),
                    (C, "图为儿科医生为一名手臂烫伤的患儿换药。"),
                    (
                        P,
                        "儿科主任医师孟庆华介绍，学龄前儿童好奇心强、自我保护意识弱，是意外伤害的高发人群。家长要特别注意窗户、阳台的防护，热水、药品和清洁剂要放在儿童够不着的地方，带孩子外出游泳必须有成年人全程看护。",
                    ),
                    (
                        P,
                        "孟庆华提醒，孩子一旦发生烫伤，应立即用流动的凉水冲洗15至30分钟，不要涂抹牙膏、酱油等；发生异物卡喉时，可采用海姆立克急救法，并尽快送医。",
                    ),
                ],
            ),
            A(
                "科普园地",
                None,
                "高温天气如何预防热射病",
                "急诊科专家支招夏季防暑",
                "急诊科 周建华",
                [
                    (
                        P,
                        "近期我市持续高温，急诊科陆续接诊多名中暑患者，其中2人被诊断为热射病。热射病是最严重的中暑类型，患者核心体温可超过40℃，并伴有意识障碍，病死率较高。",
                    ),
                    (H, "及时补水 避免暴晒"),
                    (
                        P,
                        "高温天气应尽量避开11时至16时外出，户外作业人员要合理安排工作时间，做到少量多次饮水，不要等口渴了才喝水。大量出汗后可适当饮用淡盐水或含电解质的饮料。",
                    ),
                    (H, "重点人群要格外注意"),
                    (
                        P,
                        "老年人、婴幼儿、慢性病患者以及孕妇对高温的耐受能力较差，家中应保持通风，必要时使用空调降温，室内温度以26℃左右为宜，外出时要备好遮阳伞和饮用水。",
                    ),
                    (H, "发现中暑要快速降温"),
                    (
                        P,
                        "一旦发现有人出现高热、意识模糊、抽搐等症状，应立即将其转移到阴凉通风处，用冷水擦拭身体或冷水浸泡降温，同时拨打120。记住“先降温、后转运”的原则，可以大大降低死亡风险。",
                    ),
                    (S, "（急诊科）"),
                ],
                print_byline="■ 急诊科 周建华",
            ),
        ],
        "sheets": [
            [
                [
                    {
                        "art": 0,
                        "width": 100,
                        "cols": 2,
                        "end": (2, "但与群众日益增长的健康需求相比，"),
                        "jump_out": "（下转第2版）",
                    }
                ],
                [{"art": 1, "width": 100, "cols": 2}],
            ],
            [
                [
                    {
                        "art": 0,
                        "width": 100,
                        "cols": 2,
                        "head": False,
                        "start": (2, "但与群众日益增长的健康需求相比，"),
                        "jump_in": "（上接第1版）",
                    }
                ],
                [{"art": 2, "width": 100, "cols": 2}],
            ],
        ],
        # the paragraph cut by the jump is printed in two fragments far apart
        "flags": [(0, 2, "reassembled", "paragraph continued from page 1 to page 2 (下转第2版/上接第1版)")],
    },
    {
        "id": "p3_traditional",
        "lang": "zh-Hant",
        "ocr_lang": "chi_tra",
        "ocr_noise": False,
        "metadata": {"publication": "仁和醫院院訊", "date": "2025-09-15"},
        "header": ["仁和醫院院訊", "2025年9月15日 星期一", "第{n}版"],
        "masthead": [],
        "footer": ["地址：臺中市西屯區福科路168號", "電話：04-2358-7766", "網址：www.renhe-hosp.org.tw"],
        "credits": ["責任編輯：林怡君 校對：陳柏宇"],
        "credits_pos": "top",
        "first_page_no": 3,
        "articles": [
            A(
                "院務動態",
                None,
                "智慧藥局上線 領藥等候時間縮短一半",
                None,
                "記者 黃志明",
                [
                    (
                        P,
                        "本院門診智慧藥局於9月1日正式啟用。新系統結合自動配藥機器人與電子叫號看板，病人完成批價後，處方即同步傳送至藥局，平均領藥等候時間由原本的18分鐘縮短為8分鐘。",
                    ),
                    (
                        P,
                        "藥劑部主任林美玲表示，過去尖峰時段常有病人在藥局前大排長龍，「現在藥師可以把更多時間放在用藥諮詢上，而不是一直數藥。」系統上線兩週以來，調劑錯誤件數也明顯下降。",
                    ),
                    (
                        P,
                        "民眾如對用藥有疑問，可撥打藥物諮詢專線04-2358-7766轉2210，或至本院官網www.renhe-hosp.org.tw查詢。",
                    ),
                ],
            ),
            A(
                "醫病故事",
                "跨團隊接力九十八天",
                "早產兒「小米粒」平安回家",
                None,
                "新生兒科 吳佩珊",
                [
                    (
                        P,
                        "今年6月，懷孕僅26週的陳太太因妊娠高血壓緊急剖腹產，產下體重只有780公克的女嬰。寶寶小得可以放在手掌心，護理師們都暱稱她為「小米粒」。",
                    ),
                    (
                        P,
                        "出生後的小米粒面臨呼吸窘迫、開放性動脈導管等多重考驗。新生兒科、小兒心臟科與營養團隊每天共同討論照護計畫，護理師更是二十四小時守在保溫箱旁，細心記錄每一毫升的奶量。",
                    ),
                    (
                        P,
                        "經過98天的悉心照顧，小米粒的體重增加到2350公克，於9月10日順利出院。陳太太紅著眼眶說：「謝謝你們沒有放棄她，讓我們一家人終於可以團圓。」",
                    ),
                    (S, "（公關室）"),
                ],
                print_byline="■ 新生兒科 吳佩珊",
            ),
            A(
                "衛教專欄",
                None,
                "秋季流感疫苗開打 長者兒童優先",
                "接種前後注意事項一次看",
                "家庭醫學科 蔡明哲",
                [
                    (
                        P,
                        "今年度公費流感疫苗將於10月1日起開放接種，65歲以上長者、6個月以上至國小入學前幼兒、孕婦及慢性病患者為優先對象。本院家庭醫學科門診每週一至週六均提供接種服務。",
                    ),
                    (C, "圖為護理師為長者施打流感疫苗。"),
                    (
                        P,
                        "蔡明哲醫師提醒，接種當天若有發燒或急性疾病症狀，應先告知醫師評估；接種後請在院內留觀30分鐘，注射部位若出現輕微紅腫疼痛，通常兩三天內會自行緩解。",
                    ),
                    (
                        P,
                        "醫師也呼籲，流感疫苗每年都要接種，才能維持足夠的保護力。除了接種疫苗，勤洗手、咳嗽時戴口罩、身體不適時在家休息，也是預防流感的重要方法。",
                    ),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 100, "cols": 2}],
                [{"art": 1, "width": 50, "cols": 1}, {"art": 2, "width": 50, "cols": 1}],
            ],
        ],
    },
    {
        "id": "p4_noisy_scan",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": True,
        "metadata": {"publication": "清源县人民医院院报", "issue": "2025年第11期", "date": "2025-11-20"},
        "header": ["清源县人民医院院报", "2025年11月20日 星期四", "第{n}版"],
        "masthead": [],
        "footer": ["地址：清源县人民路218号", "健康热线：0635-8276543"],
        "credits": ["责任编辑：高蕾 校对：王晨"],
        "credits_pos": "bottom",
        "first_page_no": 4,
        "articles": [
            A(
                "党建引领",
                None,
                "我院开展“医德医风”专题教育活动",
                None,
                "本报记者 李静",
                [
                    (
                        P,
                        "11月3日，我院启动为期一个月的“医德医风”专题教育活动。活动以“守初心、强医德、优服务”为主题，通过专题党课、警示教育、案例讨论和服务承诺等形式，引导全院职工筑牢廉洁从医思想防线。",
                    ),
                    (
                        P,
                        "在当天举行的专题党课上，院党委书记孙海峰结合近年来医疗领域典型案例，从坚守职业操守、规范诊疗行为、改善就医体验等方面作了深入讲解。全院280余名党员和职工代表参加学习。",
                    ),
                    (
                        P,
                        "医院还在门诊大厅和各病区设立了意见箱，公布监督电话0635-8276543，主动接受患者和社会监督，对群众反映的问题做到件件有回音、事事有落实。",
                    ),
                ],
            ),
            A(
                "科室风采",
                "一年帮助300余名患者恢复行走能力",
                "康复医学科：让患者重新站起来",
                None,
                "刘芳 王强",
                [
                    (
                        P,
                        "走进康复医学科训练大厅，减重步行训练系统、上下肢康复机器人等设备一字排开，治疗师们正一对一指导患者进行训练。去年以来，科室累计为300余名脑卒中、脊髓损伤和骨关节术后患者提供康复治疗。",
                    ),
                    (
                        P,
                        "科室主任杨柳介绍，康复介入越早，患者功能恢复的效果越好。目前，科室已与神经内科、骨科建立早期康复协作机制，患者病情稳定后48小时内即可在床旁开展康复评估和训练。",
                    ),
                    (C, "图为治疗师指导患者进行步态训练。"),
                    (
                        P,
                        "今年9月，科室引进了经颅磁刺激治疗仪，为脑卒中后失语、吞咽障碍患者提供了新的治疗手段。下一步，科室将探索开展居家康复指导，让更多患者在家门口享受专业康复服务。",
                    ),
                    (S, "（康复医学科）"),
                ],
                print_byline="■ 刘芳 王强",
            ),
            A(
                "简讯",
                None,
                "我院举办“联合国糖尿病日”义诊活动",
                None,
                "通讯员 陈晨",
                [
                    (
                        P,
                        "11月14日是“联合国糖尿病日”。我院内分泌科医护人员走进城关镇幸福社区，为居民免费测量血糖、血压，并开展糖尿病饮食与运动指导，共服务居民150余人次。",
                    ),
                    (
                        P,
                        "内分泌科主任张丽提醒，糖尿病早期症状往往不明显，40岁以上、超重或有家族史的人群应每年检测一次血糖，做到早发现、早干预。",
                    ),
                    (S, "（宣传科）"),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 1, "width": 100, "cols": 3}],
                [{"art": 0, "width": 55, "cols": 2}, {"art": 2, "width": 45, "cols": 1}],
            ],
        ],
    },
    # held out: added to check the de-interleaving on a layout it was not tuned on (2 columns above, 3 below)
    {
        "id": "p5_held_out",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "松江县第二人民医院报", "issue": "2025年第12期 总第57期", "date": "2025-12-05"},
        "header": ["松江县第二人民医院报", "2025年12月5日 星期五", "第{n}版"],
        "masthead": [],
        "footer": ["地址：松江县滨河东路17号", "服务热线：0571-6624318"],
        "credits": ["责任编辑：方雨桐 校对：邵凯"],
        "credits_pos": "bottom",
        "first_page_no": 2,
        "articles": [
            A(
                "院务动态",
                None,
                "远程会诊中心投入使用 乡镇患者不出村看专家",
                None,
                "本报记者 周沐阳",
                [
                    (
                        P,
                        "11月28日，我院远程会诊中心正式投入使用。中心配备高清视频会诊终端和影像传输系统，与全县十二家乡镇卫生院实现互联互通，基层医生可随时发起会诊申请，由我院专家在线阅片、讨论病情并给出诊疗建议。",
                    ),
                    (
                        P,
                        "启用首日，中心便为白沙镇一名反复咳嗽两个多月的老人完成会诊。呼吸内科副主任医师钱立群调阅了老人的胸部影像，建议尽快转诊做进一步检查，并与乡镇医生约定了转诊时间，老人当天下午就住进了病房。",
                    ),
                    (
                        P,
                        "院长韩启明表示，远程会诊把专家资源送到了群众家门口。今后医院还将每周安排专家固定坐诊，同时开展基层医生线上培训，帮助乡镇卫生院提高常见病、多发病的诊治能力。",
                    ),
                ],
            ),
            A(
                "护理天地",
                "出院不是终点",
                "延续护理让患者安心回家",
                None,
                "通讯员 苏晓雯",
                [
                    (
                        P,
                        "今年以来，我院护理部组建了由三十余名骨干护士组成的延续护理团队，为行动不便的出院患者提供上门换药、管路维护、用药指导和康复训练等服务，目前已累计上门服务六百余人次。",
                    ),
                    (H, "一张联系卡连起医患"),
                    (
                        P,
                        "每位患者出院前都会领到一张延续护理联系卡，卡上印有责任护士的姓名和电话。家住城东的沈阿姨因股骨骨折手术后行动不便，护士每周上门一次，指导她在床边练习站立和行走。",
                    ),
                    (
                        P,
                        "沈阿姨的女儿说，以前最担心母亲出院后没人照看，现在护士定期上门，遇到问题打个电话就能问清楚，全家人心里都踏实了。护理部主任邹敏介绍，下一步将把服务范围扩大到周边乡镇。",
                    ),
                    (S, "（护理部）"),
                ],
            ),
            A(
                "健康课堂",
                None,
                "冬季老人防跌倒要做到三点",
                None,
                "康复科 黎文涛",
                [
                    (
                        P,
                        "冬季地面湿滑，老年人衣着厚重，行动不如平时灵活，跌倒的风险明显增加。老人跌倒后容易发生骨折，有的甚至长期卧床，给家庭带来沉重负担。",
                    ),
                    (
                        P,
                        "康复科医生提醒，预防跌倒首先要改善居家环境，在卫生间和床边加装扶手，夜间保留一盏小灯；其次要穿防滑的鞋子，起床时做到慢坐起、慢站立；最后要坚持适度锻炼，增强腿部力量和身体平衡能力。",
                    ),
                    (
                        P,
                        "如果老人不慎跌倒，家人不要急于把老人扶起，应先询问有无疼痛，观察能否活动四肢，必要时拨打急救电话。",
                    ),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 100, "cols": 2}],
                [{"art": 1, "width": 100, "cols": 3}],
                [{"art": 2, "width": 100, "cols": 3}],
            ],
        ],
    },
    # held out in session 4: written and extracted after that session's changes, scored before any change for it
    # (a kicker and subtitle over a 3-column lead, a 2-column story with subheads and a photo beside a brief)
    {
        "id": "p6_held_out",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "云溪市妇幼保健院报", "issue": "2026年第3期 总第41期", "date": "2026-03-12"},
        "header": ["云溪市妇幼保健院报", "2026年3月12日 星期四", "第{n}版"],
        "masthead": [],
        "footer": ["地址：云溪市朝阳大道56号", "咨询电话：0597-3381200"],
        "credits": ["责任编辑：卢思远 校对：江一帆"],
        "credits_pos": "bottom",
        "first_page_no": 1,
        "articles": [
            A(
                "要闻",
                "守护生命起点",
                "我院危重孕产妇救治中心通过省级评审",
                "——三年救治危重孕产妇四百余例",
                "本报记者 钟晓岚",
                [
                    (
                        P,
                        "3月6日，省卫生健康委专家组对我院危重孕产妇救治中心进行现场评审，经过查阅资料、实地查看和模拟演练，中心以优秀等次通过评审，成为全市首家省级危重孕产妇救治中心。",
                    ),
                    (
                        P,
                        "中心成立三年来，累计救治产后大出血、重度子痫前期、羊水栓塞等危重孕产妇四百余例，抢救成功率保持在百分之九十八以上。产科、麻醉科、重症医学科和输血科组成的快速反应团队，接到呼叫后五分钟内即可到位。",
                    ),
                    (
                        P,
                        "评审专家认为，中心在多学科协作、院内转运和信息化预警方面形成了可推广的经验。院长方静怡表示，将以此次评审为契机，继续加强对县级医院的技术帮扶，让基层孕产妇就近得到及时救治。",
                    ),
                ],
            ),
            A(
                "科室巡礼",
                None,
                "新生儿听力筛查实现全覆盖",
                None,
                "通讯员 杜若兰",
                [
                    (
                        P,
                        "每天上午，耳鼻喉科的筛查室里都会迎来十几个刚出生的宝宝。检查时，护士把小小的探头轻轻放进宝宝耳道，几十秒后仪器就能给出结果，整个过程无痛无创。",
                    ),
                    (H, "早发现才能早干预"),
                    (
                        P,
                        "科室主任薛立群介绍，先天性听力障碍如果在六个月内发现并干预，孩子的语言能力大多可以接近正常水平。去年以来，全院出生的新生儿全部接受了筛查，初筛未通过的宝宝都在四十二天内完成了复筛。",
                    ),
                    (H, "筛查结果连到社区"),
                    (
                        P,
                        "筛查结果同步推送到社区卫生服务中心，家庭医生会提醒家长按时复查。对确诊的患儿，医院与康复机构建立了转介通道，帮助家庭尽早安排助听器验配和语言训练。",
                    ),
                    (C, "图为护士为新生儿进行听力筛查。"),
                    (S, "（耳鼻喉科）"),
                ],
            ),
            A(
                "简讯",
                None,
                "我院开展“三八”妇女节义诊活动",
                None,
                "通讯员 包雨晴",
                [
                    (
                        P,
                        "3月8日上午，我院组织妇科、乳腺科和营养科专家来到城南社区，为两百余名妇女提供免费咨询和乳腺检查，并发放健康宣传资料三百余份。",
                    ),
                    (S, "（宣传科）"),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 100, "cols": 3}],
                [{"art": 1, "width": 64, "cols": 2}, {"art": 2, "width": 36, "cols": 1}],
            ],
        ],
    },
    # held out in session 6: written and extracted after that session's changes, scored before any change for it
    # (two modules side by side at the top, one of two columns with a subtitle, one of one column with a subhead;
    # a four-column story with a kicker, a caption and a sign-off across the bottom)
    {
        "id": "p7_held_out",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "江城市第二人民医院报", "issue": "2026年第5期 总第77期", "date": "2026-05-15"},
        "header": ["江城市第二人民医院报", "2026年5月15日 星期五", "第{n}版"],
        "masthead": [],
        "footer": ["本报地址：江城市滨江路218号", "邮编：430078"],
        "credits": ["责任编辑：冯子墨 美术编辑：韩一诺"],
        "credits_pos": "bottom",
        "first_page_no": 3,
        "articles": [
            A(
                "院务动态",
                None,
                "我院与五家乡镇卫生院组建紧密型医共体",
                "——专家下沉、检查互认、双向转诊一体推进",
                "本报记者 何嘉宁",
                [
                    (
                        P,
                        "5月9日，我院与东湖、石门、杨桥、白沙、柳岸五家乡镇卫生院签订紧密型医共体合作协议。按照协议，我院将向各卫生院派驻常驻专家，统一药品目录和检查标准，实现检查结果互认。",
                    ),
                    (
                        P,
                        "常驻专家每周在卫生院坐诊不少于三天，重点帮助建设慢病管理、康复和急诊急救三个薄弱专科。卫生院拍摄的影像和心电图通过远程平台上传，由我院医生在两小时内出具报告。",
                    ),
                    (
                        P,
                        "对于病情超出卫生院救治能力的患者，医共体开通转诊绿色通道，由专人负责预约床位；病情稳定后，患者可转回卫生院继续康复治疗，医保按一次住院结算。",
                    ),
                ],
            ),
            A(
                "健康科普",
                None,
                "春季过敏高发 这些防护要做好",
                None,
                "变态反应科 邵文清",
                [
                    (
                        P,
                        "春季花粉浓度升高，过敏性鼻炎和哮喘患者明显增多。打喷嚏、流清涕、眼睛发痒持续两周以上，就要警惕过敏，及时到医院查明过敏原。",
                    ),
                    (H, "外出做好物理隔离"),
                    (
                        P,
                        "花粉高峰期尽量减少清晨和傍晚外出，出门佩戴口罩和眼镜，回家后及时洗脸、清洗鼻腔，衣物不要晾在室外。",
                    ),
                    (S, "（变态反应科）"),
                ],
                print_byline="■ 变态反应科 邵文清",
            ),
            A(
                "护理天地",
                "夜班护士的一天：",
                "守在病床边的十二个小时",
                None,
                "通讯员 柯雨桐",
                [
                    (
                        P,
                        "晚上八点，心胸外科护士长邹敏和两名同事完成交接班。病区里住着四十一位患者，其中三位刚做完手术，需要每小时观察一次生命体征。",
                    ),
                    (
                        P,
                        "凌晨一点，十二床的老人突然呼吸急促，血氧饱和度降到百分之八十五。邹敏一边调高氧流量，一边呼叫值班医生，十分钟后老人的指标恢复平稳。",
                    ),
                    (
                        P,
                        "天快亮时，病区终于安静下来。护士们抓紧时间整理护理记录，为早上的交班做准备。“夜班最怕的是疏忽，每一次巡视都不能省。”邹敏说。",
                    ),
                    (C, "图为护士在夜间为患者测量血压。"),
                    (S, "（护理部）"),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 62, "cols": 2}, {"art": 1, "width": 38, "cols": 1}],
                [{"art": 2, "width": 100, "cols": 4}],
            ],
        ],
    },
    {
        # held out (session 7): the mirror of p7, a one-column brief on the left beside a two-column profile
        # with kicker, subtitle and subhead, over a three-column health story; laid out and extracted before
        # any change was made for it
        "id": "p8_held_out",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "临江县中医院报", "issue": "2026年第9期 总第105期", "date": "2026-09-24"},
        "header": ["临江县中医院报", "2026年9月24日 星期四", "第{n}版"],
        "masthead": [],
        "footer": ["地址：临江县解放路66号", "服务热线：0731-5526120"],
        "credits": ["责任编辑：唐雅琴 校对：彭立"],
        "credits_pos": "bottom",
        "first_page_no": 2,
        "articles": [
            A(
                "简讯",
                None,
                "我院中药房开通代煎配送服务",
                None,
                "通讯员 龙佳怡",
                [
                    (
                        P,
                        "9月15日起，我院中药房正式开通中药代煎配送服务。患者在门诊开具中药处方后，可选择由药房统一煎煮，煎好的药液经真空包装后当天配送到家。",
                    ),
                    (
                        P,
                        "药房负责人介绍，代煎全程按标准流程操作，每一剂药都记录浸泡和煎煮时间，患者扫描药袋上的二维码即可查看。",
                    ),
                    (S, "（药剂科）"),
                ],
            ),
            A(
                "名医风采",
                "扎根基层二十年",
                "针灸科主任周文博：一根银针暖人心",
                "——记省级基层名中医周文博",
                "本报记者 颜思雨",
                [
                    (
                        P,
                        "清晨七点半，针灸科诊室外已经坐满了候诊的患者。周文博换上白大褂，先到病房查看住院患者，再回到诊室开始一天的门诊。",
                    ),
                    (
                        P,
                        "二十年前，周文博从中医药大学毕业后回到家乡，成为县中医院的一名针灸医生。那时科室只有三张治疗床，很多乡亲不相信针灸能治病。",
                    ),
                    (H, "把技术送到村口"),
                    (
                        P,
                        "为了让更多群众少跑路，周文博带领团队每月到乡镇卫生院坐诊两次，手把手教基层医生规范操作。如今，全县已有十二家卫生院能够开展针灸治疗。",
                    ),
                    (P, "谈起今后的打算，周文博说，他希望把科室的经验整理成册，让年轻医生少走弯路。"),
                ],
            ),
            A(
                "养生之道",
                None,
                "秋季养肺正当时",
                None,
                "治未病科 邓子涵",
                [
                    (
                        P,
                        "立秋过后，气候逐渐干燥，不少市民出现咽干、干咳、皮肤干燥等不适。中医认为，秋季对应肺脏，养生的重点在于润燥养肺。",
                    ),
                    (H, "饮食宜润"),
                    (
                        P,
                        "日常饮食可适当多吃梨、百合、银耳、莲藕等食物，少吃辛辣煎炸食品。早晚喝一小碗百合银耳汤，有助于缓解口干咽燥。",
                    ),
                    (H, "起居有常"),
                    (P, "秋季宜早睡早起，室内注意通风并保持一定湿度。晨起可以做深呼吸或练习八段锦，增强肺的功能。"),
                    (C, "图为医生向市民讲解秋季养生知识。"),
                    (S, "（治未病科）"),
                ],
                print_byline="■ 治未病科 邓子涵",
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 36, "cols": 1}, {"art": 1, "width": 64, "cols": 2}],
                [{"art": 2, "width": 100, "cols": 3}],
            ],
        ],
    },
    {
        # held out (session 8): a masthead over a two-column lead with kicker, subtitle and subhead, and under it
        # THREE one-column briefs side by side, each under its own label (one with a photo); laid out and
        # extracted before any change was made for it
        "id": "p9_held_out",
        "lang": "zh-Hans",
        "ocr_lang": "chi_sim",
        "ocr_noise": False,
        "metadata": {"publication": "清河市人民医院报", "issue": "2026年第11期 总第130期", "date": "2026-11-06"},
        "header": ["清河市人民医院报", "2026年11月6日 星期五", "第{n}版"],
        "masthead": ["清河市人民医院报", "2026年第11期 总第130期 2026年11月6日 星期五 本期四版"],
        "footer": ["地址：清河市人民路12号", "健康热线：0517-6688120"],
        "credits": ["责任编辑：邵明远 校对：谢雨"],
        "credits_pos": "bottom",
        "first_page_no": 1,
        "articles": [
            A(
                "要闻",
                "打造区域医疗高地",
                "我院胸痛中心通过国家标准版认证",
                "——从进门到血管开通平均用时缩短至六十二分钟",
                "本报记者 许文静",
                [
                    (
                        P,
                        "11月2日，国家胸痛中心联盟公布了新一批通过认证的单位名单，我院胸痛中心顺利通过标准版认证，成为全市第二家获此资质的医院。",
                    ),
                    (
                        P,
                        "胸痛中心建设启动以来，医院整合急诊科、心血管内科、放射科和检验科等科室力量，建立了院前急救与院内救治无缝衔接的工作流程。救护车在转运途中即可将心电图传回医院，值班医生提前研判，患者到院后绕行急诊直达导管室。",
                    ),
                    (H, "数据说话 成效明显"),
                    (
                        P,
                        "统计显示，今年前十个月，我院共救治急性胸痛患者一千二百余例，其中急性心肌梗死患者从进门到血管开通的平均时间由去年的九十一分钟缩短至六十二分钟，远低于国家要求的九十分钟。",
                    ),
                    (
                        P,
                        "院长唐振华表示，下一步医院将把胸痛救治网络延伸到各乡镇卫生院，定期开展培训和演练，让基层患者在发病后第一时间得到规范救治。",
                    ),
                    (S, "（医务科）"),
                ],
            ),
            A(
                "简讯",
                None,
                "我院举办糖尿病健康教育讲座",
                None,
                "通讯员 陆晨",
                [
                    (
                        P,
                        "11月4日下午，内分泌科在门诊大厅举办糖尿病健康教育讲座，主任医师冯雪从饮食控制、规律运动和血糖监测三个方面进行讲解，八十余名患者和家属参加。",
                    ),
                    (P, "讲座结束后，医护人员还为到场群众免费测量血糖和血压，并发放健康手册。"),
                    (S, "（内分泌科）"),
                ],
            ),
            A(
                "健康提示",
                None,
                "冬季洗澡注意三件事",
                None,
                "心内科 韩冬",
                [
                    (
                        P,
                        "天气转冷后，不少老人喜欢用很热的水洗澡。心内科医生提醒，水温最好控制在四十摄氏度左右，时间不宜超过二十分钟。",
                    ),
                    (
                        P,
                        "饭后和饮酒后不要立即洗澡，浴室要保持通风，患有心脑血管疾病的老人洗澡时最好有家人陪同。",
                    ),
                ],
            ),
            A(
                "医院动态",
                None,
                "新门诊楼智能导诊系统上线",
                None,
                "通讯员 程思",
                [
                    (
                        P,
                        "近日，我院新门诊楼启用智能导诊系统。患者在自助机上输入症状，系统即可推荐就诊科室，并显示诊室位置和候诊人数。",
                    ),
                    (C, "图为患者在自助机上查询就诊信息。"),
                    (P, "系统上线一周以来，导诊台咨询量下降了约三成，患者就诊更加便捷。"),
                ],
            ),
        ],
        "sheets": [
            [
                [{"art": 0, "width": 100, "cols": 2}],
                [
                    {"art": 1, "width": 34, "cols": 1},
                    {"art": 2, "width": 33, "cols": 1},
                    {"art": 3, "width": 33, "cols": 1},
                ],
            ],
        ],
    },
]


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------


def furniture_of(page: dict) -> list[dict]:
    """Furniture items in the order they are printed, sheet by sheet."""
    items = []
    for i, sheet in enumerate(page["sheets"]):
        n = page["first_page_no"] + i
        items.append({"kind": "header", "text": " ".join(page["header"]).replace("{n}", str(n))})
        if i == 0 and page["masthead"]:
            items.append({"kind": "masthead", "text": page["masthead"][0]})
            items.append({"kind": "issue", "text": page["masthead"][1]})
        credits = page["credits"][min(i, len(page["credits"]) - 1)]
        if page["credits_pos"] == "top":
            items.append({"kind": "credits", "text": credits})
        for row in sheet:
            for mod in row:
                for key in ("jump_in", "jump_out"):
                    if mod.get(key):
                        items.append({"kind": "other", "text": mod[key]})
        if page["credits_pos"] == "bottom":
            items.append({"kind": "credits", "text": credits})
        items.append({"kind": "footer", "text": " ".join(page["footer"])})
    return items


def gold_of(page: dict) -> dict:
    arts = []
    for art in page["articles"]:
        arts.append({k: copy.deepcopy(v) for k, v in art.items() if not k.startswith("_")})
        # SPEC 2: a subtitle is stored without its dash (p6-p9 print a doubled one, kept as printed)
        arts[-1]["subtitle"] = (arts[-1]["subtitle"] or "").lstrip("—") or arts[-1]["subtitle"]
    for ai, bi, kind, note in page.get("flags", []):
        arts[ai]["blocks"][bi].setdefault("flags", []).append({"kind": kind, "note": note})
    # gold lists the articles in reading order: where each first appears on the page
    order = []
    for sheet in page["sheets"]:
        for row in sheet:
            for mod in row:
                if mod["art"] not in order:
                    order.append(mod["art"])
    arts = [arts[i] for i in order]
    return {
        "schema": "newsclean/1",
        "source": page["id"],
        "lang": page["lang"],
        "metadata": page["metadata"],
        "furniture": furniture_of(page),
        "articles": arts,
    }


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def css_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(page: dict) -> str:
    serif, sans = SERIF[page["lang"]], SANS[page["lang"]]
    rules = [
        f"""
@page {{ size: A4; margin: 20mm 15mm 20mm 15mm; }}
html {{ font-family: "{serif}"; font-size: 10.5pt; line-height: 1.6; text-align: justify; color: #111; }}
body {{ margin: 0; }}
.sheet {{ }}
.masthead {{ border-bottom: 2.5pt double #000; margin-bottom: 4mm; text-align: center; }}
.masthead .name {{ font-family: "{sans}"; font-weight: bold; font-size: 30pt; letter-spacing: 0.15em; line-height: 1.3; }}
.masthead .issue {{ font-size: 9pt; padding-bottom: 1mm; }}
.credits-top {{ font-family: "{sans}"; font-size: 8.5pt; text-align: right; margin-bottom: 2mm; }}
.row {{ overflow: hidden; border-bottom: 0.8pt solid #000; margin-bottom: 4mm; padding-bottom: 2mm; }}
.row:last-child {{ border-bottom: none; }}
.mod {{ float: left; box-sizing: border-box; }}
.mod + .mod {{ padding-left: 5mm; border-left: 0.5pt solid #666; }}
.mod .section {{ display: inline-block; font-family: "{sans}"; font-size: 9pt; color: #fff; background: #222;
  padding: 0.5mm 2mm; letter-spacing: 0.6em; margin-bottom: 1mm; }}
.mod .kicker {{ font-family: "{sans}"; font-size: 11pt; text-align: center; }}
.mod h1 {{ font-family: "{sans}"; font-weight: bold; font-size: 19pt; line-height: 1.3; text-align: center;
  margin: 0.5mm 0 1mm 0; word-spacing: 0.8em; position: relative; }}
.mod .narrow h1, .mod.narrow h1 {{ font-size: 15pt; }}
.mod h1 .ghost {{ position: absolute; left: 0.35pt; top: 0.35pt; width: 100%; }}
.mod .subtitle {{ font-size: 11.5pt; text-align: right; margin-bottom: 1mm; }}
.mod .byline {{ font-family: "{sans}"; font-size: 9pt; text-align: center; margin-bottom: 2mm; }}
.body {{ column-gap: 5mm; column-rule: 0.4pt solid #999; }}
.body p {{ margin: 0; text-indent: 2em; }}
.body p.heading {{ text-indent: 0; font-family: "{sans}"; font-weight: bold; text-align: center; margin: 1mm 0; }}
.body p.signoff {{ text-indent: 0; text-align: right; }}
.body p.jump {{ text-indent: 0; text-align: right; font-family: "{sans}"; font-size: 9pt; }}
.body p.jump.in {{ text-align: left; }}
.photo {{ height: 30mm; margin: 1.5mm 0 0.5mm 0; break-inside: avoid;
  background: linear-gradient(135deg, #bbb 0%, #777 40%, #999 60%, #555 100%); border: 0.5pt solid #333; }}
.body p.caption {{ text-indent: 0; font-family: "{sans}"; font-size: 8.5pt; line-height: 1.4; margin-bottom: 1.5mm; }}
"""
    ]
    header = [h for h in page["header"]]
    footer = page["footer"]
    for i, _ in enumerate(page["sheets"]):
        n = page["first_page_no"] + i
        hl, hc, hr = (h.replace("{n}", str(n)) for h in header)
        credits = page["credits"][min(i, len(page["credits"]) - 1)]
        bottom = ""
        if page["credits_pos"] == "bottom":
            bottom = f"""  @bottom-right {{ content: {css_str(credits)}; font: 8pt "{sans}"; vertical-align: top; padding-top: 2mm; }}
"""
        rules.append(f"""
@page sheet{i} {{
  @top-left {{ content: {css_str(hl)}; font: bold 9pt "{sans}"; border-bottom: 0.8pt solid #000; vertical-align: bottom; padding-bottom: 1mm; }}
  @top-center {{ content: {css_str(hc)}; font: 9pt "{sans}"; border-bottom: 0.8pt solid #000; vertical-align: bottom; padding-bottom: 1mm; }}
  @top-right {{ content: {css_str(hr)}; font: bold 9pt "{sans}"; border-bottom: 0.8pt solid #000; vertical-align: bottom; padding-bottom: 1mm; }}
  @bottom-left {{ content: {css_str("　".join(footer))}; font: 8pt "{sans}"; vertical-align: top; padding-top: 2mm; border-top: 0.5pt solid #000; width: 70%; }}
{bottom}}}
.sheet{i} {{ page: sheet{i}; }}""")
    return "\n".join(rules)


def block_slice(blocks, start, end):
    """Blocks between (block, char) positions start and end."""

    def offset(pos):
        bi, c = pos
        if isinstance(c, str):  # a marker: cut right after it
            c = blocks[bi]["text"].index(c) + len(c)
        return bi, c

    (sb, sc), (eb, ec) = offset(start), offset(end)
    out = []
    for bi, b in enumerate(blocks):
        if bi < sb or bi > eb:
            continue
        text = b["text"]
        lo = sc if bi == sb else 0
        hi = ec if bi == eb else len(text)
        if hi > lo:
            out.append((b["type"], text[lo:hi], bi == sb and lo > 0))
    return out


def module_html(page: dict, mod: dict) -> str:
    art = page["articles"][mod["art"]]
    e = html.escape
    parts = []
    narrow = mod["width"] < 60
    parts.append(f'<div class="mod{" narrow" if narrow else ""}" style="width: {mod["width"] - 0.5}%">')
    if mod.get("head", True):
        if art["section"]:
            parts.append(f'<div class="section">{e(art["section"])}</div>')
        if art["kicker"]:
            parts.append(f'<div class="kicker">{e(art["kicker"])}</div>')
        if art["title"]:
            ghost = f'<span class="ghost">{e(art["title"])}</span>' if mod.get("fakebold") else ""
            parts.append(f"<h1>{e(art['title'])}{ghost}</h1>")
        if art["subtitle"]:
            parts.append(f'<div class="subtitle">——{e(art["subtitle"])}</div>')
        if art["_print_byline"]:
            parts.append(f'<div class="byline">{e(art["_print_byline"])}</div>')
    cols = mod.get("cols", 1)
    parts.append(f'<div class="body" style="columns: {cols}">')
    if mod.get("jump_in"):
        parts.append(f'<p class="jump in">{e(mod["jump_in"])}</p>')
    blocks = art["blocks"]
    start = mod.get("start", (0, 0))
    end = mod.get("end", (len(blocks) - 1, len(blocks[-1]["text"])))
    for btype, text, continued in block_slice(blocks, start, end):
        if btype == C:
            parts.append('<div class="photo"></div>')
        style = ' style="text-indent: 0"' if continued else ""
        parts.append(f'<p class="{btype}"{style}>{e(text)}</p>')
    if mod.get("jump_out"):
        parts.append(f'<p class="jump out">{e(mod["jump_out"])}</p>')
    parts.append("</div></div>")
    return "\n".join(parts)


def html_of(page: dict) -> str:
    e = html.escape
    out = [
        f'<!DOCTYPE html>\n<html lang="{page["lang"]}">\n<head>\n<meta charset="utf-8">',
        f"<title>{e(page['metadata']['publication'])} {e(page['id'])}</title>",
        f"<style>{page_css(page)}\n</style>\n</head>\n<body>",
    ]
    for i, sheet in enumerate(page["sheets"]):
        out.append(f'<section class="sheet sheet{i}">')
        if i == 0 and page["masthead"]:
            out.append(
                f'<div class="masthead"><div class="name">{e(page["masthead"][0])}</div>'
                f'<div class="issue">{e(page["masthead"][1])}</div></div>'
            )
        if page["credits_pos"] == "top":
            credits = page["credits"][min(i, len(page["credits"]) - 1)]
            out.append(f'<div class="credits-top">{e(credits)}</div>')
        for row in sheet:
            out.append('<div class="row">')
            out.extend(module_html(page, mod) for mod in row)
            out.append("</div>")
        out.append("</section>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Rendering and extraction
# --------------------------------------------------------------------------


class WeasyWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(html_path: Path, pdf_path: Path, expected_pages: int) -> None:
    import weasyprint

    handler = WeasyWarnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        doc = weasyprint.HTML(filename=str(html_path)).render()
        doc.write_pdf(str(pdf_path))
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise SystemExit(f"WeasyPrint warnings for {html_path}: {handler.messages[:5]}")
    if len(doc.pages) != expected_pages:
        raise SystemExit(
            f"{html_path}: rendered {len(doc.pages)} pages, layout expects "
            f"{expected_pages}; shorten the text or adjust the layout"
        )


def write_page_dumps(page: dict, out: Path, tools: list[str]) -> None:
    """Write ``page``'s gold.json into ``out``, render it, and write each tool's dump there (``<tool>.txt``).

    For extra fixture pages kept outside fixtures/degraded (no MANIFEST entries); PDFs stay in a temporary folder.
    """
    out.mkdir(parents=True, exist_ok=True)
    (out / "gold.json").write_text(json.dumps(gold_of(page), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix=f"newsclean-{page['id']}-"))
    html_path = work / "page.html"
    html_path.write_text(html_of(page), encoding="utf-8")
    pdf = work / f"{page['id']}.pdf"
    render_pdf(html_path, pdf, expected_pages=len(page["sheets"]))
    for tool in tools:
        text = globals()["tool_" + tool.replace("-", "_")](pdf, work, page)
        (out / f"{tool}.txt").write_text(text, encoding="utf-8")
        print(page["id"], tool, len(text))


def check_fonts(pdf_path: Path) -> None:
    """Fail if the PDF does not embed a Noto CJK face (WeasyPrint would draw tofu)."""
    import pymupdf

    with pymupdf.open(pdf_path) as doc:
        names = {f[3] for p in doc for f in p.get_fonts()}
    if not any("CJK" in n for n in names):
        raise SystemExit(f"{pdf_path}: no Noto CJK font embedded ({sorted(names)}); install fonts-noto-cjk")


def run(cmd: list[str], **kw) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1", LC_ALL="C.UTF-8")
    res = subprocess.run(cmd, check=True, capture_output=True, env=env, **kw)
    return res.stdout.decode("utf-8")


def tool_pdftotext(pdf: Path, work: Path, page: dict) -> str:
    out = work / "pdftotext.txt"
    run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out)])
    return out.read_text(encoding="utf-8")


def tool_pdftotext_layout(pdf: Path, work: Path, page: dict) -> str:
    out = work / "pdftotext-layout.txt"
    run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)])
    return out.read_text(encoding="utf-8")


def tool_pymupdf(pdf: Path, work: Path, page: dict) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "".join(p.get_text() for p in doc)


def tool_pymupdf4llm(pdf: Path, work: Path, page: dict) -> str:
    import pymupdf4llm

    # use_ocr=False: read the text layer only, whatever OCR engine is installed
    return pymupdf4llm.to_markdown(str(pdf), use_ocr=False)


def degrade_image(src: Path, dst: Path, seed: int, degrees: float = 1.5) -> None:
    """A cheap scan: a small skew (counter-clockwise degrees), speckle, slight blur, grey paper."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = Image.open(src).convert("L")
    img = img.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    a = np.asarray(img, dtype=np.int16)
    rng = np.random.default_rng(seed)
    a = a - 18 + rng.integers(-12, 13, size=a.shape)  # grey, grainy paper
    dots = rng.random(a.shape) < 0.0015  # black speckle
    a[dots] = rng.integers(0, 90, size=int(dots.sum()))
    holes = rng.random(a.shape) < 0.004  # white dropouts in ink
    a[holes] = 235
    blobs = rng.integers(0, [a.shape[0] - 4, a.shape[1] - 4], size=(150, 2))
    for y, x in blobs:  # bigger specks of dirt
        a[y : y + 3, x : x + 2] = 40
    Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(dst)


def page_images(pdf: Path, work: Path) -> list[Path]:
    """The 200-dpi PNGs of the PDF's pages (made once per page, shared by the OCR tools)."""
    images = sorted(work.glob("img-*.png"))
    if not images:
        run(["pdftoppm", "-r", "200", "-png", str(pdf), str(work / "img")])
        images = sorted(work.glob("img-*.png"))
    return images


def tool_tesseract(pdf: Path, work: Path, page: dict) -> str:
    texts = []
    for k, img in enumerate(page_images(pdf, work)):
        if page["ocr_noise"]:
            noisy = work / f"noisy-{k}.png"
            degrade_image(img, noisy, seed=1000 + k)
            img = noisy
        texts.append(run(["tesseract", str(img), "-", "-l", page["ocr_lang"]]))
    return "".join(texts)


def tool_tesseract_skew(pdf: Path, work: Path, page: dict) -> str:
    texts = []
    for k, img in enumerate(page_images(pdf, work)):
        skewed = work / f"skew-{k}.png"
        degrade_image(img, skewed, seed=1000 + k, degrees=SKEW_DEGREES)
        texts.append(run(["tesseract", str(skewed), "-", "-l", page["ocr_lang"]]))
    return "".join(texts)


def tool_markitdown(pdf: Path, work: Path, page: dict) -> str:
    from markitdown import MarkItDown

    return MarkItDown(enable_plugins=False).convert(str(pdf)).text_content


_RAPIDOCR = None


def tool_rapidocr(pdf: Path, work: Path, page: dict) -> str:
    """One recognised box per line, in RapidOCR's own order (rows top to bottom, then left to right)."""
    global _RAPIDOCR
    if _RAPIDOCR is None:
        from rapidocr_onnxruntime import RapidOCR

        # one thread: the same boxes and scores on every run
        _RAPIDOCR = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    lines = []
    for img in page_images(pdf, work):
        result, _ = _RAPIDOCR(str(img))
        lines.extend(text for _box, text, _score in result or [])
    return "".join(f"{line}\n" for line in lines)


def tool_pymupdf_nfkc(pdf: Path, work: Path, page: dict) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", tool_pymupdf(pdf, work, page))


TOOL_FUNCS = {
    "pdftotext": tool_pdftotext,
    "pdftotext-layout": tool_pdftotext_layout,
    "pymupdf": tool_pymupdf,
    "pymupdf4llm": tool_pymupdf4llm,
    "tesseract": tool_tesseract,
    "markitdown": tool_markitdown,
    "rapidocr": tool_rapidocr,
    "tesseract-skew": tool_tesseract_skew,
    "pymupdf-nfkc": tool_pymupdf_nfkc,
}


def first_line(cmd: list[str]) -> str:
    try:
        res = subprocess.run(cmd, capture_output=True, text=True)
    except OSError:
        return "?"
    return ((res.stdout or "") + (res.stderr or "")).strip().splitlines()[0]


def module_version(name: str, dist: str | None = None) -> str | None:
    """The version of an importable module (from its distribution ``dist`` if given), else None."""
    try:
        mod = importlib.import_module(name)
    except Exception:
        return None
    if dist:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "?"
    return str(getattr(mod, "__version__", getattr(mod, "version", "?")))


def tool_status(page_langs: set[str]) -> tuple[dict, dict]:
    """(available tool -> version string, missing tool -> reason)."""
    ok, missing = {}, {}
    if shutil.which("pdftotext"):
        v = first_line(["pdftotext", "-v"])
        ok["pdftotext"] = ok["pdftotext-layout"] = v
    else:
        missing["pdftotext"] = missing["pdftotext-layout"] = "pdftotext not found (apt install poppler-utils)"
    v = module_version("pymupdf")
    if v:
        import pymupdf

        ok["pymupdf"] = f"PyMuPDF {v} (MuPDF {getattr(pymupdf, 'mupdf_version', '?')})"
    else:
        missing["pymupdf"] = "python module pymupdf not importable (pip install pymupdf)"
    v = module_version("pymupdf4llm")
    if v:
        ok["pymupdf4llm"] = f"pymupdf4llm {v}"
    else:
        missing["pymupdf4llm"] = "python module pymupdf4llm not importable (pip install pymupdf4llm)"
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        missing["tesseract"] = "tesseract or pdftoppm not found (apt install tesseract-ocr poppler-utils)"
    elif not (module_version("PIL") and module_version("numpy")):
        missing["tesseract"] = "Pillow and numpy are needed for the noisy scan (pip install pillow numpy)"
    else:
        langs = set(run(["tesseract", "--list-langs"]).split())
        need = {lang for lang in page_langs} - langs
        if need:
            missing["tesseract"] = (
                f"tesseract language data missing: {sorted(need)} (apt install tesseract-ocr-chi-sim tesseract-ocr-chi-tra)"
            )
        else:
            ok["tesseract"] = f"{first_line(['tesseract', '--version'])} ({first_line(['pdftoppm', '-v'])})"
    if "tesseract" in ok:
        turn = f"{abs(SKEW_DEGREES)} degrees {'clockwise' if SKEW_DEGREES < 0 else 'counter-clockwise'}"
        ok["tesseract-skew"] = f"{ok['tesseract']}; page image turned {turn}, blur, grey, speckle seed 1000+page"
    else:
        missing["tesseract-skew"] = missing["tesseract"]
    if "pymupdf" in ok:
        import unicodedata

        ok["pymupdf-nfkc"] = f"{ok['pymupdf']} + unicodedata NFKC (Unicode {unicodedata.unidata_version})"
    else:
        missing["pymupdf-nfkc"] = missing["pymupdf"]
    v = module_version("markitdown")
    pdf_deps = [(m, module_version(m, d)) for m, d in (("pdfminer", "pdfminer.six"), ("pdfplumber", "pdfplumber"))]
    if not v:
        missing["markitdown"] = "python module markitdown not importable (pip install 'markitdown[pdf]')"
    elif not all(dv for _, dv in pdf_deps):
        missing["markitdown"] = "markitdown has no PDF support (pip install 'markitdown[pdf]')"
    else:
        ok["markitdown"] = f"markitdown {v} ({', '.join(f'{m} {dv}' for m, dv in pdf_deps)})"
    v = module_version("rapidocr_onnxruntime", "rapidocr_onnxruntime")
    if not shutil.which("pdftoppm"):
        missing["rapidocr"] = "pdftoppm not found (apt install poppler-utils)"
    elif not v:
        missing["rapidocr"] = "python module rapidocr_onnxruntime not importable (pip install rapidocr_onnxruntime)"
    else:
        ort = module_version("onnxruntime", "onnxruntime")
        ok["rapidocr"] = (
            f"rapidocr_onnxruntime {v} (bundled PP-OCRv4 det/rec, onnxruntime {ort}, 1 thread; "
            f"{first_line(['pdftoppm', '-v'])})"
        )
    return ok, missing


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="fixtures/degraded", help="output folder (default: %(default)s)")
    ap.add_argument("--pages", nargs="*", help="page ids to build (default: all)")
    ap.add_argument("--tools", nargs="*", choices=TOOLS, help="tools to run (default: all)")
    ap.add_argument(
        "--from-html", action="store_true", help="render the existing <page>/page.html instead of rebuilding it"
    )
    ap.add_argument("--keep-pdf", metavar="DIR", help="also copy the PDFs and page images here")
    args = ap.parse_args(argv)

    out = Path(args.out)
    pages = [p for p in PAGES if not args.pages or p["id"] in args.pages]
    if args.pages and len(pages) != len(args.pages):
        known = ", ".join(p["id"] for p in PAGES)
        ap.error(f"unknown page id; known: {known}")
    wanted = list(args.tools or TOOLS)
    ok, missing = tool_status({p["ocr_lang"] for p in pages})
    for tool in wanted:
        if tool in missing:
            print(f"skipping {tool}: {missing[tool]}", file=sys.stderr)
    tools = [t for t in wanted if t in ok]
    weasy = module_version("weasyprint")
    if not weasy:
        print("skipping all dumps: python module weasyprint not importable (pip install weasyprint)", file=sys.stderr)
        tools = []

    manifest_path = out / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    manifest.setdefault("files", {})
    manifest["generator"] = "tools/make_degraded.py"
    manifest["tools"] = {**manifest.get("tools", {}), **{t: ok[t] for t in tools}}
    if weasy:
        manifest["tools"]["weasyprint"] = f"WeasyPrint {weasy}"

    for page in pages:
        pdir = out / page["id"]
        pdir.mkdir(parents=True, exist_ok=True)
        gold_path, html_path = pdir / "gold.json", pdir / "page.html"
        gold_path.write_text(json.dumps(gold_of(page), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not (args.from_html and html_path.exists()):
            html_path.write_text(html_of(page), encoding="utf-8")
        written = [gold_path, html_path]
        if tools:
            with tempfile.TemporaryDirectory(prefix="newsclean-degraded-") as tmp:
                work = Path(tmp)
                pdf = work / f"{page['id']}.pdf"
                render_pdf(html_path, pdf, expected_pages=len(page["sheets"]))
                check_fonts(pdf)
                for tool in tools:
                    text = TOOL_FUNCS[tool](pdf, work, page)
                    dump = pdir / f"{tool}.txt"
                    dump.write_text(text, encoding="utf-8")
                    written.append(dump)
                    print(f"{dump}: {len(text)} chars")
                if args.keep_pdf:
                    keep = Path(args.keep_pdf) / page["id"]
                    keep.mkdir(parents=True, exist_ok=True)
                    for f in work.iterdir():
                        if f.suffix in (".pdf", ".png"):
                            shutil.copy(f, keep / f.name)
        for f in written:
            manifest["files"][f.relative_to(out).as_posix()] = sha(f)
    manifest["files"] = dict(sorted(manifest["files"].items()))
    manifest["tools"] = dict(sorted(manifest["tools"].items()))
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
