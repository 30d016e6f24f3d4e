"""HTML descriptions to plain text on the standard library's HTMLParser."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.importer.text import clean_multiline, html_to_line, html_to_text


def test_scripts_styles_templates_and_noscript_leave_nothing_behind():
    html = ("<style>.x { color: red }</style><p>Kasir</p><script>if (a > b) alert('x')</script>"
            "<template><b>Hidden</b></template><noscript>Aktifkan JavaScript</noscript>")
    assert clean_multiline(html_to_text(html)) == "Kasir"


def test_a_greater_than_sign_inside_an_attribute_is_not_the_end_of_the_tag():
    html = '<p title="gaji > 3 juta" data-x=\'a>b\'>Operator produksi</p>'
    assert clean_multiline(html_to_text(html)) == "Operator produksi"


def test_blocks_become_lines_paragraphs_get_an_empty_line_and_list_items_dashes():
    html = ("<h2>Syarat</h2><ul><li>SMA/SMK</li><li>Jujur &amp; ramah</li></ul>"
            "<div>Gaji</div><table><tr><td>Pokok</td><td>Rp 3 juta</td></tr></table>"
            "Hubungi<br>kami")
    assert clean_multiline(html_to_text(html)).split("\n") == [
        "Syarat", "", "- SMA/SMK", "- Jujur & ramah", "", "Gaji", "", "Pokok Rp 3 juta", "",
        "Hubungi", "kami",
    ]
    assert html_to_line("Kasir &amp; <b>Admin</b><br/>Toko") == "Kasir & Admin Toko"


def test_text_without_tags_keeps_its_signs_and_only_decodes_entities():
    assert html_to_text("umur < 30 & > 18") == "umur < 30 & > 18"
    assert html_to_text("Rp 3 juta &ndash; 4 juta") == "Rp 3 juta – 4 juta"
    assert html_to_text("usia < 30, <b>wajib</b> SIM") == "usia < 30, wajib SIM"


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789 .,:;!?()/'\"=+", max_size=12)
_ATTRIBUTE = st.text(alphabet="ab<>/=' ", max_size=8).map(
    lambda v: ' title="' + v.replace('"', "") + '"')
_HIDDEN_WORD = "SEMBUNYI"


@st.composite
def _fragment(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """(HTML, the text a reader sees) for a random tree of tags, text and hidden elements."""
    html: list[str] = []
    seen: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "tag", "hidden", "br", "entity"]))
        if kind == "text":
            words = draw(_WORDS)
            html.append(words.replace("'", "&#39;").replace('"', "&quot;"))
            seen.append(words)
        elif kind == "entity":
            html.append("&amp;&lt;&gt;")
            seen.append("&<>")
        elif kind == "br":
            html.append("<br/>" if draw(st.booleans()) else "<br>")
        elif kind == "hidden":
            tag = draw(st.sampled_from(["script", "style", "template", "noscript"]))
            html.append(f"<{tag}>{_HIDDEN_WORD} if (a < b) {{}}</{tag}>")
        elif depth < 3:
            tag = draw(st.sampled_from(["p", "b", "div", "span", "li", "h3", "td", "a", "em"]))
            inner_html, inner_seen = draw(_fragment(depth + 1))
            html.append(f"<{tag}{draw(_ATTRIBUTE)}>{inner_html}</{tag}>")
            seen.append(inner_seen)
    return "".join(html), "".join(seen)


def _squeeze(text: str) -> str:
    return "".join(text.replace("- ", "").split())


@given(_fragment())
def test_no_markup_survives_and_no_text_is_lost(fragment: tuple[str, str]) -> None:
    html, seen = fragment
    # At least one tag makes it HTML for the converter; plain text is passed through as is.
    text = html_to_text("<span>" + html + "</span>")
    assert _HIDDEN_WORD not in text
    assert "title=" not in text and "<span" not in text and "</" not in text
    assert _squeeze(text) == _squeeze(seen)
    line = html_to_line("<span>" + html + "</span>")
    assert "\n" not in line and _squeeze(line) == _squeeze(seen)
