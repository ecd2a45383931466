"""Exact Thai text layer in the PDFs that WeasyPrint 70 writes.

The cause. A PDF gets its text back from the glyphs it draws: the font's
ToUnicode map gives the text of each glyph code. WeasyPrint fills that map with
the text of the first cluster each glyph is drawn for, once for the whole
document (``weasyprint/draw/text.py``, ``draw_first_line``, the block under
"Create mapping between glyphs and Unicode codepoints", lines 193-203 in
70.0). Thai breaks that. HarfBuzz draws SARA AM ("ำ") as two glyphs, a ring
(NIKHAHIT) and "า", and moves the ring before any tone mark: "น้ำ" is drawn as
น + ring + tone + า, and the last three glyphs share the text "้ำ". WeasyPrint
gives "้ำ" to the "า" glyph and "" to the ring and the tone, so from then on
every "า" of the document reads back as "ำ" ("ดำเนินกำร") and that tone mark as
nothing ("นำ"). Glyphs mapped to "" also come out as garbage in Chrome and
Firefox, and marks drawn with offsets confuse extractors that work from glyph
positions (stray spaces, marks after the next letter).

The fix. Glyphs are drawn in groups: each glyph with an advance (a consonant,
"า", "เ" ...) is a group, and so is each run of zero-width marks stacked on it;
a ring with no mark of its own joins the "า" after it. A group of several
glyphs, or a glyph drawn with an offset, is drawn as one TrueType composite
glyph that is added to the embedded font: the same glyphs at the same places,
so the page looks the same (letters may move by a tenth of a point along a
line, because WeasyPrint's rounding of each mark's offset no longer adds up).
Each group maps to its own text ("น", "้", "ำ" for "น้ำ"), never "", and is
drawn at its pen position, so pdftotext, pdfminer/pdfplumber, pypdf, PDFium
(Chrome) and pdf.js (Firefox) all read the source text exactly. Composite
glyphs, and plain glyphs that must mean a second text, get new CIDs (counted
down from 0xFFFE) that the font's ``CIDToGIDMap`` sends to the right glyph.

Call :func:`install` once before rendering. It replaces that block of
``draw_first_line`` (only that block: see ``_ORIGINAL_BLOCK``), wraps
``Font.clean`` to add the composite glyphs after font subsetting, wraps
``_build_vector_font_dictionary`` to write the ``CIDToGIDMap``, and wraps
``build_fonts_dictionary`` so that fonts sharing a PDF name share their maps.

Limits. Only static TrueType-outline fonts (``.ttf``) get composite glyphs; with
a CFF (``.otf``) or variable font, groups keep WeasyPrint's mapping and a
warning is logged. Right-to-left runs keep WeasyPrint's texts. Characters drawn
with no glyph at all (zero-width space, joiners) are left out of the text, as
WeasyPrint does. :func:`install` refuses WeasyPrint versions it was not
written for, and fails if the code it patches has changed.
"""

from __future__ import annotations

import inspect
import io
import logging
import textwrap
import threading
import unicodedata
from math import ceil

logger = logging.getLogger(__name__)

#: WeasyPrint versions whose source this patch was written and tested against.
SUPPORTED_WEASYPRINT_VERSIONS = frozenset({"70.0"})

#: New CIDs are allocated downwards from here. WeasyPrint numbers the codes of
#: glyphs missing from a font upwards from the font's glyph count (and uses
#: 0xFFFF when it runs out), so the two ranges stay apart.
_FIRST_NEW_CID = 0xFFFE

# The block of ``weasyprint.draw.text.draw_first_line`` (70.0) that is replaced.
_ORIGINAL_BLOCK = """\
            # Create mapping between glyphs and Unicode codepoints.
            if glyph_id not in font.to_unicode:
                # Get positions of the glyph in the UTF-8 string.
                offset = glyph_item.item.offset
                t1 = clusters[i]
                if glyph_item.item.analysis.level % 2:  # rtl
                    t2 = glyph_item.item.length if i == 0 else clusters[i-1]
                else:
                    t2 = glyph_item.item.length if i == num_glyphs-1 else clusters[i+1]
                utf8_text = utf8_text or textbox.pango_layout.text.encode()
                font.to_unicode[glyph_id] = utf8_text[offset+t1:offset+t2].decode()
"""
# Its replacement: ``_code_for`` returns the code to write for this glyph (for
# the first glyph of a group, the code of a composite glyph drawing the whole
# group), its advance and its offsets, or ``None`` for the other glyphs of the
# group, which are then not drawn on their own (see ``_run_plan``).
_PATCHED_BLOCK = """\
            # Create mapping between glyphs and Unicode codepoints.
            # Patched by prongsai.documents.pdf_text: see _run_plan and _code_for.
            if prongsai_plan is None:
                utf8_text = utf8_text or textbox.pango_layout.text.encode()
                prongsai_plan = _prongsai_run_plan(glyph_item, utf8_text)
            glyph_id, width, glyph_info = _prongsai_code_for(
                stream, font, pango_font, font_size, glyph_item, i, glyph_id, width,
                prongsai_plan)
            if glyph_id is None:
                continue
"""
# The start of each glyph run, where the run's plan is reset.
_ORIGINAL_RUN_START = """\
        utf8_text = None
"""
_PATCHED_RUN_START = """\
        utf8_text = None
        prongsai_plan = None
"""

_lock = threading.Lock()
_originals: dict[str, object] = {}


def install() -> None:
    """Patch WeasyPrint so that its PDFs give back the exact text. Idempotent.

    Raises ``RuntimeError`` if the installed WeasyPrint is not a version this
    patch was written for, or if the code it patches is not the one expected.
    """
    with _lock:
        if not _originals:
            _install()


def _install() -> None:
    import weasyprint
    import weasyprint.pdf
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf import fonts as pdf_fonts

    if weasyprint.__version__ not in SUPPORTED_WEASYPRINT_VERSIONS:
        raise RuntimeError(
            f"prongsai.documents.pdf_text was written for WeasyPrint "
            f"{', '.join(sorted(SUPPORTED_WEASYPRINT_VERSIONS))}, not "
            f"{weasyprint.__version__}: run tests/documents/test_pdf_text.py to see "
            f"whether the Thai text-layer bug is still there, then update or drop it"
        )

    if weasyprint.pdf.build_fonts_dictionary is not pdf_fonts.build_fonts_dictionary:
        raise RuntimeError("weasyprint.pdf does not use weasyprint.pdf.fonts as expected")
    original_draw = draw_text.draw_first_line
    source = textwrap.dedent(inspect.getsource(original_draw))
    for old in (_ORIGINAL_BLOCK, _ORIGINAL_RUN_START):
        if source.count(old) != 1:
            raise RuntimeError(
                "weasyprint.draw.text.draw_first_line is not the code that "
                "prongsai.documents.pdf_text was written for"
            )
    source = source.replace(_ORIGINAL_BLOCK, _PATCHED_BLOCK)
    source = source.replace(_ORIGINAL_RUN_START, _PATCHED_RUN_START)
    # Compile the patched function in WeasyPrint's own module, so that it sees
    # the same names as the original; tracebacks point near the original lines.
    code = compile(
        "\n" * (original_draw.__code__.co_firstlineno - 1) + source, draw_text.__file__, "exec"
    )
    namespace = vars(draw_text)
    namespace.update(_prongsai_run_plan=_run_plan, _prongsai_code_for=_code_for)
    scope: dict[str, object] = {}
    exec(code, namespace, scope)

    _originals.update(
        draw_first_line=original_draw,
        clean=pdf_fonts.Font.clean,
        build_vector=pdf_fonts._build_vector_font_dictionary,
        build_fonts=pdf_fonts.build_fonts_dictionary,
    )
    draw_text.draw_first_line = scope["draw_first_line"]
    pdf_fonts.Font.clean = _clean
    pdf_fonts._build_vector_font_dictionary = _build_vector_font_dictionary
    pdf_fonts.build_fonts_dictionary = _build_fonts_dictionary
    weasyprint.pdf.build_fonts_dictionary = _build_fonts_dictionary  # imported by name


def uninstall() -> None:
    """Undo :func:`install` (the tests use it to show the bug without the fix)."""
    with _lock:
        if not _originals:
            return
        import weasyprint.pdf
        from weasyprint.draw import text as draw_text
        from weasyprint.pdf import fonts as pdf_fonts

        draw_text.draw_first_line = _originals["draw_first_line"]
        pdf_fonts.Font.clean = _originals["clean"]
        pdf_fonts._build_vector_font_dictionary = _originals["build_vector"]
        pdf_fonts.build_fonts_dictionary = _originals["build_fonts"]
        weasyprint.pdf.build_fonts_dictionary = _originals["build_fonts"]
        vars(draw_text).pop("_prongsai_run_plan", None)
        vars(draw_text).pop("_prongsai_code_for", None)
        _originals.clear()


def is_installed() -> bool:
    return bool(_originals)


# --- Which glyphs are drawn together, with which text -----------------------------


def _is_mark(char: str) -> bool:
    """Whether ``char`` is a combining mark (Thai vowels above/below, tone marks)."""
    return unicodedata.category(char) in ("Mn", "Me")


class _Group:
    """Glyphs of a run drawn as one PDF glyph: a spacing glyph, or zero-width marks."""

    def __init__(self, spacing: bool, index: int, rtl: bool = False):
        self.spacing = spacing
        self.indices = [index]
        self.text = ""
        self.rtl = rtl
        self.composite: tuple[int, int] | bool | None = None  # see _composite


def _run_plan(glyph_item, utf8_text: bytes) -> list[tuple | None]:
    """For each glyph of a Pango glyph run: ``(group, own_text)``.

    Left-to-right runs are cut into groups: each glyph with an advance (a base
    consonant, a vowel such as "า" or "เ") is a group, and each run of zero-width
    glyphs (the marks stacked over or under it) is a group. Pango gives each
    glyph the start of its cluster (``log_clusters``); a cluster's text goes to
    the group holding its glyphs. When HarfBuzz splits one cluster into several
    groups (SARA AM in "น้ำ" is drawn as ring + tone + "า"), the marks group takes
    the cluster's marks ("้") and the last group the rest ("ำ"); a group left
    with no text ("ดำ": the ring) is merged with the next one (ring + "า" =
    "ำ"). So every group has a text, the texts of the marks groups are only
    marks, and in drawing order they give back the run's text exactly, except
    the characters Pango draws with no glyph at all (zero-width spaces and
    joiners), which WeasyPrint leaves out too.

    ``own_text`` is the text WeasyPrint would give the glyph alone (its
    cluster's text on one glyph of the cluster, "" on the others), used when
    the group cannot be drawn as one glyph. Right-to-left runs get one group per
    glyph, with WeasyPrint's texts. Glyphs Pango draws as nothing get ``None``.
    """
    from weasyprint.text.ffi import pango

    item = glyph_item.item
    glyphs = glyph_item.glyphs
    count = glyphs.num_glyphs
    length = item.length
    clusters = [glyphs.log_clusters[i] for i in range(count)]
    text = utf8_text[item.offset : item.offset + length]
    plan: list[tuple | None] = [None] * count

    if item.analysis.level % 2:  # right-to-left
        for i in range(count):
            own = text[clusters[i] : length if i == 0 else clusters[i - 1]].decode()
            group = _Group(True, i, rtl=True)
            group.text = own
            plan[i] = (group, own)
        return plan

    own_texts = [
        text[clusters[i] : length if i == count - 1 else clusters[i + 1]].decode()
        for i in range(count)
    ]
    groups: list[_Group] = []
    group_of: dict[int, _Group] = {}
    for i in range(count):
        if glyphs.glyphs[i].glyph == pango.PANGO_GLYPH_EMPTY:
            continue
        spacing = glyphs.glyphs[i].geometry.width != 0
        if not spacing and groups and not groups[-1].spacing:
            groups[-1].indices.append(i)
        else:
            groups.append(_Group(spacing, i))
        group_of[i] = groups[-1]

    # Give each cluster's text to its groups.
    first = 0
    while first < count:
        end = first + 1
        while end < count and clusters[end] == clusters[first]:
            end += 1
        cluster_text = text[clusters[first] : clusters[end] if end < count else length]
        rest = cluster_text.decode()
        spanned: list[_Group] = []
        for i in range(first, end):
            if i in group_of and group_of[i] not in spanned:
                spanned.append(group_of[i])
        for number, group in enumerate(spanned):
            if number == len(spanned) - 1:
                taken = len(rest)
            elif group.spacing:
                taken = min(1, len(rest))
            else:
                taken = 0
                while taken < len(rest) and _is_mark(rest[taken]):
                    taken += 1
            group.text += rest[:taken]
            rest = rest[taken:]
        first = end

    # Merge groups left without text into the next group (or the previous one).
    merged: list[_Group] = []
    pending: _Group | None = None
    for group in groups:
        if pending is not None:
            pending.indices += group.indices
            pending.text += group.text
            pending.spacing = pending.spacing or group.spacing
            group = pending
            pending = None
        if group.text:
            merged.append(group)
        else:
            pending = group
    if pending is not None:
        if merged:
            merged[-1].indices += pending.indices
            merged[-1].spacing = merged[-1].spacing or pending.spacing
        else:
            merged.append(pending)
    for group in merged:
        for i in group.indices:
            plan[i] = (group, own_texts[i])
    return plan


# --- Codes ------------------------------------------------------------------------


class _FontState:
    """New CIDs of one font file (shared by the Font objects of one PDF font)."""

    def __init__(self):
        self.cids: dict[int, tuple] = {}  # cid: ("glyph", gid) or ("composite", ...)
        self.cid_by_key: dict[tuple, int] = {}
        self.gid_of_cid: dict[int, int] = {}  # filled when the font is cleaned

    def cid_for(self, font, target: tuple, text: str) -> int | None:
        key = (target, text)
        cid = self.cid_by_key.get(key)
        if cid is None:
            cid = _FIRST_NEW_CID - len(self.cids)
            if cid <= font.glyph_count + len(font.missing):
                return None
            self.cids[cid] = target
            self.cid_by_key[key] = cid
        return cid


def _state(stream, font) -> _FontState:
    state = font.__dict__.get("_prongsai_state")
    if state is None:
        for other in stream._fonts.values():
            if other.hash == font.hash and "_prongsai_state" in other.__dict__:
                state = other._prongsai_state
                break
        else:
            state = _FontState()
        font._prongsai_state = state
    return state


def _can_remap(font) -> bool:
    """Whether the font's glyphs can be reached by new CIDs (TrueType outlines)."""
    return font.type == "ttf" and not font.bitmap and not (font.png or font.svg or font.colr)


def _glyph_width(stream, font, pango_font, font_size, glyph_id) -> int:
    """The glyph's width in the PDF (1/1000 em), as ``draw_first_line`` computes it."""
    if glyph_id not in font.widths:
        from weasyprint.text.ffi import FROM_UNITS, pango

        pango.pango_font_get_glyph_extents(
            pango_font, glyph_id, stream.ink_rect, stream.logical_rect
        )
        font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    return font.widths[glyph_id]


class _Unshifted:
    """Stands for a ``PangoGlyphInfo`` whose offsets are drawn inside the glyph."""

    class geometry:  # the name of the cffi struct field
        x_offset = y_offset = 0


def _composite(stream, font, pango_font, font_size, glyphs, group):
    """Draw ``group`` as one composite glyph: return ``(cid, advance)``, or False.

    False when the group is one glyph drawn where Pango put it (nothing to do),
    or when the font or the glyphs do not allow a composite glyph.
    """
    from weasyprint.text.ffi import FROM_UNITS, pango

    first, last = group.indices[0], group.indices[-1]
    geometry = glyphs[first].geometry
    if group.rtl or (len(group.indices) == 1 and not geometry.x_offset and not geometry.y_offset):
        return False
    if not _can_remap(font) or "fvar" in font.tables:
        _warn_once(font)
        return False
    if any(glyphs[k].glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG for k in group.indices) or any(
        glyphs[k].geometry.width  # a glyph between them that is drawn as nothing
        for k in range(first, last + 1)
        if k not in group.indices
    ):
        return False
    # Replay draw_first_line's arithmetic to place each glyph of the group:
    # x in 1/1000 em from the pen, y (text rise) in text space units.
    pen = 0.0
    placed = []
    total_width = 0
    for k in group.indices:
        geometry = glyphs[k].geometry
        gid = glyphs[k].glyph
        offset = geometry.x_offset / font_size
        logical_width = _glyph_width(stream, font, pango_font, font_size, gid)
        kerning = logical_width + offset - geometry.width * 1000 * FROM_UNITS / font_size
        placed.append((gid, pen + offset, geometry.y_offset / 1000))
        pen += offset + logical_width - (int(kerning) if kerning else 0)
        total_width += geometry.width
    components = tuple(
        (gid, round(x * font.upem / 1000), round(-y / font_size * font.upem))
        for gid, x, y in placed
    )
    # A marks group moves the pen by a fraction of a unit (WeasyPrint truncates
    # its adjustments); give it no advance rather than a negative one.
    pen = max(pen, 0.0)
    advance = round(pen * font.upem / 1000)
    cid = _state(stream, font).cid_for(font, ("composite", components, advance), group.text)
    if cid is None:
        logger.warning('Too many PDF text codes for font "%s"', font.family)
        return False
    font.to_unicode[cid] = group.text
    font.widths[cid] = round(pen, 3)
    return cid, total_width


def _code_for(stream, font, pango_font, font_size, glyph_item, i, glyph_id, width, plan):
    """Return ``(code, width, glyph_info)`` to draw glyph ``i`` of the run.

    ``glyph_id`` is the code WeasyPrint would write and ``width`` its advance
    (Pango units). The first glyph of a group of several glyphs, or of one glyph
    drawn with an offset, gets the code of a composite glyph that draws the whole
    group, with the offsets inside it; its width is the group's advance, and
    ``glyph_info`` a stand-in with no offsets. The group's other glyphs get
    ``code=None`` and are not drawn on their own. Other glyphs keep their code,
    or get a new one if that glyph already means another text.
    """
    state = _state(stream, font)
    glyphs = glyph_item.glyphs.glyphs
    glyph_info = glyphs[i]
    group, own_text = plan[i]
    text = group.text
    if group.composite is None:  # decided once, by the group's first glyph
        group.composite = _composite(stream, font, pango_font, font_size, glyphs, group)
    if group.composite is False:
        if len(group.indices) > 1:
            text = own_text  # glyphs drawn one by one, as WeasyPrint does
    elif i != group.indices[0]:
        return None, width, glyph_info  # drawn by the group's first glyph
    else:
        cid, total_width = group.composite
        return cid, total_width, _Unshifted

    known = font.to_unicode.get(glyph_id)
    if known is None:
        font.to_unicode[glyph_id] = text
        return glyph_id, width, glyph_info
    if known == text or not _can_remap(font) or glyph_id >= font.glyph_count:
        return glyph_id, width, glyph_info
    cid = state.cid_for(font, ("glyph", glyph_id), text)
    if cid is None:
        logger.warning('Too many PDF text codes for font "%s"', font.family)
        return glyph_id, width, glyph_info
    font.to_unicode[cid] = text
    font.widths[cid] = _glyph_width(stream, font, pango_font, font_size, glyph_id)
    return cid, width, glyph_info


def _warn_once(font):
    if not font.__dict__.get("_prongsai_warned"):
        font._prongsai_warned = True
        logger.warning(
            'The PDF text of Thai marks in font "%s" may be wrong: only static '
            "TrueType (.ttf) fonts are fixed by prongsai.documents.pdf_text",
            font.family,
        )


# --- Fonts ------------------------------------------------------------------------


def _clean(self, to_unicode, hinting):
    """``Font.clean``, then add the composite glyphs to the embedded font."""
    state = self.__dict__.get("_prongsai_state")
    if state is None or not state.cids:
        return _originals["clean"](self, to_unicode, hinting)
    if to_unicode:  # subsetting: keep the glyphs the new CIDs draw, not the CIDs
        missing = set(self.missing.values())
        to_unicode = {
            code: text
            for code, text in to_unicode.items()
            if code < self.glyph_count or code in missing
        }
        for target in state.cids.values():
            gids = [target[1]] if target[0] == "glyph" else [c[0] for c in target[1]]
            for gid in gids:
                to_unicode.setdefault(gid, "")
    _originals["clean"](self, to_unicode, hinting)
    state.gid_of_cid = _add_composites(self, state)


def _add_composites(font, state: _FontState) -> dict[int, int]:
    """Add the state's composite glyphs to ``font.file_content``; map CIDs to GIDs."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    gid_of_cid = {cid: target[1] for cid, target in state.cids.items() if target[0] == "glyph"}
    composites = {cid: target[1:] for cid, target in state.cids.items() if target[0] == "composite"}
    if not composites:
        return gid_of_cid
    ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index)
    order = list(ttfont.getGlyphOrder())
    glyf, hmtx = ttfont["glyf"], ttfont["hmtx"]
    new_gids: dict[tuple, int] = {}
    for cid, (components, advance) in sorted(composites.items(), reverse=True):
        gid = new_gids.get((components, advance))
        if gid is None:
            glyph = Glyph()
            glyph.numberOfContours = -1
            glyph.components = []
            for component_gid, x, y in components:
                component = GlyphComponent()
                component.glyphName = order[component_gid]
                component.x, component.y = x, y
                component.flags = 0
                glyph.components.append(component)
            gid = new_gids[components, advance] = len(order)
            name = f"prongsai.{gid}"
            order.append(name)
            glyf.glyphs[name] = glyph
            hmtx[name] = (advance, 0)
        gid_of_cid[cid] = gid
    ttfont.setGlyphOrder(order)
    glyf.glyphOrder = order
    for (_, advance), gid in new_gids.items():  # left side bearing = xMin
        glyph = glyf.glyphs[order[gid]]
        glyph.recalcBounds(glyf)
        hmtx[order[gid]] = (advance, getattr(glyph, "xMin", 0))
    for tag in ("hdmx", "LTSH", "VDMX", "vmtx", "vhea"):  # per-glyph tables
        if tag in ttfont:
            del ttfont[tag]
    output = io.BytesIO()
    ttfont.save(output)
    font.file_content = output.getvalue()
    return gid_of_cid


def _build_vector_font_dictionary(
    font_dictionary, pdf, font, widths, compress, reference, pdf_version
):
    """WeasyPrint's function, plus a ``CIDToGIDMap`` for the new CIDs."""
    state = font.__dict__.get("_prongsai_state")
    used = sorted(cid for cid in (state.cids if state else ()) if cid in font.to_unicode)
    if used and widths is not font.widths:
        # The font is embedded whole (no subsetting, or used by a form field):
        # WeasyPrint took the widths and the ToUnicode map from the font file.
        for cid in used:
            widths[cid] = font.widths[cid]
        _merge_to_unicode(pdf, font_dictionary["ToUnicode"], font.to_unicode)
    _originals["build_vector"](font_dictionary, pdf, font, widths, compress, reference, pdf_version)
    if not used:
        return
    descendant = _object(pdf, font_dictionary["DescendantFonts"][0])
    if (
        descendant["Subtype"] != "/CIDFontType2"
        or descendant["CIDToGIDMap"] != "/Identity"
        or any(cid not in state.gid_of_cid for cid in used)
    ):
        raise RuntimeError("prongsai.documents.pdf_text: unexpected PDF font state")
    # Two bytes (big endian) per CID: identity for the font's own glyphs, 0 in the
    # unused gap (it compresses to almost nothing), then the new CIDs' glyphs.
    lowest = used[0]
    identity_end = min(lowest, font.glyph_count)
    gids = bytearray()
    for cid in range(identity_end):
        gids += cid.to_bytes(2, "big")
    gids += bytes(2 * (lowest - identity_end))
    for cid in range(lowest, used[-1] + 1):
        gids += state.gid_of_cid.get(cid, 0).to_bytes(2, "big")
    import pydyf

    cid_to_gid = pydyf.Stream([bytes(gids)], compress=compress)
    pdf.add_object(cid_to_gid)
    descendant["CIDToGIDMap"] = cid_to_gid.reference


def _build_fonts_dictionary(pdf, fonts, compress, subset, options):
    """WeasyPrint's function; Font objects sharing a PDF font share their maps.

    WeasyPrint writes one PDF font per Font object but names it by the font's
    hash, so when two Font objects have the same hash the last one's widths and
    ToUnicode map serve the text drawn with both.
    """
    by_hash: dict[str, list] = {}
    for font in fonts.values():
        by_hash.setdefault(font.hash, []).append(font)
    for group in by_hash.values():
        if len(group) > 1 and any("_prongsai_state" in f.__dict__ for f in group):
            to_unicode: dict[int, str] = {}
            widths: dict[int, int] = {}
            for font in group:
                for code, text in font.to_unicode.items():
                    to_unicode.setdefault(code, text)
                for code, width in font.widths.items():
                    widths.setdefault(code, width)
            for font in group:
                font.to_unicode.update(to_unicode)
                font.widths.update(widths)
    return _originals["build_fonts"](pdf, fonts, compress, subset, options)


def _object(pdf, reference):
    """The pydyf object that ``reference`` (b"N 0 R") points to."""
    return pdf.objects[int(bytes(reference).split()[0])]


def _merge_to_unicode(pdf, reference, to_unicode):
    """Rewrite a ToUnicode CMap stream with ``to_unicode`` over its entries."""
    stream = _object(pdf, reference).stream
    begin = stream.index(b"endcodespacerange") + 1
    end = stream.index(b"endcmap")
    mapping = {}
    for line in stream[begin:end]:
        if line.startswith(b"<"):
            code, text = line.split(b" ", 1)
            mapping[int(code[1:-1], 16)] = bytes.fromhex(text.strip().strip(b"<>").decode()).decode(
                "utf-16-be"
            )
    mapping.update(to_unicode)
    items = sorted(mapping.items())
    lines = []
    for i in range(ceil(len(items) / 100)):
        batch = items[i * 100 : (i + 1) * 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        for code, text in batch:
            lines.append(f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode())
        lines.append(b"endbfchar")
    stream[begin:end] = lines
