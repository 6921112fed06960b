"""Attribution as news reports it, where it differs from dialogue in fiction.

A news paragraph of reported speech often ends on its attribution after a comma ("The
administration may be reluctant to act, Schiff said."), and the quotation-only paragraph after
it goes on with the same source. In fiction a narration paragraph seldom ends that way; its
quotation-only paragraphs are turns of an exchange, read by turn-taking.
"""

from __future__ import annotations

from indexer.cues import Cue, cue_after, sentence_tail

#: How long the attribution closing a sentence may be, from its comma to the period.
ATTRIBUTION_REACH = 150


def trailing_attribution(text: str, para: int, base: int = 0) -> Cue | None:
    """The attribution that closes the last sentence of ``text`` (which starts at ``base`` of
    paragraph ``para``) after a comma ("..., Schiff said." or "..., said Larry Noble, an
    attorney."), if any."""
    stripped = text.rstrip()
    if not stripped.endswith("."):
        return None
    tail, offset = sentence_tail(stripped)
    comma = tail.rfind(", ")
    while comma >= 0 and len(tail) - comma <= ATTRIBUTION_REACH:
        cue = cue_after(tail[comma + 1 :], para, base + offset + comma + 1)
        if cue is not None:
            return cue
        comma = tail.rfind(", ", 0, comma)
    return None
