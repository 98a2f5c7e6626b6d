"""Every Dutch word the generated pages show that does not come from content/."""

SITE_NAME = "Sterk door Werk"
READING_TIME = "{minutes} min lezen"
FACT_AUDIENCES = "Voor"
FACT_THEMES = "Thema's"
FACT_PARTNERS = "Partners"
FACT_REGION = "Regio"
FACT_EDITION = "Editie"
FACT_SOURCE = "Bron"
PEOPLE_HEADING = "Aan het woord"
PEOPLE_MENTIONED = "Personen"
RELATED_HEADING = "Lees ook"
EVENT_WHEN = "Wanneer"
EVENT_WHERE = "Waar"
EVENT_ORGANISER = "Organisatie"
EVENT_SIGNUP = "Aanmelden"
KNOWLEDGE_PUBLISHER = "Uitgever"
KNOWLEDGE_KIND = "Soort"
KNOWLEDGE_LINK = "Publicatie"
KNOWLEDGE_LINK_TEXT = "Naar de publicatie"
VIDEO_DURATION = "Duur"
PARTNER_ABBREVIATION = "Afkorting"
PARTNER_WEBSITE = "Website"
PARTNER_MEMBERSHIP = "Lid van het convenant"
PARTNER_SINCE = "sinds {year}"
PARTNER_PERIOD = "{start} tot {end}"
PARTNER_UNTIL = "tot {year}"
CONTRIBUTIONS = "Artikelen van en over {name}"
ARTICLES_FOR = "Artikelen voor {name}"
ARTICLES_ABOUT = "Artikelen over {name}"
ARTICLES_IN_REGION = "Artikelen uit de regio {name}"
EDITION_STORIES = "In deze editie"
EDITION_PREVIOUS = "Vorige editie"
EDITION_NEXT = "Volgende editie"
EDITION_NUMBER = "Editie {number}"
EDITION_FROM = "Uit editie {number}: {title}"
EDITION_NAV_LABEL = "Edities"
EMPTY = "Hier staat nog niets. Kom binnenkort terug."
ARCHIVE_TITLE = "Archief"
ARCHIVE_SUMMARY = "Alle artikelen, per jaar van verschijnen."
ARCHIVE_YEAR_TITLE = "Artikelen uit {year}"
ARCHIVE_YEAR_SUMMARY = "Alles wat in {year} op Sterk door Werk verscheen."
ARCHIVE_COUNT = "{year} ({count})"
ALL_ARTICLES_TITLE = "Alle artikelen"
ALL_ARTICLES_SUMMARY = "Alle verhalen, nieuws, tips, kennis, video's en evenementen, de nieuwste eerst."
# Filters on listings (built in the browser by assets/javascripts/sdw-filter.js from these words).
FILTER_LEGENDS = {"doelgroep": "Doelgroep", "thema": "Thema", "soort": "Soort", "jaar": "Jaar"}
FILTER_TEXTS = {
    "summary": "Filter de artikelen",
    "active": "{n} actief",
    "count": "{n} van {m} artikelen",
    "none": "Geen artikelen met deze filters.",
    "clear": "Wis filters",
}
LISTING_SUMMARY = {
    "verhaal": "Interviews en persoonlijke verhalen over werk en psychische kwetsbaarheid.",
    "nieuws": "Nieuws over werk voor mensen met een psychische kwetsbaarheid.",
    "tip": "Korte, praktische tips voor werkgevers, professionals en werkzoekenden.",
    "kennis": "Onderzoeken, rapporten en handreikingen.",
    "video": "Video's over werk en psychische kwetsbaarheid.",
    "evenement": "Bijeenkomsten en congressen, en verslagen ervan.",
    "partner": "De partners van het convenant en wat zij bijdragen. Elke maand uitgelicht.",
    "thema": "De thema's waar Sterk door Werk over gaat.",
    "doelgroep": "Sterk door Werk is er voor drie groepen lezers.",
    "regio": "Arbeidsmarktregio's die in de verhalen voorkomen.",
    "editie": "Elke maand een nieuwe editie met verhalen. Hier staan ze allemaal, de nieuwste eerst.",
    "pagina": "Over Sterk door Werk.",
}
HOME_TITLE = "Sterk door Werk: kennis over werk en psychische kwetsbaarheid"
HOME_EDITION_HEADING = "Verhalen deze maand"
HOME_EDITION_OPEN = "Lees editie {number}"
HOME_ABOUT_HEADING = "Over Sterk door Werk"
HOME_ALL_EDITIONS = "Alle edities"
HOME_AUDIENCES_HEADING = "Voor wie is Sterk door Werk?"
HOME_NEWS_HEADING = "Laatste nieuws"
HOME_TIPS_HEADING = "Tips"
HOME_EVENTS_HEADING = "Evenementen"
HOME_STORIES_HEADING = "Verhalen"
HOME_KNOWLEDGE_HEADING = "Kennis"
HOME_THEMES_HEADING = "Thema's"
HOME_PARTNERS_HEADING = "Elke maand uitgelicht: de convenantpartners"
HOME_MORE = "Meer {plural_lower}"
HOME_ABOUT_BUTTON = "Over Sterk door Werk"
HOME_CONVENANT_BUTTON = "Het convenant"
EVENTS_UPCOMING = "Komende evenementen"
EVENTS_PAST = "Eerdere evenementen"
EVENTS_NONE_UPCOMING = "Er staan op dit moment geen evenementen gepland."
HOME_EVENTS_PAST = "Bekijk eerdere evenementen"
EVENT_CALENDAR = "Agenda"
EVENT_CALENDAR_LINK = "Zet in uw agenda"
EVENT_CALENDAR_FILE = "iCalendar-bestand"
CALENDAR_NAME = "Sterk door Werk: evenementen"
CALENDAR_DESCRIPTION = "Bijeenkomsten en congressen van Sterk door Werk."
CALENDAR_HINT = "Alle evenementen in uw eigen agenda?"
CALENDAR_SUBSCRIBE = "Abonneer u op de agenda (iCalendar)"
FEED_LINK = "Volg via Atom-feed"
FEED_HINT = "Nieuwe artikelen automatisch ontvangen?"
FEED_AUDIENCE_HINT = "Nieuwe artikelen voor {name} automatisch ontvangen?"
FEED_SITE_TITLE = "Sterk door Werk: nieuwe artikelen"
FEED_SITE_SUBTITLE = "De nieuwste verhalen, nieuwsberichten, tips, kennis, video's en evenementen van Sterk door Werk."
FEED_AUDIENCE_TITLE = "Sterk door Werk: artikelen voor {name}"
FEED_AUDIENCE_SUBTITLE = "De nieuwste artikelen voor {name} op Sterk door Werk."
VIDEO_PLAY = "Video afspelen"
VIDEO_PLAY_NAME = "Video afspelen: {title}"
VIDEO_FRAME_TITLE = "Video: {title}"
VIDEO_NOTE = "Als u op afspelen klikt, laadt de video van {service} ({host}); {service} kan dan gegevens verzamelen."
VIDEO_WATCH = "Bekijk de video op {service}"
VIDEO_FALLBACK_TITLE = "video"
