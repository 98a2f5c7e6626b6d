"""Every validation rule: a failing fixture gives the rule at the right line, a passing one is clean.

Fixtures live in tests/fixtures/rules/<ID>-<name>/{fail,pass}/, laid over the
small valid corpus in tests/fixtures/base/ (so references can resolve).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import write_png
from sdw.load import load_all
from sdw.problems import RULES
from sdw.report import format_problem
from sdw.validate import validate

RULES_DIR = Path(__file__).parent / "fixtures" / "rules"
BASE = Path(__file__).parent / "fixtures" / "base"

# (case folder, file inside fail/, rule ID, line, words the message must contain)
EXPECTED = [
    ("SDW001-geen-utf8", "verhalen/verhaal.md", "SDW001", 2, "geen UTF-8"),
    ("SDW002-leeg-bestand", "verhalen/verhaal.md", "SDW002", 1, "leeg"),
    ("SDW003-geen-front-matter", "verhalen/verhaal.md", "SDW003", 1, "Regel 1 moet '---' zijn"),
    ("SDW004-front-matter-niet-gesloten", "verhalen/verhaal.md", "SDW004", 1, "nergens afgesloten"),
    ("SDW005-yaml-fout", "verhalen/dubbele-punt.md", "SDW005", 2, "dubbele punt"),
    ("SDW005-yaml-fout", "verhalen/tab.md", "SDW005", 6, "tab"),
    ("SDW005-yaml-fout", "verhalen/aanhalingsteken.md", "SDW005", 2, "aanhalingsteken"),
    ("SDW006-dubbel-veld", "verhalen/verhaal.md", "SDW006", 3, "'titel' staat twee keer"),
    ("SDW007-verplicht-veld", "verhalen/ontbreekt.md", "SDW007", 1, "'samenvatting' ontbreekt"),
    ("SDW007-verplicht-veld", "verhalen/leeg.md", "SDW007", 3, "'samenvatting' is leeg"),
    ("SDW007-verplicht-veld", "verhalen/geen-personen.md", "SDW007", 1, "'personen' ontbreekt"),
    ("SDW008-onbekend-veld", "verhalen/verhaal.md", "SDW008", 7, "Bedoelde je 'themas'?"),
    ("SDW009-verkeerd-type", "verhalen/verhaal.md", "SDW009", 5, "moet een lijst zijn"),
    ("SDW010-ongeldige-datum", "verhalen/maand-13.md", "SDW010", 4, "maand 13 bestaat niet"),
    ("SDW010-ongeldige-datum", "verhalen/geen-schrikkeljaar.md", "SDW010", 4, "februari 2019 heeft 28 dagen"),
    ("SDW010-ongeldige-datum", "verhalen/nederlandse-volgorde.md", "SDW010", 4, "schrijf 2018-12-05"),
    ("SDW011-onbekende-verwijzing", "verhalen/verhaal.md", "SDW011", 8,
     "Bedoelde je 'stigma-en-beeldvorming'? Kies uit: ips, stigma-en-beeldvorming"),
    ("SDW012-dubbel-adres", "verhalen.md", "SDW012", 1, "hetzelfde adres"),
    ("SDW012-dubbel-adres", "verhalen/index.md", "SDW012", 1, "overzicht van verhalen/"),
    ("SDW012-dubbel-adres", "edities/nog-een-editie.md", "SDW012", 4, "Editie nummer 1 bestaat al"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/Mijn Verhaal.md", "SDW013", 1, "'mijn-verhaal.md'"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/afbeeldingen/foto (1).png", "SDW013", 1,
     "bevat een spatie; zo'n naam past niet veilig in een webadres, en de afbeelding komt niet op de site. "
     "Hernoem het bestand naar 'foto-1.png'"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/afbeeldingen/café.png", "SDW013", 1, "'cafe.png'"),
    ("SDW013-ongeldige-bestandsnaam", 'verhalen/afbeeldingen/x"onerror="alert(1).png', "SDW013", 1,
     "bevat een aanhalingsteken"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/afbeeldingen/<img>.gif", "SDW013", 1, "bevat het teken '<'"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/mijn fotos/foto.png", "SDW013", 1,
     "De mapnaam 'mijn fotos' bevat een spatie"),
    ("SDW013-ongeldige-bestandsnaam", "verhalen/_foto.png", "SDW013", 1, "begint met '_'"),
    ("SDW014-onbekende-map", "blog/verhaal.md", "SDW014", 1, "'blog/' is geen soort inhoud"),
    ("SDW015-ongeldige-keuze", "verhalen/verhaal.md", "SDW015", 7, "Bedoelde je 'interview'?"),
    ("SDW016-ongeldig-webadres", "kennis/rapport.md", "SDW016", 8, "geen volledig webadres"),
    ("SDW016-ongeldig-webadres", "kennis/spatie.md", "SDW016", 8, "bevat een spatie (teken 28)"),
    ("SDW016-ongeldig-webadres", "kennis/aanhalingsteken.md", "SDW016", 8, "bevat een aanhalingsteken"),
    ("SDW016-ongeldig-webadres", "kennis/markdown.md", "SDW016", 8, "bevat '['"),
    ("SDW016-ongeldig-webadres", "kennis/javascript.md", "SDW016", 8,
     "'javascript:alert(1)' in 'link' is geen volledig webadres"),
    ("SDW016-ongeldig-webadres", "kennis/zonder-host.md", "SDW016", 8, "geen geldige websitenaam"),
    ("SDW016-ongeldig-webadres", "kennis/gebruiker.md", "SDW016", 8, "geen geldige websitenaam"),
    ("SDW016-ongeldig-webadres", "videos/video.md", "SDW016", 7, "'video_url' bevat een aanhalingsteken"),
    ("SDW017-te-lang", "verhalen/verhaal.md", "SDW017", 3, "er mogen er 300"),
    ("SDW018-bom", "verhalen/verhaal.md", "SDW018", 1, "BOM"),
    ("SDW019-windows-regeleinden", "verhalen/verhaal.md", "SDW019", 1, "CRLF"),
    ("SDW020-lege-tekst", "verhalen/verhaal.md", "SDW020", 11, "geen tekst"),
    ("SDW021-geen-mapping", "verhalen/verhaal.md", "SDW021", 2, "geen lijst van velden"),
    ("SDW022-ongeldig-getal", "edities/editie-2.md", "SDW022", 4, "'twee'"),
    ("SDW009-verkeerd-type", "verhalen/ja-nee.md", "SDW009", 7, "maar is de tekst 'no'"),
    ("SDW023-kapotte-link", "verhalen/verhaal.md", "SDW023", 12, "Bedoelde je '../themas/ips.md'?"),
    ("SDW024-verboden-html", "verhalen/script.md", "SDW024", 13, "<script> is niet toegestaan"),
    ("SDW024-verboden-html", "verhalen/style.md", "SDW024", 12, "<style>"),
    ("SDW024-verboden-html", "verhalen/formulier.md", "SDW024", 12, "<form>"),
    ("SDW024-verboden-html", "verhalen/iframe.md", "SDW024", 12, "<iframe> van 'tracker.example.com'"),
    ("SDW025-event-attribuut", "verhalen/verhaal.md", "SDW025", 12, "'onclick' op <a>"),
    ("SDW025-event-attribuut", "verhalen/meerdere-regels.md", "SDW025", 12, "'onmouseover' op <span>"),
    ("SDW038-verboden-attribuut", "verhalen/data-attribuut.md", "SDW038", 12,
     "'data-sdw-video' is niet toegestaan: data-attributen zijn voor de site zelf"),
    ("SDW038-verboden-attribuut", "verhalen/stijl.md", "SDW038", 12, 'style="position:fixed'),
    ("SDW038-verboden-attribuut", "verhalen/attributenlijst.md", "SDW038", 12,
     "In een attributenlijst { … }: het attribuut 'data-md-component'"),
    ("SDW038-verboden-attribuut", "verhalen/target.md", "SDW038", 12, 'target="venster" is niet toegestaan op <a>'),
    ("SDW038-verboden-attribuut", "verhalen/download.md", "SDW038", 12, "'download' is niet toegestaan op <a>"),
    ("SDW039-gereserveerde-naam", "verhalen/config.md", "SDW039", 12, "Het id '__config' begint met '__'"),
    ("SDW039-gereserveerde-naam", "verhalen/class.md", "SDW039", 12, "De class 'md-dialog' begint met 'md-'"),
    ("SDW039-gereserveerde-naam", "verhalen/kopje.md", "SDW039", 12, "krijgt het adres '#sdw-feedback'"),
    ("SDW039-gereserveerde-naam", "verhalen/blok.md", "SDW039", 12, "In een blok met !!!: de class 'md-typeset'"),
    ("SDW039-gereserveerde-naam", "verhalen/attributenlijst.md", "SDW039", 13, "'sdw-feedback-vraag'"),
    ("SDW044-te-complex", "verhalen/haakjes.md", "SDW044", 12, "'[' of '](' in die nergens worden gesloten"),
    ("SDW026-onveilige-link", "verhalen/verhaal.md", "SDW026", 12, "'javascript:alert(1)' gebruikt 'javascript'"),
    ("SDW026-onveilige-link", "verhalen/data.md", "SDW026", 12, "gebruikt 'data'"),
    ("SDW026-onveilige-link", "verhalen/html.md", "SDW026", 12, "'JaVaScRiPt:alert(1)'"),
    ("SDW026-onveilige-link", "verhalen/referentie.md", "SDW026", 14, "'javascript:alert(1)'"),
    ("SDW027-afbeelding-ontbreekt", "verhalen/verhaal.md", "SDW027", 12, "bestaat niet in content/"),
    ("SDW028-geen-alt-tekst", "verhalen/verhaal.md", "SDW028", 12, "geen alt-tekst"),
    ("SDW028-geen-alt-tekst", "verhalen/html.md", "SDW028", 12, "geen alt-tekst"),
    ("SDW028-geen-alt-tekst", "verhalen/voorpagina.md", "SDW028", 10, "'afbeelding' heeft geen alt-tekst"),
    ("SDW029-bestand-te-groot", "verhalen/afbeeldingen/foto.png", "SDW029", 1, "de grens is 500 kB"),
    ("SDW029-bestand-te-groot", "verhalen/heel-lang.md", "SDW029", 1, "de grens is 256 kB"),
    ("SDW030-symlink", "verhalen/verhaal.md", "SDW030", 1, "symlink"),
    ("SDW030-symlink", "gedeeld", "SDW030", 1, "symlink"),
    ("SDW031-onbekend-bestand", "verhalen/rapport.pdf", "SDW031", 1, "'.pdf'"),
    ("SDW032-externe-afbeelding", "verhalen/verhaal.md", "SDW032", 12, "van een andere website"),
    ("SDW033-nog-invullen", "verhalen/verhaal.md", "SDW033", 3, "'VUL IN'"),
    ("SDW034-datum-zonder-dag", "evenementen/alleen-maand.md", "SDW034", 4,
     "'2021-11' in 'datum' noemt geen dag"),
    ("SDW034-datum-zonder-dag", "evenementen/einddatum-alleen-jaar.md", "SDW034", 7,
     "'2021' in 'einddatum' noemt geen dag"),
    ("SDW035-einddatum-voor-datum", "evenementen/bijeenkomst.md", "SDW035", 7,
     "De einddatum 3 november 2021 ligt vóór de datum 4 november 2021"),
    ("SDW027-afbeelding-ontbreekt", "videos/video.md", "SDW027", 8,
     "'afbeeldingen/bestaat-niet.png' in 'poster' bestaat niet in content/"),
    ("SDW032-externe-afbeelding", "videos/video.md", "SDW032", 8, "in 'poster' komt van een andere website"),
    ("SDW036-onbekende-videodienst", "videos/video.md", "SDW036", 7, "geen video op YouTube of Vimeo"),
    ("SDW037-video-zonder-tekst", "videos/video.md", "SDW037", 10, "5 woorden; er moeten er minstens 30"),
    ("SDW040-onzichtbaar-teken", "verhalen/titel.md", "SDW040", 2,
     "Het veld 'titel' bevat op teken 16 een onzichtbaar of stuurteken: U+202E (richtingsteken)"),
    ("SDW040-onzichtbaar-teken", "verhalen/samenvatting.md", "SDW040", 3, "U+001B (stuurteken)"),
    ("SDW040-onzichtbaar-teken", "verhalen/persoon.md", "SDW040", 8, "'naam' bevat op teken 9"),
    ("SDW040-onzichtbaar-teken", "verhalen/front-stuurteken.md", "SDW040", 2, "U+0007 (stuurteken)"),
    ("SDW040-onzichtbaar-teken", "verhalen/tekst-richtingsteken.md", "SDW040", 12,
     "12:11: fout [SDW040 onzichtbaar-teken] Hier staat een onzichtbaar of stuurteken in de tekst: U+202E"),
    ("SDW040-onzichtbaar-teken", "verhalen/tekst-stuurteken.md", "SDW040", 13, "13:6: fout"),
    ("SDW040-onzichtbaar-teken", "verhalen/tekst-onzichtbaar.md", "SDW040", 12, "U+200B (onzichtbare spatie)"),
    ("SDW040-onzichtbaar-teken", "verhalen/tekst-isolaat.md", "SDW040", 12, "U+2066 (richtingsteken)"),
    ("SDW041-yaml-verwijzing", "verhalen/anker.md", "SDW041", 2, "2:8: fout [SDW041 yaml-verwijzing] Hier staat "
     "een YAML-anker ('&titel')"),
    ("SDW041-yaml-verwijzing", "verhalen/verwijzing.md", "SDW041", 3, "3:15: fout [SDW041 yaml-verwijzing] Hier staat "
     "een YAML-verwijzing ('*titel')"),
    ("SDW041-yaml-verwijzing", "verhalen/label.md", "SDW041", 3, "een YAML-label ('!!python/object/apply:os.system')"),
    ("SDW041-yaml-verwijzing", "verhalen/eigen-label.md", "SDW041", 3, "een YAML-label ('!')"),
    ("SDW042-front-matter-te-groot", "verhalen/diep.md", "SDW042", 5, "5:15: fout [SDW042 front-matter-te-groot] De "
     "front-matter is hier dieper genest dan 8 niveaus"),
    ("SDW042-front-matter-te-groot", "verhalen/groot.md", "SDW042", 1, "de grens is 64 kB"),
    ("SDW042-front-matter-te-groot", "verhalen/veel.md", "SDW042", 1001, "meer dan 2000 waarden"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/afbeeldingen/nep.png", "SDW043", 1,
     "Dit bestand heet .png, maar de inhoud is geen PNG-afbeelding (het lijkt een SVG-tekening"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/afbeeldingen/pagina.jpg", "SDW043", 1, "het lijkt een HTML-pagina"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/afbeeldingen/verkeerd.gif", "SDW043", 1,
     "geen GIF-afbeelding (het lijkt een PNG-afbeelding; geef het de extensie .png)"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/afbeeldingen/film.webp", "SDW043", 1, "geen WebP-afbeelding"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/verhaal.md", "SDW027", 12,
     "De afbeelding 'afbeeldingen/nep.png' komt niet op de site: ze is geweigerd (SDW043 afbeelding-klopt-niet, "
     "zie content/verhalen/afbeeldingen/nep.png)"),
    ("SDW043-afbeelding-klopt-niet", "verhalen/voorpagina.md", "SDW027", 10, "'afbeeldingen/pagina.jpg' komt niet"),
    ("SDW029-bestand-te-groot", "verhalen/verhaal.md", "SDW027", 12,
     "12:19: fout [SDW027 afbeelding-ontbreekt] De afbeelding 'afbeeldingen/foto.png' komt niet op de site: ze is "
     "geweigerd omdat ze te groot is (SDW029 bestand-te-groot, zie content/verhalen/afbeeldingen/foto.png). "
     "Verklein de afbeelding"),
    ("SDW045-kopniveau", "verhalen/hoofdkopje.md", "SDW045", 12,
     "12:1: fout [SDW045 kopniveau] Dit kopje heeft niveau 1 ('#', '===' of <h1>), maar de titel van de pagina is al "
     "het hoofdkopje (niveau 1). Gebruik ## voor een kopje"),
    ("SDW045-kopniveau", "verhalen/onderstreept.md", "SDW045", 12, "Dit kopje heeft niveau 1"),
    ("SDW045-kopniveau", "verhalen/html.md", "SDW045", 12, "Dit kopje heeft niveau 1"),
    ("SDW045-kopniveau", "verhalen/overgeslagen.md", "SDW045", 16,
     "16:1: fout [SDW045 kopniveau] Dit kopje heeft niveau 4 ('####'), maar na een kopje van niveau 2 ('##') hoort "
     "niveau 3 ('###'): er wordt een niveau overgeslagen."),
    ("SDW045-kopniveau", "verhalen/begin-te-diep.md", "SDW045", 12,
     "maar na de titel van de pagina hoort niveau 2 ('##')"),
    ("SDW046-gekrulde-aanhalingstekens", "verhalen/titel.md", "SDW046", 2,
     "2:8: fout [SDW046 gekrulde-aanhalingstekens] De waarde van 'titel' staat tussen gekrulde aanhalingstekens "
     "(“…”); YAML ziet die niet als aanhalingstekens en zet ze in de tekst. Gebruik rechte aanhalingstekens (\") "
     "rond de waarde. Schrijf titel: \"Een verhaal\"."),
    ("SDW046-gekrulde-aanhalingstekens", "verhalen/persoon.md", "SDW046", 9, "De waarde van 'rol' staat tussen"),
    ("SDW046-gekrulde-aanhalingstekens", "verhalen/doelgroep.md", "SDW046", 6,
     "De waarde van 'doelgroepen' staat tussen gekrulde aanhalingstekens („…”)"),
    ("SDW046-gekrulde-aanhalingstekens", "verhalen/dubbele-punt.md", "SDW005", 2,
     "De waarde staat tussen gekrulde aanhalingstekens (“…”); YAML ziet die niet als aanhalingstekens, en "
     "struikelt daarom over de dubbele punt (of een ander teken) erin. De aanhalingstekens moeten rechte zijn. "
     "Vervang ze door rechte aanhalingstekens (\"): titel: \"Werk: het beste medicijn\"."),
    ("SDW047-volledig-adres-eigen-site", "verhalen/verhaal.md", "SDW047", 12,
     "12:22: fout [SDW047 volledig-adres-eigen-site] De link 'https://www.sterkdoorwerk.nl/themas/ips/#aanpak' "
     "wijst met het volledige webadres naar een pagina van deze site. Link met het pad naar het .md-bestand, gezien "
     "vanaf dit bestand: '../themas/ips.md#aanpak'."),
    ("SDW047-volledig-adres-eigen-site", "verhalen/wie.md", "SDW047", 12, "'../over-ons.md'"),
    ("SDW047-volledig-adres-eigen-site", "verhalen/html.md", "SDW047", 12,
     "Die pagina staat niet in content/; controleer het adres."),
    ("SDW048-lijst-verkeerd-ingesprongen", "verhalen/verhaal.md", "SDW048", 6,
     "(twee spaties, streepje, spatie). YAML leest nu 'werkgevers - professionals' als één naam."),
    ("SDW048-lijst-verkeerd-ingesprongen", "verhalen/naast-de-naam.md", "SDW048", 5,
     "5:14: fout [SDW048 lijst-verkeerd-ingesprongen] Het lijstje onder 'doelgroepen' is verkeerd ingesprongen: zet "
     "elk item op een eigen regel die begint met"),
    ("SDW049-link-zonder-tekst", "verhalen/verhaal.md", "SDW049", 12,
     "12:14: fout [SDW049 link-zonder-tekst] De link naar 'https://www.example.org/rapport' heeft geen tekst"),
    ("SDW049-link-zonder-tekst", "verhalen/nadruk.md", "SDW049", 13, "Zet tussen de blokhaken waar de link heen gaat"),
]


def _make_oversized(content: Path) -> None:
    (content / "verhalen" / "afbeeldingen").mkdir(parents=True, exist_ok=True)
    (content / "verhalen" / "afbeeldingen" / "foto.png").write_bytes(b"\x89PNG" + b"0" * 600 * 1024)
    (content / "verhalen" / "heel-lang.md").write_text("---\n" + "x" * 300 * 1024, encoding="utf-8")


def _make_symlinks(content: Path) -> None:
    outside = content.parent / "buiten"
    (outside / "map").mkdir(parents=True)
    (outside / "geheim.md").write_text("---\ntitel: geheim\n---\n", encoding="utf-8")
    (content / "verhalen").mkdir(exist_ok=True)
    (content / "verhalen" / "verhaal.md").symlink_to(outside / "geheim.md")
    (content / "gedeeld").symlink_to(outside / "map", target_is_directory=True)


def _story(path: Path, *, titel: str = '"Een verhaal"', extra: str = "", body: str = "Tekst van het verhaal.") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitel: {titel}\nsamenvatting: \"Een korte samenvatting.\"\ndatum: 2018-12-05\n"
                    "doelgroepen:\n  - werkgevers\npersonen:\n  - naam: Voornaam Achternaam\n    rol: functie\n"
                    f"{extra}---\n\n{body}\n", encoding="utf-8")


def _make_invisible_characters(content: Path) -> None:
    stories = content / "verhalen"
    _story(stories / "front-stuurteken.md", titel='"Een \x07verhaal"')
    _story(stories / "tekst-richtingsteken.md", body="Tekst met \u202eomgekeerde tekst\u202c erin.")
    _story(stories / "tekst-stuurteken.md", body="Eerste regel.\nTwee \x1b[2J\x1b]0;titel\x07 regels.")
    _story(stories / "tekst-onzichtbaar.md", body="Een on\u200bzichtbare spatie.")
    _story(stories / "tekst-isolaat.md", body="Een \u2066isolaat\u2069, met \u200d en \u00ad die wel mogen.")


def _make_large_front_matter(content: Path) -> None:
    stories = content / "verhalen"
    _story(stories / "groot.md", extra="tekst: |\n" + "  regel met tekst\n" * 4000)
    stories.joinpath("veel.md").write_text("---\n" + "".join(f"veld{i}: waarde\n" for i in range(1100))
                                           + "---\n\nTekst.\n", encoding="utf-8")


def _make_unsafe_image_names(content: Path) -> None:
    for name in ("afbeeldingen/foto (1).png", "afbeeldingen/café.png", 'afbeeldingen/x"onerror="alert(1).png',
                 "afbeeldingen/<img>.gif", "mijn fotos/foto.png", "_foto.png"):
        write_png(content / "verhalen" / name, 2, 2)


# Cases that cannot be stored as small files in git: made when the test runs.
BUILDERS = {"SDW029-bestand-te-groot": _make_oversized, "SDW030-symlink": _make_symlinks,
            "SDW040-onzichtbaar-teken": _make_invisible_characters,
            "SDW042-front-matter-te-groot": _make_large_front_matter,
            "SDW013-ongeldige-bestandsnaam": _make_unsafe_image_names}


def case_content(tmp_path: Path, case: str, kind: str) -> Path:
    """tmp_path/content: the base corpus with the case's `kind` ("fail" or "pass") laid over it."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    if (RULES_DIR / case / kind).is_dir():
        shutil.copytree(RULES_DIR / case / kind, content, dirs_exist_ok=True)
    if kind == "fail" and case in BUILDERS:
        BUILDERS[case](content)
    return content


def run_case(tmp_path: Path, case: str, kind: str):
    return validate(load_all(case_content(tmp_path, case, kind), tmp_path))


@pytest.mark.parametrize("case, path, rule, line, words", EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED])
def test_failing_fixture_reports_rule_at_line(tmp_path, case, path, rule, line, words):
    result = run_case(tmp_path, case, "fail")
    found = [p for p in result.problems if p.path == f"content/{path}"]
    assert [(p.rule.id, p.line) for p in found] == [(rule, line)], [format_problem(p) for p in found]
    assert words in format_problem(found[0])
    assert result.ok is (RULES[rule].severity.value == "waarschuwing")


@pytest.mark.parametrize("case", sorted({e[0] for e in EXPECTED}))
def test_passing_fixture_is_clean(tmp_path, case):
    result = run_case(tmp_path, case, "pass")
    assert result.problems == (), [format_problem(p) for p in result.problems]


def test_every_rule_has_a_failing_and_a_passing_case():
    from test_readability import EXPECTED as READABILITY  # readability's rules: tests/test_readability.py
    from test_thesaurus import EXPECTED as SEARCH_WORDS  # the search words' rules: tests/test_thesaurus.py
    assert {e[2] for e in EXPECTED} | {e[2] for e in SEARCH_WORDS} | {e[2] for e in READABILITY} == set(RULES)
    assert {e[0] for e in EXPECTED} == {d.name for d in RULES_DIR.iterdir()}
    assert len(EXPECTED) >= 25


def test_every_kind_of_value_has_exactly_one_check():
    """Value checks are dispatched by the field's kind from a table: a new Kind without a check
    would otherwise fail only when an author first uses it."""
    from sdw.schema import Kind
    from sdw.validate import _LIST_KINDS, _SCALAR_KINDS

    assert set(_LIST_KINDS) | set(_SCALAR_KINDS) == set(Kind)
    assert not set(_LIST_KINDS) & set(_SCALAR_KINDS)


def test_the_secret_behind_a_symlink_is_never_read(tmp_path):
    result = run_case(tmp_path, "SDW030-symlink", "fail")
    assert "geheim" not in {r.slug for r in result.records}
    assert all("geheim" not in p.message for p in result.problems)


def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    for case in ("SDW005-yaml-fout", "SDW008-onbekend-veld", "SDW010-ongeldige-datum", "SDW013-ongeldige-bestandsnaam"):
        shutil.copytree(RULES_DIR / case / "fail", content, dirs_exist_ok=True)
    result = validate(load_all(content, tmp_path))
    assert {p.rule.id for p in result.problems} == {"SDW005", "SDW008", "SDW010", "SDW013"}
    assert len(result.errors) == 3 + 1 + 3 + 1


def test_yaml_booleans_and_numbers_stay_text_in_text_fields(tmp_path):
    result = run_case(tmp_path, "SDW009-verkeerd-type", "pass")
    record = next(r for r in result.records if r.slug == "verhaal")
    assert record.values["titel"] == "no"


def test_a_file_with_errors_is_left_out_of_the_records(tmp_path):
    result = run_case(tmp_path, "SDW008-onbekend-veld", "fail")
    assert "verhaal" not in {r.slug for r in result.records}
    assert {"werkgevers", "ips", "uwv"} <= {r.slug for r in result.records}


SDW = Path(__file__).parents[1] / "scripts" / "sdw"


def test_every_rule_is_worded_in_one_place():
    """Rules are units: a rule's ID, name, summary and messages are declared together in sdw.rules,
    and the checks raise it only through those message functions. No other module makes a Problem
    or a Violation itself, or names a rule by its name."""
    import ast

    from sdw import problems

    assert all(problems.WORDINGS[rule_id] for rule_id in RULES), "a rule without a message function"
    offenders = []
    for path in sorted(SDW.glob("*.py")):
        if path.name in ("problems.py", "rules.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("Problem", "Violation", "problem"):
                    offenders.append(f"{path.name}:{node.lineno}: {name}(…)")
            elif isinstance(node, ast.Constant) and node.value in problems.RULES_BY_NAME:
                offenders.append(f"{path.name}:{node.lineno}: '{node.value}'")
    assert not offenders, offenders


def test_limits_in_messages_come_from_the_constants_that_enforce_them():
    """The years a date may name, and the size of an image, are written once."""
    import re

    for path in sorted(SDW.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name != "dates.py":
            assert not re.search(r"\b(1900|2100)\b", text), path.name
        assert not re.search(r"\b500 kB\b|\b256 kB\b", text), path.name
