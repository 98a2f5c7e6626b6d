"""Problems found in content, and the registry of rules that can raise them.

A problem is a small frozen record; only the report module formats it.
Rule IDs are stable: never renumber or reuse one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str  # Dutch: what the rule checks
    example_fix: str  # Dutch: a typical fix, for the authors' reference


_RULES = (
    Rule("SDW001", "geen-utf8", Severity.ERROR, "Het bestand is geen UTF-8-tekst.",
         "Sla het bestand op als 'UTF-8' (in de meeste editors: Opslaan als → Codering → UTF-8)."),
    Rule("SDW002", "leeg-bestand", Severity.ERROR, "Het bestand is leeg.",
         "Vul het bestand met front-matter en tekst, of verwijder het."),
    Rule("SDW003", "geen-front-matter", Severity.ERROR,
         "Het bestand begint niet met een front-matterblok tussen twee regels '---'.",
         "Zet op regel 1 '---', daaronder de velden, en sluit af met '---'."),
    Rule("SDW004", "front-matter-niet-gesloten", Severity.ERROR,
         "Het front-matterblok wordt niet afgesloten met '---'.",
         "Zet na het laatste veld een regel met alleen '---'."),
    Rule("SDW005", "yaml-fout", Severity.ERROR, "De front-matter is geen geldige YAML.",
         "Zet waarden met een dubbele punt tussen aanhalingstekens; spring in met spaties, niet met tabs."),
    Rule("SDW006", "dubbel-veld", Severity.ERROR, "Een veld staat twee keer in de front-matter.",
         "Houd één van de twee regels over."),
    Rule("SDW007", "verplicht-veld", Severity.ERROR, "Een verplicht veld ontbreekt of is leeg.",
         "Voeg het veld toe, bijvoorbeeld 'samenvatting: \"Een korte zin.\"'."),
    Rule("SDW008", "onbekend-veld", Severity.ERROR, "Een veld bestaat niet voor dit soort pagina.",
         "Controleer de spelling ('thema' moet 'themas' zijn) of verwijder het veld."),
    Rule("SDW009", "verkeerd-type", Severity.ERROR,
         "Een veld heeft de verkeerde vorm (bijvoorbeeld tekst waar een lijst hoort).",
         "Schrijf een lijst als regels die beginnen met '  - '."),
    Rule("SDW010", "ongeldige-datum", Severity.ERROR, "Een datum bestaat niet of is verkeerd geschreven.",
         "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2018-12-05."),
    Rule("SDW011", "onbekende-verwijzing", Severity.ERROR,
         "Een verwijzing naar een doelgroep, thema, partner, regio of editie bestaat niet.",
         "Kies een bestaande naam uit de lijst in de melding, of maak die pagina eerst aan."),
    Rule("SDW012", "dubbel-adres", Severity.ERROR,
         "Twee bestanden zouden op hetzelfde webadres of met hetzelfde nummer verschijnen.",
         "Geef een van de bestanden een andere bestandsnaam of een ander nummer."),
    Rule("SDW013", "ongeldige-bestandsnaam", Severity.ERROR,
         "De bestandsnaam is geen geldige slug (kleine letters, cijfers en streepjes, eindigt op .md), of de naam "
         "van een afbeelding of map bevat andere tekens dan letters, cijfers, '-', '_' en '.'.",
         "Hernoem 'Mijn Verhaal.md' naar 'mijn-verhaal.md' en 'Foto (1).JPG' naar 'foto-1.jpg'."),
    Rule("SDW014", "onbekende-map", Severity.ERROR, "Het bestand staat in een map die geen soort inhoud is.",
         "Verplaats het bestand naar een van de mappen uit de melding."),
    Rule("SDW015", "ongeldige-keuze", Severity.ERROR, "Een waarde hoort niet bij de toegestane keuzes.",
         "Kies een van de waarden uit de melding."),
    Rule("SDW016", "ongeldig-webadres", Severity.ERROR,
         "Een webadres is geen volledig adres met http:// of https:// en een websitenaam, of bevat spaties, "
         "aanhalingstekens, haakjes als < > [ ] of stuurtekens.",
         "Schrijf het volledige adres, bijvoorbeeld https://www.example.nl."),
    Rule("SDW017", "te-lang", Severity.ERROR, "Een tekstveld is langer dan toegestaan.",
         "Maak de tekst korter; de melding zegt hoeveel tekens mogen."),
    Rule("SDW018", "bom", Severity.WARNING, "Het bestand begint met een onzichtbaar BOM-teken.",
         "Sla het bestand op als 'UTF-8 zonder BOM'."),
    Rule("SDW019", "windows-regeleinden", Severity.WARNING, "Het bestand heeft Windows-regeleinden (CRLF).",
         "Sla het bestand op met Unix-regeleinden (LF)."),
    Rule("SDW020", "lege-tekst", Severity.WARNING, "Onder de front-matter staat geen tekst.",
         "Schrijf de tekst van het artikel onder de tweede '---'."),
    Rule("SDW021", "geen-mapping", Severity.ERROR,
         "De front-matter is geen lijst van velden ('naam: waarde').",
         "Schrijf elk veld op een eigen regel als 'naam: waarde'."),
    Rule("SDW022", "ongeldig-getal", Severity.ERROR, "Een getal of jaartal is ongeldig.",
         "Schrijf alleen cijfers, bijvoorbeeld 'nummer: 3' of 'lid_sinds: 2021'."),
    Rule("SDW023", "kapotte-link", Severity.ERROR,
         "Een link naar een ander bestand in content/ wijst naar een bestand dat niet bestaat.",
         "Link met het pad naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld ../themas/ips.md."),
    Rule("SDW024", "verboden-html", Severity.ERROR,
         "Een HTML-element dat niet in de lijst van toegestane elementen staat (zoals script, style, form, svg of "
         "een iframe van een onbekende site).",
         "Haal het element weg; gebruik Markdown. Voor een video: maak een item in videos/."),
    Rule("SDW025", "event-attribuut", Severity.ERROR,
         "Een HTML-attribuut dat code uitvoert (onclick, onerror, onload, …) is niet toegestaan.",
         "Haal het attribuut weg."),
    Rule("SDW026", "onveilige-link", Severity.ERROR,
         "Een link of bron gebruikt een ander schema dan https, http of mailto (zoals javascript: of data:).",
         "Link naar een webadres (https://…), een e-mailadres (mailto:…) of een ander .md-bestand."),
    Rule("SDW027", "afbeelding-ontbreekt", Severity.ERROR, "Een afbeelding bestaat niet in content/.",
         "Zet de afbeelding in content/ en link er relatief naar, bijvoorbeeld afbeeldingen/foto.jpg."),
    Rule("SDW028", "geen-alt-tekst", Severity.ERROR, "Een afbeelding heeft geen alt-tekst.",
         "Beschrijf wat er op de afbeelding staat: ![Twee collega's aan een bureau](foto.jpg)."),
    Rule("SDW029", "bestand-te-groot", Severity.ERROR,
         "Een bestand is groter dan toegestaan (afbeeldingen 500 kB, teksten 256 kB).",
         "Verklein de afbeelding of splits de tekst."),
    Rule("SDW030", "symlink", Severity.ERROR, "Een snelkoppeling (symlink) in content/ wordt niet gevolgd.",
         "Zet het bestand zelf in content/."),
    Rule("SDW031", "onbekend-bestand", Severity.ERROR,
         "Een bestand in content/ is geen Markdown en geen afbeelding.",
         "Verwijder het, of zet het ergens anders (bijvoorbeeld op de website van de partner) en link ernaar."),
    Rule("SDW032", "externe-afbeelding", Severity.ERROR,
         "Een afbeelding komt van een andere website; dan ziet die website elke lezer.",
         "Zet de afbeelding in content/ en link er relatief naar."),
    Rule("SDW033", "nog-invullen", Severity.WARNING,
         "Er staat nog een 'VUL IN'-aanwijzing uit een nieuw aangemaakt bestand.",
         "Vervang de tekst na 'VUL IN' door de echte inhoud."),
    Rule("SDW034", "datum-zonder-dag", Severity.ERROR,
         "Een datum die een volledige dag moet zijn (zoals de datum van een evenement) noemt alleen een maand "
         "of jaar.",
         "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 'datum: 2021-11-04'."),
    Rule("SDW035", "einddatum-voor-datum", Severity.ERROR,
         "De einddatum van een evenement ligt vóór de datum (de eerste dag).",
         "Zet de eerste dag bij 'datum' en de laatste bij 'einddatum'."),
    Rule("SDW036", "onbekende-videodienst", Severity.ERROR,
         "Het webadres in 'video_url' is geen video op YouTube of Vimeo.",
         "Kopieer het adres van de video zelf, bijvoorbeeld https://www.youtube.com/watch?v=abc123def45 of "
         "https://vimeo.com/123456789."),
    Rule("SDW037", "video-zonder-tekst", Severity.ERROR,
         "Onder een video staat geen samenvatting of uitgeschreven tekst van minstens 30 woorden.",
         "Vat samen wat er in de video gezegd en getoond wordt, of zet de uitgeschreven tekst eronder."),
    Rule("SDW038", "verboden-attribuut", Severity.ERROR,
         "Een HTML-attribuut of een attribuut in een attributenlijst ({ … }) is niet toegestaan (data-*, style, "
         "of een attribuut dat niet bij het element hoort).",
         "Haal het attribuut weg; gebruik Markdown voor opmaak."),
    Rule("SDW039", "gereserveerde-naam", Severity.ERROR,
         "Een id of class begint met een naam die de site zelf gebruikt (__, md-, sdw-).",
         "Kies een andere naam, of laat de id of class weg."),
    Rule("SDW040", "onzichtbaar-teken", Severity.ERROR,
         "Een tekst bevat een stuurteken, een richtingsteken of een onzichtbaar teken.",
         "Typ de tekst opnieuw in plaats van hem te plakken uit een ander programma."),
    Rule("SDW041", "yaml-verwijzing", Severity.ERROR,
         "De front-matter gebruikt een YAML-anker (&), -verwijzing (*) of -label (!); die zijn niet nodig en niet "
         "toegestaan.",
         "Schrijf de waarde zelf uit, tussen aanhalingstekens als hij met &, * of ! begint."),
    Rule("SDW042", "front-matter-te-groot", Severity.ERROR,
         "De front-matter is te groot of te diep genest.",
         "Houd de front-matter bij de velden uit de naslag; lange tekst hoort onder de tweede '---'."),
    Rule("SDW044", "te-complex", Severity.ERROR,
         "De tekst is zo ingewikkeld opgebouwd (duizenden haakjes, kopjes of opmaaktekens, of diep geneste "
         "citaten) dat het bouwen van de site er te lang over zou doen.",
         "Kijk of er per ongeluk een lange reeks tekens in de tekst staat; splits een heel lange tekst op."),
    Rule("SDW043", "afbeelding-klopt-niet", Severity.ERROR,
         "De inhoud van een afbeelding past niet bij de extensie (bijvoorbeeld een SVG of tekst met de naam .png).",
         "Sla de afbeelding opnieuw op als JPEG, PNG, WebP of GIF, met de bijpassende extensie."),
    Rule("SDW045", "kopniveau", Severity.ERROR,
         "Een kopje in de tekst heeft niveau 1 ('# …' of onderstreept met '==='), terwijl de titel van de pagina "
         "al het hoofdkopje is, of slaat een niveau over (bijvoorbeeld '####' direct na '##').",
         "Gebruik ## voor een kopje en ### voor een kopje daaronder, zonder een niveau over te slaan."),
    Rule("SDW046", "gekrulde-aanhalingstekens", Severity.ERROR,
         "Een waarde in de front-matter staat tussen gekrulde aanhalingstekens (“…”, ‘…’ of „…”); YAML ziet die "
         "niet als aanhalingstekens, dus ze worden deel van de tekst.",
         'Gebruik rechte aanhalingstekens (") rond de waarde: titel: "Werk: het beste medicijn".'),
    Rule("SDW047", "volledig-adres-eigen-site", Severity.ERROR,
         "Een link naar een pagina van deze site gebruikt het volledige webadres (https://www.sterkdoorwerk.nl/…) "
         "in plaats van het pad naar het .md-bestand.",
         "Link met het pad naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld "
         "../verhalen/pearl-hartgers.md."),
    Rule("SDW048", "lijst-verkeerd-ingesprongen", Severity.ERROR,
         "Een lijstje met namen (zoals 'doelgroepen') is verkeerd ingesprongen, zodat YAML twee items als één "
         "naam leest ('werkgevers - professionals').",
         "Zet elk item op een eigen regel die begint met '  - ' (twee spaties, streepje, spatie)."),
    Rule("SDW049", "link-zonder-tekst", Severity.ERROR,
         "Een link heeft geen tekst tussen de blokhaken ([](…)): lezers zien niets om op te klikken en een "
         "schermlezer leest alleen het adres voor.",
         "Zet tussen de blokhaken waar de link heen gaat, bijvoorbeeld [het convenant](../convenant.md)."),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in _RULES}


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    rule: Rule
    message: str  # Dutch: what is wrong
    hint: str = ""  # Dutch: what to do

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def is_error(self) -> bool:
        return self.rule.severity is Severity.ERROR


def problem(path: str, line: int, column: int, rule_name: str, message: str, hint: str = "") -> Problem:
    """Make a Problem for the rule with this name (names read better than IDs in code)."""
    return Problem(path, max(line, 1), max(column, 1), RULES_BY_NAME[rule_name], message, hint)
