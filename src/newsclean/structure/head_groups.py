"""Group line blocks into head groups and body lines, the items articles are built from.

Consecutive headline-role lines form a *head group*, unless the page shows
two: a byline closes its group, a section label opens one, a ``#`` headline
in a Markdown dump starts the next story's group (unless the ones above it
are set smaller: its kicker), and an unspaced column label under a headline
opens the next story's cluster. Every other line is a body item of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.lexicon import word_freq
from newsclean.model import Block
from newsclean.structure.cues import crossing_word, ends_with_colon, is_short_label
from newsclean.structure.head import centred_under, wrap_remainder
from newsclean.structure.roles import HEAD_ROLES

Item = tuple[str, list[int]]  # ("head", line indices of the group) or ("body", [line index])


def group_lines(blocks: Sequence[Block], roles: list[str], md_doc: bool) -> list[Item]:
    """The items of ``blocks`` in order; a column label that opens a cut-off cluster becomes its ``section``."""
    items: list[Item] = []
    cut = False  # this group opens a cluster cut from the headline above it
    marked = _labels_marked(blocks, roles)
    i, n = 0, len(blocks)
    while i < n:
        if roles[i] not in HEAD_ROLES:
            items.append(("body", [i]))
            i += 1
            continue
        group, cut_next = _head_group(i, blocks, roles, md_doc, marked)
        if cut:
            _label_over_rest(group, blocks, roles)
        items.append(("head", group))
        cut = cut_next
        i = group[-1] + 1
    return items


def _head_group(
    i: int, blocks: Sequence[Block], roles: Sequence[str], md_doc: bool, marked: bool
) -> tuple[list[int], bool]:
    """The head group that starts at line ``i``, and True if a column label under it cut it off."""
    group = [i]
    for j in range(i + 1, len(blocks)):
        if roles[j] not in HEAD_ROLES or blocks[j].hints.get("after_furniture"):
            break
        if _closes_group(j, group, blocks, roles, md_doc):
            break
        if _starts_cluster(j, group, blocks, roles, marked):
            return group, True  # a column label under a headline: the headline closed the story before
        group.append(j)
    return group, False


def _closes_group(j: int, group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str], md_doc: bool) -> bool:
    """True if head line ``j`` belongs to the next head group rather than to ``group``."""
    if roles[group[-1]] == "byline" and roles[j] != "byline":
        return True
    if roles[j] == "section" and any(roles[k] != "section" for k in group):
        return True
    if roles[j] != "head":
        return False
    if blocks[j].hints.get("md_level"):
        # a second # headline is the next story's, unless the ones above are set smaller (kicker)
        return not _smaller_heads_above(j, group, blocks, roles)
    # in a Markdown dump a plain line under a # headline is not part of it, but for its hard-wrapped rest: a line
    # glued to it that a word runs on into (…让优质医⏎疗资源扩容下沉)
    prev = group[-1]
    wrapped = (
        prev == j - 1
        and blocks[prev].hints.get("md_level")
        and not int(blocks[j].hints.get("blank_before", 0))
        and crossing_word(blocks[prev].text, blocks[j].text) is not None
    )
    return md_doc and not wrapped and any(roles[k] == "head" and blocks[k].hints.get("md_level") for k in group)


def _smaller_heads_above(j: int, group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if every ``#`` headline line of ``group`` is of a lower rank than line ``j`` (``####`` over ``##``).

    Markdown levels follow the type size: a smaller headline right over a
    bigger one is its kicker (引题), not a story of its own.
    """
    level = int(blocks[j].hints["md_level"])
    above = [int(blocks[k].hints["md_level"]) for k in group if roles[k] == "head" and blocks[k].hints.get("md_level")]
    return all(a > level for a in above)


def _starts_cluster(
    j: int, group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str], marked: bool = False
) -> bool:
    """True if head line ``j`` is an unspaced column label (要闻) opening a new headline cluster.

    A label of two to four characters under a headline, with a headline,
    subtitle or byline of its own below it, is the top of the next story's
    cluster, not the end of this headline. Where the page sets its labels
    apart (``marked``: letter-spaced or bracketed), a plain short line over a
    byline or subtitle is the last line of a wrapped headline
    (``我院开展“三八”妇女节⏎义诊活动⏎通讯员 包雨晴``).
    """
    if roles[j] != "head" or not is_short_label(blocks[j].text) or j + 1 >= len(blocks):
        return False
    if blocks[j].hints.get("headline_rest"):
        return False  # a reader that dealt the heads of stories side by side found it the rest of a headline
    if roles[j + 1] not in ("head", "subtitle", "byline") or blocks[j + 1].hints.get("after_furniture"):
        return False
    if marked and roles[j + 1] != "head":
        return False
    prev = group[-1]
    if _remainder_of(blocks[prev].text, blocks[j].text):
        return False  # no word of its own: the rest of a headline that wrapped (…紧密型医⏎共体), no label
    # (a headline whose wrapped rest is short is no label either: …这些防护⏎要做好⏎护理天地)
    prev_is_rest = len(group) >= 2 and _remainder_of(blocks[group[-2]].text, blocks[prev].text)
    return (
        roles[prev] == "head"
        and (prev_is_rest or not is_short_label(blocks[prev].text))
        and crossing_word(blocks[prev].text, blocks[j].text) is None
        and not centred_under(blocks[prev], blocks[j])
    )


def _remainder_of(upper: str, lower: str) -> bool:
    """True if ``lower`` is the wrapped rest of headline line ``upper`` and no word of its own (see ``wrap_remainder``)."""
    return wrap_remainder(upper, lower) and not word_freq(lower.strip())


def _labels_marked(blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if the page's section labels are all set apart by letter-spacing or brackets (科 室 巡 礼, 【简讯】)."""
    labels = [blocks[k].text.strip() for k, role in enumerate(roles) if role == "section"]
    return bool(labels) and not any(is_short_label(text) for text in labels)


def _label_over_rest(group: Sequence[int], blocks: Sequence[Block], roles: list[str]) -> None:
    """A short line that opens a head group cut from the headline above it is the column label of its cluster.

    The headline above it had hidden it (a label is read as one only at the
    top of a cluster); a byline or subtitle below shows the cluster.
    """
    first = group[0]
    if (
        len(group) >= 3
        and roles[first] == "head"
        and is_short_label(blocks[first].text)
        and roles[group[1]] == "head"
        and any(roles[k] in ("byline", "subtitle") for k in group[2:])
    ):
        roles[first] = "section"


def is_strong(group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if head group ``group`` certainly opens a story: a section, subtitle or byline, or a kicker ending in ：."""
    if any(roles[k] in ("section", "subtitle", "byline") for k in group):
        return True
    heads = [k for k in group if roles[k] == "head"]
    return len(heads) >= 2 and ends_with_colon(blocks[heads[0]].text)


def has_role(group: Sequence[int], roles: Sequence[str], role: str) -> bool:
    """True if a line of ``group`` has ``role``."""
    return any(roles[k] == role for k in group)
