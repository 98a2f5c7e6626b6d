"""Search table: query → the page that must be among the top results. Drawn from the fixture
corpus (tests/fixtures/site-content), which the browser tests build instead of content/.

Grouped by what they prove: inflection, verb/noun, accents, hyphens, prefixes
while typing, names of people and organisations, and plain topics.
"""

CASES: list[tuple[str, str]] = [
    # singular / plural, verb / noun: one stem
    ("werkgevers", "doelgroepen/werkgevers/"),
    ("werkgever", "doelgroepen/werkgevers/"),
    ("werkzoekende", "doelgroepen/werkzoekenden-en-werkenden/"),
    ("zorgverzekeraar", "partners/zorgverzekeraars-nederland/"),
    ("samenwerken", "themas/samenwerking-zorg-en-werk/"),
    ("samenwerking", "themas/samenwerking-zorg-en-werk/"),
    ("beeldvorming", "themas/stigma-en-beeldvorming/"),
    ("regelvrije zones", "tips/creeer-regelvrije-zones/"),
    ("bestuursbijeenkomst", "evenementen/bestuursbijeenkomst-werk-en-zorg-2016/"),
    ("Kamervragen", "nieuws/klijnsma-kamervragen-samenwerking-ggz/"),
    # with or without diacritics
    ("coördinator", "verhalen/miranda-van-soest/"),
    ("coordinator", "verhalen/miranda-van-soest/"),
    ("financiële impuls", "nieuws/klijnsma-kamervragen-samenwerking-ggz/"),
    ("financiele impuls", "nieuws/klijnsma-kamervragen-samenwerking-ggz/"),
    ("creëer nieuwe banen", "tips/creeer-nieuwe-banen/"),
    ("creeer nieuwe banen", "tips/creeer-nieuwe-banen/"),
    # hyphenated or not
    ("re-integratie", "tips/laat-re-integratie-en-behandeling-samengaan/"),
    ("reintegratie", "tips/laat-re-integratie-en-behandeling-samengaan/"),
    ("IPS-trajecten", "verhalen/miranda-van-soest/"),
    ("ips trajecten", "verhalen/miranda-van-soest/"),
    # prefixes while typing
    ("samenw", "themas/samenwerking-zorg-en-werk/"),
    ("werkge", "doelgroepen/werkgevers/"),
    ("Groenen", "verhalen/eric-groenendaal/"),
    ("toegankel", "toegankelijkheid/"),
    # people
    ("Tamara van Ark", "verhalen/tamara-van-ark/"),
    ("Van Ark", "verhalen/tamara-van-ark/"),
    ("Van Soest", "verhalen/miranda-van-soest/"),
    ("Pearl Hartgers", "verhalen/pearl-hartgers/"),
    ("Groenendaal", "verhalen/eric-groenendaal/"),
    ("Klijnsma", "nieuws/klijnsma-kamervragen-samenwerking-ggz/"),
    ("Jacobine Geel", "evenementen/bestuursbijeenkomst-werk-en-zorg-2016/"),
    ("Andries Ekhart", "regios/leeuwarden/"),
    ("Jaap van Weeghel", "tips/"),
    # organisations and places
    ("UWV", "partners/uwv/"),
    ("Cedris", "partners/cedris/"),
    ("Divosa", "partners/divosa/"),
    ("AWVN", "partners/awvn/"),
    ("Zorgverzekeraars Nederland", "partners/zorgverzekeraars-nederland/"),
    ("Samen Sterk zonder Stigma", "partners/samen-sterk-zonder-stigma/"),
    ("Mensen met Mogelijkheden", "partners/mensen-met-mogelijkheden/"),
    ("Reinier van Arkel", "verhalen/eric-groenendaal/"),
    ("ZINZIZ", "kennis/zinziz-regionale-samenwerking-levend-houden/"),
    ("Leeuwarden", "regios/leeuwarden/"),
    ("Lost Lemon", "verhalen/tamara-van-ark/"),
    # topics
    ("IPS", "themas/ips/"),
    ("Individuele Plaatsing en Steun", "themas/ips/"),
    ("corona", "themas/corona-en-werk/"),
    ("behoud van werk", "themas/behoud-van-werk/"),
    ("privacy", "privacy/"),
]
