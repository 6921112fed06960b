"""Plain text: bytes -> text as decoded, line endings untouched, refusing what is not text.

UTF-8 (with or without a byte-order mark) is read as is; another encoding is accepted only when
charset-normalizer finds one that reads cleanly. Text that was decoded wrongly once before it
reached us (mojibake such as ``Castroâ€™s``) is repaired with ftfy, and the document says so in
its metadata (``repaired: mojibake``): offsets then point into the repaired text.
"""

from __future__ import annotations

from indexer.errors import UnreadableDocument
from indexer.readers import Reading

#: Share of control characters (other than whitespace) above which a file is binary.
MAX_CONTROL_SHARE = 0.01
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, name: str) -> str:
    """The text of ``data``, or :class:`UnreadableDocument` saying why not."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_controls(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise UnreadableDocument(
                    f"{name}: starts like {encoding.upper()} but is not, skipped"
                ) from None
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(f"{name}: binary file (NUL bytes), skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = _guess(data, name, error.start)
    return _check_controls(text, name)


def _guess(data: bytes, name: str, bad_byte: int) -> str:
    """Text in a legacy encoding, as charset-normalizer reads it.

    Windows-1252 wins over the code page charset-normalizer ranks first when it reads the bytes
    nearly as cleanly: on short Western European texts its ranking among single-byte code pages
    is close to a coin toss (``Ça`` read as Baltic ``Ēa``), and 1252 is by far the commonest.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > 0.1 or best.encoding in ("utf_8", "ascii"):
        raise UnreadableDocument(
            f"{name}: not valid UTF-8 (byte {bad_byte}) and no other encoding fits, skipped"
        )
    if best.encoding.startswith(("cp125", "iso8859", "mac_", "latin")):
        western = next((m for m in matches if m.encoding == "cp1252"), None)
        if western is not None and western.chaos <= 0.25:
            return str(western)
    return str(best)


def _check_controls(text: str, name: str) -> str:
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > MAX_CONTROL_SHARE * max(1, min(len(text), 65536)):
        raise UnreadableDocument(f"{name}: binary file (control characters), skipped")
    return text


def repair_mojibake(text: str) -> str | None:
    """``text`` with its mojibake undone, or None when there is none (the usual case)."""
    if not any(ch in text for ch in "ÃÂâ€Å"):  # every common mojibake has one of these
        return None
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text):
        return None
    fixed = fix_encoding(text)
    return fixed if fixed != text else None


def read(data: bytes, name: str) -> Reading:
    text = decode(data, name)
    fixed = repair_mojibake(text)
    if fixed is None:
        return Reading(text)
    return Reading(fixed, metadata={"repaired": "mojibake"})
