"""Bytes of a page to text, in the HTML standard's order of evidence.

1. a byte order mark;  2. the charset of the HTTP Content-Type;  3. a `<meta>` charset in
the first 1024 bytes;  4. when the bytes are not valid UTF-8, charset-normalizer's guess;
5. UTF-8 with replacement characters. Labels are read as the WHATWG Encoding standard reads
them, which is not always Python's reading: "iso-8859-1" and "ascii" mean windows-1252 on the
web (old PHP sites say latin-1 and send curly quotes from 0x80-0x9F).
"""

from __future__ import annotations

import codecs
import re

_WHATWG: dict[str, tuple[str, ...]] = {
    # python codec: WHATWG labels (https://encoding.spec.whatwg.org/#names-and-labels)
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
              "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                  "iso_8859-2:1987", "l2", "latin2"),
    "iso8859-3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                  "iso_8859-3:1988", "l3", "latin3"),
    "iso8859-4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                  "iso_8859-4:1988", "l4", "latin4"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5",
                  "iso88595", "iso_8859-5", "iso_8859-5:1988"),
    "iso8859-6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic",
                  "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127",
                  "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"),
    "iso8859-7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
                  "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987",
                  "sun_eu_greek"),
    "iso8859-8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
                  "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual",
                  "csiso88598i", "iso-8859-8-i", "logical"),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6",
                   "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
               "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",
               "latin1", "us-ascii", "windows-1252", "x-cp1252", "x-user-defined"),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
               "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    # the web's GBK decoder is the gb18030 decoder
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                "iso-ir-58", "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc-jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022-jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
              "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
    "utf-16-be": ("unicodefffe", "utf-16be"),
    "utf-16-le": ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16",
                  "utf-16le"),
}
# Labels the standard maps to its "replacement" decoder (a page of one U+FFFD, against
# script injection through ISO-2022 escapes) are left out: for us they declare nothing, and
# the detector still gets its turn.
_LABELS = {label: codec for codec, labels in _WHATWG.items() for label in labels}

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"))
_PRESCAN_BYTES = 1024
_DETECT_BYTES = 256 * 1024  # the detector's sample: its verdict does not change past this

_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_META = re.compile(rb"<meta(?=[\s/])([^>]*)>?", re.I)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_ATTR = re.compile(rb"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def encoding_for_label(label: str | bytes | None) -> str | None:
    """The Python codec for a WHATWG encoding label, or None when it names none we use."""
    if label is None:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    return _LABELS.get(label.strip(" \t\n\f\r").lower())


def header_charset(content_type: str | None) -> str | None:
    """The codec named by a Content-Type's charset parameter."""
    if not content_type:
        return None
    m = _CHARSET_PARAM.search(content_type.encode("latin-1", "replace"))
    return encoding_for_label(next(g for g in m.groups() if g is not None)) if m else None


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for m in _ATTR.finditer(tag):
        name = m.group(1).lower()
        if name not in out:  # the standard keeps the first of a repeated attribute
            out[name] = next((g for g in m.groups()[1:] if g is not None), b"")
    return out


def meta_charset(head: bytes) -> str | None:
    """The codec a `<meta>` in the first 1024 bytes declares (the standard's prescan)."""
    head = _COMMENT.sub(b"", head[:_PRESCAN_BYTES])
    for m in _META.finditer(head):
        attrs = _attrs(m.group(1))
        label: bytes | None = attrs.get(b"charset")
        if label is None and attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CHARSET_PARAM.search(attrs.get(b"content", b""))
            label = next(g for g in found.groups() if g is not None) if found else None
        codec = encoding_for_label(label)
        if codec is not None:
            # a page that can say "<meta" in ASCII is not UTF-16, whatever it claims
            return "utf-8" if codec.startswith("utf-16") else codec
    return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by a size limit at the very end still counts as UTF-8
        return exc.start >= len(body) - 3 and exc.reason == "unexpected end of data"
    return True


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(body[:_DETECT_BYTES])
               # UTF-16/32 without a BOM is never sniffed by browsers either: a guess of it is noise
               if not codecs.lookup(m.encoding).name.startswith(("utf-16", "utf-32"))]
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    # Western text fits windows-1250 and -1252 about equally (é and ü sit at the same bytes,
    # è and à do not); when -1252 reads as cleanly as the best guess, it is the web's default
    # for pages that declare nothing, as in browsers with an English locale.
    if any(m.chaos <= least + 0.01 and "cp1252" in m.could_be_from_charset for m in matches):
        return "cp1252"
    codec = codecs.lookup(min(matches, key=lambda m: m.chaos).encoding).name
    # read its answer as a label too: "ascii" for a sample that is ASCII so far, or latin-1,
    # would turn later 0x80-0x9F bytes into replacement characters
    return encoding_for_label(codec) or codec


def sniff_encoding(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(codec, how it was found): bom, header, meta, utf-8, detected or fallback."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return bom_codec, "bom"
    codec = header_charset(content_type)
    if codec is not None:
        return codec, "header"
    codec = meta_charset(body)
    if codec is not None:
        return codec, "meta"
    if _is_utf8(body):
        return "utf-8", "utf-8"
    # Legacy single- and multi-byte HTML never holds NUL; bytes that do are binary, and a
    # detector would dress them up as some exotic encoding
    if b"\x00" not in body[:8192]:
        codec = _detect(body)
        if codec is not None:
            return codec, "detected"
    return "utf-8", "fallback"


def page_text(body: bytes, content_type: str | None = None) -> str:
    """The text of a page's bytes (BOM, header charset, meta, detector; see the module doc)."""
    codec, how = sniff_encoding(body, content_type)
    if how == "bom":
        body = body[len(next(b for b, c in _BOMS if c == codec)):]
    return body.decode(codec, errors="replace")
