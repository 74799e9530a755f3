"""Page furniture: take headers, footers, masthead, issue line, credits, contact lines out of the text.

Runs on the line-level document (one block per raw line), before lines are
rejoined, so that a footer printed in mid-story cannot stop a join. The cues
are generic: label patterns (责任编辑：, 地址：, 网址：, 第N版, 下转第N版),
issue-line patterns (第N期, 总第N期, 星期X), lines repeated across pages, the
cluster of short lines printed above an issue line (the masthead), and the
boxed contribution guide (投稿指南 …). Moved lines keep their source spans;
the block that follows a removed line gets the hint ``after_furniture`` and
jump lines leave ``jump_out``/``jump_in`` hints for fragment reassembly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from newsclean.cleaners.base import until_stable
from newsclean.model import Article, Block, Document, Furniture, Span
from newsclean.perf import gc_paused
from newsclean.registry import cleaner
from newsclean.structure.columns import split_columns
from newsclean.structure.cues import dash_lead, ends_sentence, is_byline, is_signoff, join_text, visible_len
from newsclean.structure.interleave import deinterleave_lines
from newsclean.structure.interleave_blocks import deinterleave_blocks
from newsclean.structure.line_moves import apply_line_moves
from newsclean.structure.side_modules import read_side_modules

_CREDIT_LABELS = regex.compile(
    r"(责任编辑|責任編輯|责编|責編|版式|美编|美編|校对|校對|总策划|總策劃|审核|審核|编辑部门|編輯部門|主编|主編|"
    r"组版|組版|编辑|編輯|排版|总编|總編)\s*[:：]"
)
_CONTACT = regex.compile(
    r"^(地址|地點|电话|電話|健康热线|健康熱線|热线|熱線|服务热线|网址|網址|邮箱|郵箱|电子邮箱|传真|傳真|邮编|郵編|主办|主辦|"
    r"投稿电话|投稿電話|投稿邮箱|投稿郵箱|E-?mail|Email|官方网站|微信公众号)\s*[:：]?"
)
_CONTACT_LABEL_ONLY = regex.compile(
    r"^(投稿电话|投稿電話|投稿邮箱|投稿郵箱|电话|電話|邮箱|郵箱|网址|網址|热线|熱線|联系电话|聯繫電話)\s*[:：]?$"
)
_VALUE = regex.compile(r"^[\w.+\-@/:]+$", regex.ASCII)
_ISSUE = regex.compile(
    r"(第\s*[0-9]+\s*期|总第\s*[0-9]+\s*期|總第\s*[0-9]+\s*期|本期\s*[0-9一二三四五六七八九十]+\s*版|"
    r"[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*(星期|週|周)[一二三四五六日天])"
)
_ISSUE_NO = regex.compile(r"第\s*[0-9]+\s*期")
# A page number, also as OCR reads a 1 or 0 (第]版, 第I版, (上接第l版)): between 第 and 版 on a short
# label line nothing else looks like that.
_PAGE_NO = r"(?:[0-9一二三四五六七八九十]+|[0-9Il|\]!Oo?？]{1,3})"
_OCR_DIGITS = str.maketrans("Il|]!Oo", "1111100")
_PAGE = regex.compile(rf"(^|\s)第\s*{_PAGE_NO}\s*版(\s|$)|^[0-9一二三四五六七八九十]+\s*版$")
_JUMP = regex.compile(rf"^[（(]?\s*(下转|上接|转第|接第|转下|轉第|接上|下轉|上接)\s*第?\s*({_PAGE_NO})\s*版\s*[)）]?$")
# A jump line printed on the same line as the text it belongs to (brackets required: then it is certain).
_JUMP_LEAD = regex.compile(rf"\s*([（(]\s*(?:上接|接上|接第)\s*第?\s*{_PAGE_NO}\s*版\s*[)）])\s*(?=\S)")
_JUMP_TAIL = regex.compile(rf"(?<=\S)\s*([（(]\s*(?:下转|下轉|转第|轉第|转下)\s*第?\s*{_PAGE_NO}\s*版\s*[)）])\s*$")
# a printed rule, as extraction or OCR renders it (一一一一-一, ————, ______)
_RULE = regex.compile(r"[一—─━\-－_=＝~～]{4,}")
_GUIDE = regex.compile(r"^(投稿指南|投稿须知|投稿須知|征稿启事|徵稿啟事|稿约|稿約)$")
_QR = regex.compile(r"(扫码|掃碼|二维码|二維碼|挂号|掛號|公众号|公眾號|微信|关注|關注|小程序)")
_LATIN_LINE = regex.compile(r"^[A-Za-z][A-Za-z .,&'\-]+$")
_CLAUSE_MARK = regex.compile(r"[，。！？,]")
_MASTHEAD_STOP = regex.compile(r"[，,。]")
# ``…报`` that names a paper (日报, 晚报, 医院报), not a report (通报, 喜报, 简报, 预报, 举报…)
_LEADING_SPECK = regex.compile(r"^[。，、.,'`]\s+")  # no line of text starts with a mark and a space
_PAPER_NAME = regex.compile(r"\p{Han}{2,14}(?<![通汇匯喜捷海预預公举舉回申上情警电電简簡快])(?:报|報)")


def _kind_of(text: str) -> str | None:
    """Furniture kind from the line alone, or None."""
    t = text.strip().strip("*").strip()  # Markdown bold around a page label (**第1版**) is a hint only
    n = visible_len(t)
    if n == 0 or n > 120:
        return None
    if _JUMP.match(t) or _RULE.fullmatch(t):
        return "other"
    if "。" in t or "！" in t or "？" in t:
        return None  # every label below is a field list, never a sentence
    # cheap substring tests first: each pattern below needs one of these characters
    if n <= 80 and ("：" in t or ":" in t) and _CREDIT_LABELS.search(t):
        return "credits"
    if n <= 80 and (_CONTACT.match(t) or _contact_strip(t)):
        return "footer"
    if n <= 60 and "版" in t and _PAGE.search(t) and not _CLAUSE_MARK.search(t):
        return "header"
    if n <= 90 and ("期" in t or "周" in t or "週" in t) and _ISSUE.search(t):
        return "issue"
    return None


_CONTACT_FIELD = regex.compile(r"(地址|地點|电话|電話|热线|熱線|网址|網址|邮箱|郵箱|传真|傳真|邮编|郵編)\s*[:：]")


def _contact_strip(text: str) -> bool:
    """Two contact fields or more on one line (``…88号 电话:… 网址:…``): the page's contact strip,
    wherever OCR garbled its start.

    >>> _contact_strip("也4 明湖市新华路88号“电话:…0635-8276543 网址: www mhsaqy en"), _contact_strip("请拨打电话：120")
    (True, False)
    """
    return len({m.group(1) for m in _CONTACT_FIELD.finditer(text)}) >= 2


def _reorder_lines(doc: Document, reorder: Callable, reason: str) -> Document:
    """Apply a line re-ordering (``reorder(blocks) -> (blocks, [(span, before, after)])``) to every article."""
    return apply_line_moves(doc, "detect_furniture", reorder, reason)


def split_inline_jumps(blocks: Sequence[Block]) -> list[Block]:
    """Cut a jump line printed on a text line (``（上接第1版） 基层…``, ``…补齐。（下转第2版）``) into its own line.

    Only a one-line block whose text is its source slice is cut, so each part
    keeps an exact span; the jump line is then furniture like any other.
    """
    out: list[Block] = []
    for b in blocks:
        pieces = _jump_pieces(b)
        out.extend(pieces if pieces else (b,))
    return out


def _jump_pieces(b: Block) -> list[Block] | None:
    if len(b.spans) != 1 or b.spans[0].end - b.spans[0].start != len(b.text) or "版" not in b.text:
        return None
    start = b.spans[0].start
    cuts = _jump_cuts(b.text)
    if len(cuts) == 2:
        return None
    return [
        Block(b.type, b.text[a:z], (Span(start + a, start + z),), b.flags if a == 0 else (), b.hints if a == 0 else {})
        for a, z in zip(cuts, cuts[1:])
    ]


def _jump_cuts(text: str) -> list[int]:
    """Offsets cutting every bracketed jump line off the start and the end of ``text`` (and 0, len)."""
    cuts = {0, len(text)}
    begin = 0
    while lead := _JUMP_LEAD.match(text, begin):
        begin = lead.end(1)
        cuts.add(begin)
    end = len(text)
    while (tail := _JUMP_TAIL.search(text, begin, end)) and tail.start(1) > begin:
        end = tail.start(1)
        cuts.add(end)
    return sorted(cuts)


def _read_columns(doc: Document) -> Document:
    """Side-by-side columns (``pdftotext -layout``) re-read column by column, before anything else."""
    return _reorder_lines(doc, split_columns, "side-by-side columns read column by column")


@cleaner("detect_furniture", family="structure")
def detect_furniture(doc: Document, options: Mapping[str, Any]) -> Document:
    """Move page furniture (headers, footers, masthead, issue line, credits, contact lines) out of the text.

    >>> from newsclean.readers import segment_lines
    >>> doc = detect_furniture(segment_lines("责任编辑:钟伟 校对:李吉汶\\n\\n标题\\n\\n正文。"), {})
    >>> [(f.kind, f.text) for f in doc.furniture], [b.text for b in doc.blocks()]
    ([('credits', '责任编辑:钟伟 校对:李吉汶')], ['标题', '正文。'])
    """
    with gc_paused():
        # lines re-read column by column stand by other neighbours: the furniture is looked for again
        # (on a second run the cleaner would find it there, and a cleaner is idempotent)
        def reread_then_detect(d: Document) -> Document:
            reread = _read_interleaved(d)
            return d if reread is d else _detect_furniture(reread, options)

        return until_stable(reread_then_detect, _detect_furniture(doc, options), _MAX_ROUNDS)


_MAX_ROUNDS = 3  # furniture and interleave passes a text gets at most (each round re-reads fewer lines)


def _read_interleaved(doc: Document) -> Document:
    """Column lines printed alternately (``pdftotext`` default mode, OCR sorted top to bottom) re-read column by
    column, stories set side by side (their heads mixed too) first."""
    doc = _reorder_lines(doc, read_side_modules, "stories set side by side re-read story by story")
    doc = _reorder_lines(doc, deinterleave_lines, "interleaved column lines re-read column by column")
    return _reorder_lines(doc, deinterleave_blocks, "interleaved text blocks re-read column by column")


def _detect_furniture(doc: Document, options: Mapping[str, Any]) -> Document:
    doc = _read_columns(doc)
    doc = replace(doc, articles=tuple(replace(a, blocks=tuple(split_inline_jumps(a.blocks))) for a in doc.articles))
    blocks = [b for a in doc.articles for b in a.blocks]
    if not blocks:
        return doc
    texts = [b.text.strip() for b in blocks]
    kinds: list[str | None] = [_kind_of(t) for t in texts]
    merge_with_prev = [False] * len(blocks)  # the line runs on the furniture item of the line before
    _mark_running_lines(texts, kinds)
    _mark_contribution_guides(texts, kinds, merge_with_prev)
    _mark_contact_values(texts, kinds, merge_with_prev)
    _mark_masthead(blocks, texts, kinds, merge_with_prev)
    if not any(kinds):
        return doc
    return _move_to_furniture(doc, blocks, kinds, merge_with_prev)


def _mark_running_lines(texts: Sequence[str], kinds: list[str | None]) -> None:
    """Lines repeated across the dump (running headers and footers) marked ``header`` or ``footer`` by their half."""
    n = len(texts)
    keys = ["".join(t.split()) for t in texts]
    counts = Counter(keys)
    first_at: dict[str, int] = {}
    last_at: dict[str, int] = {}
    for i, k in enumerate(keys):
        first_at.setdefault(k, i)
        last_at[k] = i
    for i, t in enumerate(texts):
        if kinds[i] or counts[keys[i]] < 2:
            continue
        if last_at[keys[i]] - first_at[keys[i]] < counts[keys[i]]:
            continue  # printed twice in a row (fake bold, a doubled line): not a running header
        if 4 <= len(keys[i]) <= 60 and not ends_sentence(t) and not is_signoff(t):
            kinds[i] = "footer" if i > n // 2 else "header"


def _mark_contribution_guides(texts: Sequence[str], kinds: list[str | None], merge_with_prev: list[bool]) -> None:
    """The contribution-guide box (投稿指南): the label and the short list lines under it, contact lines apart."""
    n = len(texts)
    for i in [i for i, t in enumerate(texts) if _GUIDE.match(t)]:
        if kinds[i] == "contact" or merge_with_prev[i]:
            continue  # inside the box before it
        kinds[i] = "other"
        j = i + 1
        while j < n and visible_len(texts[j]) <= 14 and not ends_sentence(texts[j]) and not is_signoff(texts[j]):
            t = texts[j]
            if _CONTACT_LABEL_ONLY.match(t) or (_VALUE.match(t) and kinds[j - 1] == "contact"):
                kinds[j] = "contact"
                merge_with_prev[j] = _VALUE.match(t) is not None and kinds[j - 1] == "contact"
            else:
                if kinds[j - 1] == "contact":
                    break
                kinds[j] = "other"
                merge_with_prev[j] = True
            j += 1


def _mark_contact_values(texts: Sequence[str], kinds: list[str | None], merge_with_prev: list[bool]) -> None:
    """A contact label on its own line (电话：) and the value on the line after it: one furniture item."""
    for i in range(len(texts) - 1):
        if len(texts[i]) <= 12 and _CONTACT_LABEL_ONLY.match(texts[i]) and _VALUE.match(texts[i + 1]):
            kinds[i] = kinds[i] or "contact"
            kinds[i + 1] = kinds[i]
            merge_with_prev[i + 1] = True


def _mark_masthead(
    blocks: Sequence[Block], texts: Sequence[str], kinds: list[str | None], merge_with_prev: list[bool]
) -> None:
    """Short non-sentence lines printed just above an issue line: the masthead (a QR label among them: other).

    Only an issue line proper, with its number, has the masthead over it: a
    date alone is a running header, not the masthead's foot.
    """
    _mark_paper_names(blocks, texts, kinds)
    for i in [i for i, k in enumerate(kinds) if k == "issue" and _ISSUE_NO.search(texts[i])]:
        j = i - 1
        while j >= 0 and i - j <= 8:
            t = texts[j]
            if kinds[j]:
                j -= 1
                continue
            if ends_sentence(t) or is_signoff(t) or visible_len(t) > 30 or _MASTHEAD_STOP.search(t):
                break
            kinds[j] = "other" if _QR.search(t) else "masthead"
            if (
                j + 1 < i
                and kinds[j + 1] == "masthead"
                and kinds[j] == "masthead"
                and blocks[j + 1].hints.get("blank_before", 1) == 0
            ):
                merge_with_prev[j + 1] = True
            j -= 1


def _mark_paper_names(blocks: Sequence[Block], texts: Sequence[str], kinds: list[str | None]) -> None:
    """A newspaper's name (``松江县第二人民医院报``, ``…日报``) on a line next to a date, issue or page label
    line, or alone on a page's first line.

    The name over an issue line is caught as the masthead above it; a dump
    may print it instead beside a bare date or a page label, or after the
    stories (PyMuPDF keeps the page's drawing order), where it would read as
    a headline; a skewed scan may read the date far below it, and the name
    still heads its page. A speck OCR read as a mark before the name
    (``。 清源县人民医院院报``) is passed over.
    """
    for i, t in enumerate(texts):
        if kinds[i] or not _PAPER_NAME.fullmatch(_LEADING_SPECK.sub("", t)):
            continue
        beside = any(0 <= j < len(texts) and kinds[j] in ("issue", "header") for j in (i - 1, i + 1))
        if beside or _heads_page(blocks, i):
            kinds[i] = "masthead"


def _heads_page(blocks: Sequence[Block], i: int) -> bool:
    """True if line ``i`` is the first line of its page, set apart from the next by a blank line that is
    no byline or subtitle (a headline naming a paper has its cluster under it)."""
    first = i == 0 or blocks[i - 1].hints.get("page") != blocks[i].hints.get("page")
    if not first or i + 1 >= len(blocks) or int(blocks[i + 1].hints.get("blank_before", 0)) < 1:
        return False
    below = blocks[i + 1].text.strip()
    return not is_byline(below) and not dash_lead(below)


def _move_to_furniture(
    doc: Document, blocks: Sequence[Block], kinds: Sequence[str | None], merge_with_prev: Sequence[bool]
) -> Document:
    """Lines with a kind moved to the furniture; the line after each gets ``after_furniture``, jumps their hints."""
    owner = [k for k, a in enumerate(doc.articles) for _ in a.blocks]
    furniture: list[Furniture] = list(doc.furniture)
    kept: list[Block] = []
    kept_owner: list[int] = []
    after = False
    jump_pending: str | None = None
    for i, b in enumerate(blocks):
        kind = kinds[i]
        if kind:
            jump_pending = _follow_jump(b, kept, jump_pending)
            if merge_with_prev[i] and furniture and kinds[i - 1] and furniture[-1].kind == kind:
                last = furniture[-1]
                furniture[-1] = replace(last, text=join_text(last.text, b.text, " "), spans=last.spans + b.spans)
            else:
                furniture.append(Furniture(kind, b.text, b.spans))
            after = True
            continue
        if after or jump_pending:
            b = _with_hints(b, after, jump_pending)
            jump_pending = None
        kept.append(b)
        kept_owner.append(owner[i])
        after = False
    furniture.sort(key=lambda f: f.spans[0].start if f.spans else -1)
    return replace(doc, furniture=tuple(furniture), articles=_regroup(doc.articles, kept, kept_owner))


def _follow_jump(b: Block, kept: list[Block], jump_pending: str | None) -> str | None:
    """A jump line ``b``: 下转 marks the line kept before it ``jump_out``; 上接 is returned, for the next kept line."""
    jm = _JUMP.match(b.text.strip())
    if not jm:
        return jump_pending
    page = jm.group(2).translate(_OCR_DIGITS)
    if jm.group(1) in ("下转", "转第", "转下", "轉第", "下轉") and kept:
        kept[-1] = replace(kept[-1], hints={**kept[-1].hints, "jump_out": page})
        return jump_pending
    return page


def _with_hints(b: Block, after: bool, jump_in: str | None) -> Block:
    """``b`` with the hints ``after_furniture`` (``after``) and ``jump_in`` (a page number) where given."""
    hints = dict(b.hints)
    if after:
        hints["after_furniture"] = True
    if jump_in:
        hints["jump_in"] = jump_in
    return Block(b.type, b.text, b.spans, b.flags, hints) if hints != b.hints else b


def _regroup(articles: Sequence[Article], kept: Sequence[Block], kept_owner: Sequence[int]) -> tuple[Article, ...]:
    """The kept lines back in the articles they came from; articles left with nothing dropped."""
    per_article: list[list[Block]] = [[] for _ in articles]
    for b, o in zip(kept, kept_owner):
        per_article[o].append(b)
    regrouped = tuple(
        replace(a, blocks=tuple(bs)) if len(bs) != len(a.blocks) or any(x is not y for x, y in zip(bs, a.blocks)) else a
        for bs, a in zip(per_article, articles)
    )
    return tuple(a for a in regrouped if a.blocks or any(a.head().values()))
