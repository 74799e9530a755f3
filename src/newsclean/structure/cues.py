"""Generic layout and lexical cues shared by the structure cleaners.

Everything here is the evidence a copy editor uses on a page never seen
before: sentence-final punctuation, characters that cannot start a sentence,
line shapes (headline-like, byline-like, signoff-like, section labels), and
lexicon plausibility across a join, from jieba's word list with frequencies
and part-of-speech tags.

:func:`join_text` is the one place where two pieces of text are glued
together (line joins, reassembled fragments, multi-line fields).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.lexicon import crossing_word, looks_like_name, word_freq, word_tag

# Characters a sentence (or a line that starts one) cannot begin with.
NON_STARTERS = frozenset("，。、；：？！）》」』”’…—·%‰,.;:?!)]}")
# Marks that end a sentence; closing quotes/brackets may follow them.
SENTENCE_FINAL = frozenset("。！？!?…")
SOFT_FINAL = frozenset("；;")
CLOSERS = frozenset("”’」』》）)】\"'")
# Punctuation after which a sentence obviously goes on.
CONTINUING = frozenset("，、：；,:;“‘「『（(《【—-")
OPENERS = frozenset('“‘「『（(《【"')

_HAN = r"\p{Han}"
_SPACES = regex.compile(r"[ \t\u3000\u00a0]+")
# the marks running text holds and a headline, label or byline does not (the column passes' evidence of body text)
BODY_MARKS = regex.compile(r"[，。、；]")
_LATIN_END = regex.compile(r"[A-Za-z]$")
_LATIN_START = regex.compile(r"^[A-Za-z]")
_PAREN_TAIL = regex.compile(r"[（(]([^（()）]{1,40})[)）]$")
_SIGNOFF = regex.compile(r"^[（(][^（()）]{1,40}[)）]$")
# the same credit with its opening bracket misread by OCR (``《宣传科)``, ``[宣传科）``): the round closer settles it
_SIGNOFF_MISREAD = regex.compile(r"^[《\[【〔〈<]([^（()）《》\[\]【】]{1,40})[)）]$")
# a department's credit whose opening bracket OCR lost: three characters or more, ending as departments do
_SIGNOFF_OPENER_LOST = regex.compile(r"^\p{Han}{2,7}(?:科|部|室|办|辦|中心|处|處|站|组|組)[)）]$")
_MARKERS = "■□▲△●○◆◇★☆"
_BYLINE_MARK = regex.compile(rf"^[{_MARKERS}]\s*")
# OCR reads the solid square marker as a boxed character; set apart by a space it cannot be a name
_BYLINE_MARK_MISREAD = regex.compile(r"^[国國罩回囗口田]\s+")
_ROLE_SUFFIX = regex.compile(
    r"(记者|記者|通讯员|通訊員|报道|報導|报导|主任|院长|院長|书记|書記|局长|局長|委员|委員|成员|成員|"
    r"护士长|護理長|医师|醫師|医生|醫生|摄影|攝影|摄|攝|文|图|圖|编辑|編輯|主编|科|部|室|办|辦|中心|站|员|員|长|長|处|處)$"
)
_NAME = regex.compile(rf"^{_HAN}[{_HAN}·]{{1,3}}$")
# a reporter's role word, a closed class: the part of a byline OCR cannot confuse with a name
_REPORTER = r"(?:本报|本報|特约|特約|见习|見習)?(?:记者|記者|通讯员|通訊員)|摄影|攝影"
# role words and names run together once OCR dropped the spaces: 本报记者王五通讯员刘洋
_UNSPACED_CREDITS = regex.compile(rf"^(?:({_REPORTER})({_HAN}{{2,3}}?))+$")
# a department and a name run together: 急诊科周建华
_UNSPACED_DEPT = regex.compile(rf"^({_HAN}{{1,8}}?(?:科|部|室|中心|组|組))({_HAN}{{2,3}})$")
_REPORT = regex.compile(rf"^{_HAN}{{2,6}}(报道|報導|报导|讯|訊)$")
_NEWSLETTER = regex.compile(r"(院讯|院訊|简讯|簡訊)$")  # a publication's or column's name, not a dateline
_SECTION_SPACED = regex.compile(rf"^【?\s*{_HAN}(?:[ \u3000]+{_HAN}){{1,5}}\s*】?$")
# a letter-spaced label of which OCR lost some spaces (``科 普园地``): single characters and one longer run
_SECTION_PART_SPACED = regex.compile(rf"^{_HAN}{{1,3}}(?:[ \u3000]+{_HAN}{{1,3}}){{1,4}}$")
_SECTION_BRACKET = regex.compile(rf"^【\s*[{_HAN} \u3000]{{2,10}}\s*】$")
# a 2–4 character label set off by brackets or a bar as OCR reads the box: ``[要间``, ``简讯|``, ``[要间 |``
_SECTION_DELIMITED = regex.compile(
    rf"^(?:[\[【|｜][ \u3000]*({_HAN}{{2,4}})[ \u3000]*[\]】|｜]?|({_HAN}{{2,4}})[ \u3000]*[】|｜])[ \u3000]*[|｜]?$"
)
_LABEL_MARK = regex.compile("[ \u3000【\\[\\]】|｜]")
# one to three Latin letters far to the right of a line (a wide gap before them): OCR speckle
_FAR_RIGHT_SPECK = regex.compile(r"[ \u3000]{12,}[A-Za-z]{1,3}[ \u3000]*$")
_PROFILE_SUBTITLE = regex.compile(r"记\p{Han}{6,}")  # ——记…: the subtitle formula of a profile
# (one hyphen right before the text is how RapidOCR reads a subtitle's dash: ``-三年救治…``; a list item has a space)
_DASH_LEAD = regex.compile(r"^(——|—|--|──|－－|[\-－–](?=\p{Han})|一(?=\p{Han}))")
# a dash as OCR reads it: hyphens and 一 mixed (``-一``, ``一-``), two or more 一 (``一一``), or one 一 set apart by a space
_DASH_LEAD_OCR = regex.compile(
    r"^([\-—─－]+一[\-—─－]*|一[\-—─－]+|一[ \u3000]+一+(?=\p{Han})|一{2,}(?=\p{Han})|一[ \u3000]+(?=\p{Han}))[ \u3000]*"
)
_NEWS_LEAD = regex.compile(
    r"^(近日|日前|近期|本报讯|本報訊|昨天|昨日|今天|今日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9]{4}年[0-9]{1,2}月)"
)
_EDITOR_NOTE = regex.compile(r"^(编者按|編者按|编者的话|按语)")
_CAPTION = regex.compile(r"^(图为|圖為|图：|图:|上图|下图|左图|右图)")
_TRAILING_SPECK = regex.compile(r"[ \u3000]+[，,.、'`]$")
_BYLINE_PUNCT = regex.compile(r"[，。！？,!?；;：:“”\"]")
_ROLE_TOKEN = regex.compile(rf"[{_HAN}、·]+")
_HAN_RUN = regex.compile(rf"{_HAN}+")
_HEAD_STOPS = regex.compile(r"[。；;]")


def visible_len(text: str) -> int:
    """Characters of ``text`` that are not whitespace.

    >>> visible_len("攻坚 克难 ")
    4
    """
    return sum(map(len, text.split()))


def join_text(left: str, right: str, sep: str = "") -> str:
    """Glue ``left`` and ``right``: the one join of the package.

    Whitespace at the seam is dropped; ``sep`` (``""`` for a wrapped line,
    ``" "`` for side-by-side fields) goes between, except that no space is
    ever put next to a CJK character by a line join and a space is kept where
    two Latin words meet.

    >>> join_text("开展好", "对口支援工作")
    '开展好对口支援工作'
    >>> join_text("Sanmenxia Central", "Hospital")
    'Sanmenxia Central Hospital'
    >>> join_text("国晓宁 通讯员 段新歌  ", "聊城报道", " ")
    '国晓宁 通讯员 段新歌 聊城报道'
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left or not right:
        return left + right
    # (the last character alone: a search anchored at $ would scan all of a growing paragraph)
    if sep == "" and _LATIN_END.match(left[-1]) and _LATIN_START.match(right):
        sep = " "
    return left + sep + right


def strip_closers(text: str) -> str:
    """``text`` without trailing whitespace and closing quotes/brackets."""
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1].rstrip()
    return text


def ends_with_colon(text: str) -> bool:
    """True if ``text`` ends in a colon: how a kicker (引题) over its headline ends (``来自厄立特里亚患者的感谢信：``)."""
    return text.rstrip()[-1:] in ("：", ":")


def ends_with_credit(text: str) -> bool:
    """True if ``text`` ends with a parenthesised credit after a finished sentence.

    >>> ends_with_credit("提升应急效能。(通讯员 段新歌)")
    True
    >>> ends_with_credit("建设冠县传染病隔离点（债券资金）")
    False
    """
    text = text.rstrip()
    if not text or text[-1] not in ")）":
        return False
    m = _PAREN_TAIL.search(text, max(0, len(text) - 43))
    if not m:
        return False
    before = text[: m.start()].rstrip()
    return (
        not before
        or before[-1] in SENTENCE_FINAL
        or before[-1] in CLOSERS
        and strip_closers(before)[-1:] in SENTENCE_FINAL
    )


def ends_sentence(text: str, *, soft: bool = True) -> bool:
    """True if ``text`` ends a sentence (。！？… possibly inside quotes, or a credit).

    >>> ends_sentence("陪着你。”"), ends_sentence("医疗不再"), ends_sentence("人头攒动,")
    (True, False, False)
    """
    text = text.rstrip()
    if not text:
        return False
    if text[-1] not in CLOSERS:
        # The common case, read off the last character: a credit and a
        # signoff both end with a bracket, and there is no closer to look behind.
        return _ends_core(text, soft)
    if ends_with_credit(text) or is_signoff(text):
        return True
    core = strip_closers(text)
    if not core:
        return False
    return _ends_core(core, soft)


def _ends_core(core: str, soft: bool) -> bool:
    """True if ``core`` (not empty, no closer at its end) ends with a sentence-final mark."""
    last = core[-1]
    if last in SENTENCE_FINAL or (soft and last in SOFT_FINAL):
        return True
    if last == "." and len(core) > 1 and not core[-2].isascii():
        return True
    return False


def unfinished_column(last_lines: Sequence[str]) -> int | None:
    """The one column whose last line stops mid-sentence while every other ends one, or None.

    Lines under side-by-side columns that such a column leaves open go on with it.

    >>> unfinished_column(["如果孩子出现尿", "及时就医。"]), unfinished_column(["好。", "好。"]), unfinished_column(["如", "果"])
    (0, None, None)
    """
    open_ = [k for k, text in enumerate(last_lines) if not ends_sentence(text)]
    return open_[0] if len(open_) == 1 else None


def ends_continuing(text: str) -> bool:
    """True if ``text`` ends with punctuation after which the sentence must go on."""
    text = text.rstrip()
    return bool(text) and text[-1] in CONTINUING


def starts_dangling(text: str) -> bool:
    """True if ``text`` starts with a character no sentence can start with."""
    text = text.lstrip()
    return bool(text) and text[0] in NON_STARTERS


def is_signoff(text: str) -> bool:
    """A credit on its own line, e.g. ``（宣传科）``.

    >>> is_signoff("(社区科 赵宏宏)"), is_signoff("（内部资料 免费交流）本期")
    (True, False)
    >>> is_signoff("心内科)"), is_signoff("内科)"), is_signoff("我们都很高兴)")  # an opener OCR lost
    (True, False, False)
    """
    text = text.strip()
    # Both shapes end with a round closing bracket: most lines (this runs on
    # every line, from ends_sentence too) are ruled out without a regex.
    if not text.endswith((")", "）")):
        return False
    return bool(_SIGNOFF.match(text) or _SIGNOFF_MISREAD.match(text) or _SIGNOFF_OPENER_LOST.match(text))


def signoff_opener_misread(text: str) -> str | None:
    """The opening bracket of a signoff that OCR misread (``《`` in ``《宣传科)``), or None.

    >>> signoff_opener_misread("《宣传科)"), signoff_opener_misread("（宣传科）")
    ('《', None)
    """
    m = _SIGNOFF_MISREAD.match(text.strip())
    return text.strip()[0] if m else None


def is_profile_subtitle(text: str) -> bool:
    """True for a profile's subtitle whose dash OCR lost: ``记`` and a person or team (``记省级基层名中医周文博``).

    >>> is_profile_subtitle("记省级基层名中医周文博"), is_profile_subtitle("记者节到来之际我院"), is_profile_subtitle("记住")
    (True, False, False)
    """
    text = text.strip()
    return bool(_PROFILE_SUBTITLE.fullmatch(text)) and not text.startswith("记者")


def ocr_dash_lead(text: str) -> bool:
    """True if ``text`` opens with a subtitle dash as OCR reads it (``一 ``, ``-一``, ``一-``), not as print sets it.

    >>> ocr_dash_lead("一 急诊科专家支招"), ocr_dash_lead("——急诊科专家支招"), ocr_dash_lead("一东昌府区卫健局走笔")
    (True, False, False)
    """
    text = text.strip()
    return bool(_DASH_LEAD_OCR.match(text)) and bool(dash_lead(text)) and not text.startswith("一一")


def section_label(text: str) -> str | None:
    """The label if ``text`` is a letter-spaced or bracketed column label.

    >>> section_label("医 患 故 事"), section_label("【简 讯】"), section_label("心系职工 情暖中秋")
    ('医患故事', '简讯', None)
    >>> section_label("[要间"), section_label("简讯|"), section_label("[要间 |"), section_label("从旦]")
    ('要间', '简讯', '要间', None)
    >>> section_label("| 医患故事 |" + " " * 40 + "LE")  # OCR speckle far to the right of the box
    '医患故事'
    """
    text = _FAR_RIGHT_SPECK.sub("", text).strip()
    if not _LABEL_MARK.search(text):
        return None  # every label shape below holds a space, a bracket or a bar (this runs on every short line)
    if dash_lead(text):
        return None  # a subtitle's dash read as 一 and a space
    m = _SECTION_DELIMITED.match(text)
    if m:
        return m.group(1) or m.group(2)
    if _SECTION_SPACED.match(text) or _SECTION_BRACKET.match(text):
        label = _SPACES.sub("", text).strip("【】")
        if 2 <= len(label) <= 8:
            return label
    if _SECTION_PART_SPACED.match(text) and _partly_letter_spaced(_SPACES.split(text)):
        return "".join(_SPACES.split(text))
    return None


def _partly_letter_spaced(tokens: list[str]) -> bool:
    """Tokens of a letter-spaced label that lost some spaces: single characters and at most one longer run.

    Four to eight characters in all, so that a spaced two- or three-character
    name (``王 芳``) is not taken for a label, and not a byline's shape.
    """
    longer = [t for t in tokens if len(t) > 1]
    total = sum(map(len, tokens))
    return len(longer) <= 1 and len(longer) < len(tokens) and 4 <= total <= 8 and not is_byline(" ".join(tokens))


def byline_marker(text: str) -> str:
    """The marker printed before a byline (``■ ``), or the boxed character OCR read for it; ``""`` if none.

    A misread counts only as a lone character set apart by a space in front of
    a byline: a name is never one character long.

    >>> byline_marker("■ 吕婷"), byline_marker("国 张磊 李娜"), byline_marker("国晓宁 聊城报道"), byline_marker("国 家")
    ('■ ', '国 ', '', '')
    >>> byline_marker("看 张磊 李娜"), byline_marker("看 张磊")
    ('看 ', '')
    """
    text = text.strip()
    m = _BYLINE_MARK.match(text)
    if m:
        return m.group(0)
    m = _BYLINE_MARK_MISREAD.match(text)
    if m and _is_unmarked_byline(text[m.end() :]):
        return m.group(0)
    m = _LONE_CHAR.match(text)
    if m and _names_only(text[m.end() :]):
        return m.group(0)  # any character set apart before two names or more: the marker misread (看 张磊 李娜)
    return ""


_LONE_CHAR = regex.compile(r"^\p{Han}[ \u3000]+")
_NAME = regex.compile(r"\p{Han}{2,4}")


def _names_only(body: str) -> bool:
    """``body`` is two names or more set apart by spaces, and a byline's shape."""
    tokens = _SPACES.split(body.strip())
    return len(tokens) >= 2 and all(_NAME.fullmatch(t) for t in tokens) and _is_unmarked_byline(body)


_TRAILING_CREDIT = regex.compile(rf"[ \u3000]+((?:{_REPORTER})[ \u3000]*{_HAN}{{2,3}}(?:[ \u3000]+{_HAN}{{2,3}})*)$")
_TRAILING_DEPT_NAME = regex.compile(rf"[ \u3000]+({_HAN}{{0,8}}?(?:科|部|室|中心))[ \u3000]+({_HAN}{{2,3}})$")


def trailing_byline(text: str) -> int | None:
    """Where a byline printed on the same line after a subtitle starts, or None.

    An extractor that joins a block's lines with spaces puts the byline under
    a subtitle on its line: ``——专家下沉…一体推进 本报记者 何嘉宁``. Only a
    reporter's role word, or a department and a name, open such a tail.

    >>> t = "——专家下沉、检查互认 本报记者 何嘉宁"
    >>> t[trailing_byline(t):], trailing_byline("——接种前后注意事项一次看 家庭医学科 蔡明哲")
    ('本报记者 何嘉宁', 14)
    >>> trailing_byline("——记心内科急诊介入团队的一次夜间抢救"), trailing_byline("——访 基层医生")
    (None, None)
    """
    m = _TRAILING_CREDIT.search(text)
    if m and len(text[: m.start()].strip()) >= 4:
        return m.start(1)
    m = _TRAILING_DEPT_NAME.search(text)
    if m and looks_like_name(m.group(2)) and len(text[: m.start()].strip()) >= 4:
        return m.start(1)
    return None


def is_byline(text: str) -> bool:
    """Authors as printed: ``■ 金增秀 周长才``, ``国晓宁 通讯员 段新歌``, ``…院长 冯振``.

    >>> is_byline("■ 吕婷 王泽刚"), is_byline("聊城市人民医院党委书记 姜祥坤"), is_byline("纲举目张 运笔开局")
    (True, True, False)
    >>> is_byline("国晓宁 聊城报道"), is_byline("国 急诊科 周建华"), is_byline("科 普园地")
    (True, True, False)
    >>> is_byline("通讯员赵敏 ，")  # a speck read as a comma, set apart after the name
    True
    """
    text = _TRAILING_SPECK.sub("", text.strip())
    if not text or visible_len(text) > 60:
        return False
    marker = byline_marker(text)
    body = text[len(marker) :].strip()
    if not body or _BYLINE_PUNCT.search(body):
        return False
    return bool(marker) or _is_unmarked_byline(body)


def _is_unmarked_byline(body: str) -> bool:
    """``body`` (no marker) is names, role words and a dateline: the shape of a byline."""
    body = body.strip()
    if not body or visible_len(body) > 60 or _BYLINE_PUNCT.search(body):
        return False
    if not _SPACES.search(body) and unspaced_byline_parts(body):
        return True
    if _REPORT.match(body) and not _NEWSLETTER.search(body):
        return True
    tokens = _SPACES.split(body)
    if len(tokens) >= 2 and _REPORT.match(tokens[-1]):
        tokens = tokens[:-1]
        if len(tokens) == 1 and _NAME.match(tokens[0]) and len(tokens[0]) <= 3:
            return True
    if len(tokens) < 2 or not _NAME.match(tokens[-1]) or len(tokens[-1]) > 3:
        return False
    for tok in tokens[:-1]:
        if _NAME.match(tok) and len(tok) <= 3:
            continue
        if len(tok) >= 2 and _ROLE_TOKEN.fullmatch(tok) and _ROLE_SUFFIX.search(tok):
            continue  # a role or department (通讯员, 急诊科); a lone 科 is a letter of a spaced label
        if _REPORT.match(tok):
            continue
        return False
    return True


def _is_name(text: str) -> bool:
    """Two or three Han characters opening with a common surname, and no lexicon word of another kind."""
    return looks_like_name(text)


def unspaced_byline_parts(body: str) -> list[str] | None:
    """The parts of a byline whose spaces OCR dropped, or None if ``body`` is not one.

    Three shapes, each settled by a closed class: reporter role words and
    names (``本报记者王五通讯员刘洋``), a department and a name
    (``急诊科周建华``), two names of two characters (``刘芳王强``). A name
    opens with a common surname and is no other lexicon word.

    >>> unspaced_byline_parts("本报记者王五通讯员刘洋"), unspaced_byline_parts("急诊科周建华")
    (['本报记者', '王五', '通讯员', '刘洋'], ['急诊科', '周建华'])
    >>> unspaced_byline_parts("刘芳王强"), unspaced_byline_parts("骨科义诊"), unspaced_byline_parts("记者节")
    (['刘芳', '王强'], None, None)
    """
    body = body.strip()
    m = _UNSPACED_CREDITS.match(body)
    if m and all(_is_name(n) for n in m.captures(2)):
        return [p for pair in zip(m.captures(1), m.captures(2)) for p in pair]
    m = _UNSPACED_DEPT.match(body)
    if m and _is_name(m.group(2)) and not _ROLE_SUFFIX.fullmatch(m.group(1)):
        return [m.group(1), m.group(2)]
    if names_run_together(body):
        return [body[:2], body[2:]]
    return None


def names_run_together(body: str) -> bool:
    """True if ``body`` reads as two two-character names with no space (``刘芳王强``): a cut made by surnames only."""
    return len(body) == 4 and _is_name(body[:2]) and _is_name(body[2:])


_REPORTER_WORD = regex.compile(_REPORTER)


def is_reporter_byline(text: str) -> bool:
    """A byline naming a reporter by role word (``本报记者 王雪``): a shape no body line has, wherever it stands.

    >>> is_reporter_byline("本报记者 王雪"), is_reporter_byline("张磊 李娜")
    (True, False)
    """
    return is_byline(text) and bool(_REPORTER_WORD.search(text))


def is_report_tail(text: str) -> bool:
    """A dateline finishing a byline on its own line (``聊城报道``)."""
    return bool(_REPORT.match(text.strip()))


def dash_lead(text: str) -> str | None:
    """The leading dash of a subtitle line (``——``, or ``一`` read for a dash), with any space after an OCR dash.

    ``一`` counts only when it does not start a lexicon word with what follows.

    >>> dash_lead("——从系列座谈看"), dash_lead("一东昌府区卫健局提升服务质量工作走笔"), dash_lead("一串串饱含")
    ('——', '一', None)
    >>> dash_lead("-一记心内科团队"), dash_lead("一一接種前後注意事項"), dash_lead("一 急诊科专家支招"), dash_lead("一 个月")
    ('-一', '一一', '一 ', None)
    >>> dash_lead("一 记心内科急诊介入团队的一次夜间抢救"), dash_lead("一 记耳光"), dash_lead("一记心内科急诊介入团队的一次夜间抢救")
    ('一 ', None, '一')
    >>> dash_lead("-三年救治危重孕产妇四百余例"), dash_lead("- 列表项"), dash_lead("-5℃")
    ('-', None, None)
    >>> dash_lead("一 一一记省级基层名中医周文博"), dash_lead("一一一专家下沉、检查互认")  # Tesseract's ————
    ('一 一一', '一一一')
    """
    text = text.strip()
    m = _DASH_LEAD_OCR.match(text)
    if m:
        dash = m.group(0)
        rest = text[m.end() :]
        if dash.startswith("一一"):
            return None if any(word_freq("一一" + rest[:k]) for k in (1, 2)) else dash  # 一一对应 is a word
        if dash.rstrip() == "一":
            # 一 个月: a spaced word, not a dash; but ——记… opens a profile's subtitle (一记 is a word too)
            return None if word_freq("一" + rest[:1]) and not _PROFILE_SUBTITLE.match(rest) else dash
        return dash
    m = _DASH_LEAD.match(text)
    if not m:
        return None
    dash = m.group(1)
    if dash == "一":
        rest = text[1:]
        if any(word_freq("一" + rest[:k]) for k in (1, 2, 3)) and not _PROFILE_SUBTITLE.match(rest):
            return None
    return dash


def is_news_lead(text: str) -> bool:
    """True if ``text`` opens like a news story (date or 近日/本报讯 lead)."""
    return bool(_NEWS_LEAD.match(text.strip()))


def is_editor_note(text: str) -> bool:
    """True for an editor's note (编者按 …)."""
    return bool(_EDITOR_NOTE.match(text.strip()))


def is_caption(text: str) -> bool:
    """True for a photo caption opening (图为 …)."""
    return bool(_CAPTION.match(text.strip()))


def is_headline_like(text: str, *, max_len: int = 36) -> bool:
    """A line shaped like a headline or subhead: short, no sentence end, no trailing comma.

    >>> is_headline_like("系统谋划,绘制高质量发展“全景图”"), is_headline_like("温热期盼。"), is_headline_like("询问了情况,")
    (True, False, False)
    """
    text = text.strip()
    n = visible_len(text)
    if n == 0 or n > max_len:
        return False
    if ends_sentence(text) or ends_continuing(text) and text[-1] not in "：:":
        return False
    if starts_dangling(text) or is_signoff(text):
        return False
    if _HEAD_STOPS.search(text):
        return False
    return True


_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSING_QUOTES = frozenset(_QUOTE_PAIRS.values())


def unpaired_closers(text: str) -> list[int]:
    """Offsets of closing quotes in ``text`` that close no quote opened before them.

    >>> unpaired_closers("”我院开展“医德医风”活动"), unpaired_closers("开打” 長者優先"), unpaired_closers("“好”")
    ([0], [2], [])
    """
    closers = {c: o for o, c in _QUOTE_PAIRS.items()}
    depth = dict.fromkeys(_QUOTE_PAIRS, 0)
    out = []
    for i, ch in enumerate(text):
        if ch in _QUOTE_PAIRS:
            depth[ch] += 1
        elif ch in closers:
            if depth[closers[ch]]:
                depth[closers[ch]] -= 1
            else:
                out.append(i)
    return out


def open_quotes(text: str) -> list[int]:
    """Offsets of opening quotes in ``text`` that no later quote in it closes.

    >>> open_quotes("我院开展“世界献血者"), open_quotes("“好”"), open_quotes("“生命通道”，“")
    ([4], [], [7])
    """
    pending: dict[str, list[int]] = {o: [] for o in _QUOTE_PAIRS}
    openers = {c: o for o, c in _QUOTE_PAIRS.items()}
    for i, ch in enumerate(text):
        if ch in _QUOTE_PAIRS:
            pending[ch].append(i)
        elif ch in openers and pending[openers[ch]]:
            pending[openers[ch]].pop()
    return sorted(i for stack in pending.values() for i in stack)


def stray_closer_lead(text: str) -> bool:
    """True if ``text`` is headline-shaped once a closing quote that opens it, closing nothing, is set aside.

    OCR reads speckle at a line start as ``”``; where the line before ends a
    sentence that quote closes nothing, and the rest pairs its own quotes.

    >>> stray_closer_lead("”我院开展“医德医风”专题教育活动"), stray_closer_lead("”复治疗。")
    (True, False)
    """
    t = text.strip()
    # (only a line that opens with a closing quote can have [0]: the others are not walked through)
    return t[:1] in _CLOSING_QUOTES and unpaired_closers(t) == [0] and is_headline_like(t[1:])


def is_parallel_slogan(text: str) -> bool:
    """Two or more space-separated phrases of equal length (``崇尚厚德仁术 共载生命重托``).

    A motto's phrases are short; longer phrases side by side are a headline
    set as a couplet (``远程会诊中心投入使用 乡镇患者不出村看专家``).

    >>> is_parallel_slogan("博爱 创新 担当 奋进"), is_parallel_slogan("远程会诊中心投入使用 乡镇患者不出村看专家")
    (True, False)
    """
    parts = _SPACES.split(text.strip())
    return (
        len(parts) >= 2
        and len({len(p) for p in parts}) == 1
        and 2 <= len(parts[0]) <= _MOTTO_PHRASE
        and all(_HAN_RUN.fullmatch(p) for p in parts)
    )


_MOTTO_PHRASE = 8  # the longest phrase of a motto


def last_word(text: str, longest: int = 4) -> str:
    """The longest lexicon word ending ``text`` (or its last character)."""
    core = text.rstrip()
    for k in range(min(longest, len(core)), 1, -1):
        if word_freq(core[-k:]):
            return core[-k:]
    return core[-1:]


def dangling_end(text: str) -> bool:
    """True if ``text`` ends in a word that needs a complement (adverb, preposition, conjunction, particle).

    >>> dangling_end("医疗不再"), dangling_end("淅淅沥沥的秋")
    (True, False)
    """
    core = text.rstrip()
    if not core:
        return False
    if core[-1] in CONTINUING:
        return True
    word = last_word(core)
    return word_tag(word)[:1] in ("d", "p", "c", "u")


def first_word(text: str, longest: int = 4) -> str:
    """The longest lexicon word starting ``text`` (or its first character)."""
    core = text.lstrip()
    for k in range(min(longest, len(core)), 1, -1):
        if word_freq(core[:k]):
            return core[:k]
    return core[:1]


def subjectless_start(text: str) -> bool:
    """True if ``text`` opens with a verb, adverb, conjunction or particle: the rest of a sentence.

    >>> subjectless_start("是冰冷的技术"), subjectless_start("为响应健康社区建设号召")
    (True, False)
    """
    if starts_dangling(text):
        return True
    return word_tag(first_word(text))[:1] in ("v", "d", "c", "u", "y")


_WORDISH = regex.compile(rf"{_HAN}+|[0-9]+(?:\.[0-9]+)?|[A-Za-z]{{2,}}")
_SHORT_LABEL = regex.compile(rf"^{_HAN}{{2,4}}$")


def content_words(text: str, longest: int = 4) -> tuple[str, ...]:
    """The content words of a headline: lexicon words of two or more characters, and numbers.

    Each Han run is cut by forward longest match over the lexicon; a stretch
    the lexicon does not know (rare words, traditional characters) gives its
    character pairs instead, so a headline in any script has words to look for.

    >>> content_words("58分钟打通“生命通道”")
    ('58', '分钟', '打通', '生命', '通道')
    """
    words: list[str] = []
    for m in _WORDISH.finditer(text):
        run = m.group(0)
        if not _HAN_RUN.fullmatch(run):
            words.append(run)
            continue
        i, n = 0, len(run)
        while i < n:
            for k in range(min(longest, n - i), 1, -1):
                if word_freq(run[i : i + k]):
                    words.append(run[i : i + k])
                    i += k
                    break
            else:
                if i + 1 < n and not word_freq(run[i + 1 : i + 3]):
                    words.append(run[i : i + 2])
                i += 1
    return tuple(dict.fromkeys(words))


def is_short_label(text: str) -> bool:
    """Two to four Han characters and nothing else: the shape of an unspaced section label (要闻, 医患故事)."""
    return bool(_SHORT_LABEL.match(text.strip()))


__all__ = [
    "ends_with_colon",
    "trailing_byline",
    "content_words",
    "is_short_label",
    "is_profile_subtitle",
    "open_quotes",
    "crossing_word",
    "dangling_end",
    "dash_lead",
    "ends_continuing",
    "ends_sentence",
    "ends_with_credit",
    "is_byline",
    "is_caption",
    "is_editor_note",
    "is_headline_like",
    "is_news_lead",
    "is_parallel_slogan",
    "is_report_tail",
    "is_signoff",
    "join_text",
    "section_label",
    "starts_dangling",
    "strip_closers",
    "visible_len",
]
