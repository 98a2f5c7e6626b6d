"""Every Dutch word the generated pages show that does not come from content/."""

SITE_NAME = "Sterk door Werk"
READING_TIME = "{minutes} min lezen"
RELATED_HEADING = "Lees ook"
EDITION_PREVIOUS = "Vorige editie"
EDITION_NEXT = "Volgende editie"
EDITION_FROM = "Uit editie {number}: {title}"
EDITION_NAV_LABEL = "Edities"
EMPTY = "Hier staat nog niets."
# A page with nothing of its own to list (it is not linked from the navigation, the home page or
# other listings) says so plainly and offers the nearest routes; it promises nothing.
NOTHING_FOR_ITEM = "Er staan nog geen artikelen bij {name} op Sterk door Werk."
NOTHING_OF_TYPE = "Onder {plural} staat nog niets op Sterk door Werk."
ROUTES_HEADING = "Meer op Sterk door Werk"
ROUTES_ALL = "Alle artikelen"
ABOUT_ARTICLE = "Over dit artikel"
ARCHIVE_TITLE = "Archief"
ARCHIVE_LINK = "Archief, per jaar"
ARCHIVE_SUMMARY = "Alle artikelen, per jaar van verschijnen."
ARCHIVE_YEAR_TITLE = "Artikelen uit {year}"
ARCHIVE_YEAR_SUMMARY = "Alles wat in {year} op Sterk door Werk verscheen."
ARCHIVE_COUNT = "{year} ({count})"
ALL_ARTICLES_TITLE = "Alle artikelen"
ALL_ARTICLES_SUMMARY = "Alle verhalen, nieuws, tips, kennis, video's en evenementen, de nieuwste eerst."
# Filters on listings (built in the browser by assets/javascripts/sdw-filter.js from these words).
# The legends of the declared facets are their types' labels (filters.LEGENDS).
FILTER_LEGENDS = {"soort": "Soort", "jaar": "Jaar"}
FILTER_TEXTS = {
    "summary": "Filter de artikelen",
    "active": "{n} actief",
    "count": "{n} van {m} artikelen",
    "none": "Geen artikelen met deze filters.",
    "clear": "Wis filters",
}
HOME_TITLE = "Sterk door Werk"
HOME_MISSION = "Kennis en verhalen over werk voor mensen met een psychische kwetsbaarheid."
HOME_AUDIENCES_LABEL = "Kies wat bij u past"
HOME_EDITION_LABEL = "Nieuwste editie"
HOME_EDITION_OPEN = "Lees editie {number}"
HOME_ABOUT_HEADING = "Over Sterk door Werk"
HOME_ALL_EDITIONS = "Alle edities"
HOME_MORE = "Meer {plural_lower}"
HOME_ABOUT_BUTTON = "Over Sterk door Werk"
HOME_CONVENANT_BUTTON = "Het convenant"
EVENTS_UPCOMING = "Komende evenementen"
EVENTS_PAST = "Eerdere evenementen"
EVENTS_NONE_UPCOMING = "Er staan op dit moment geen evenementen gepland."
CALENDAR_NAME = "Sterk door Werk: evenementen"
CALENDAR_DESCRIPTION = "Bijeenkomsten en congressen van Sterk door Werk."
CALENDAR_HINT = "Alle evenementen in uw eigen agenda?"
CALENDAR_SUBSCRIBE = "Abonneer u op de agenda (iCalendar)"
FEED_LINK = "Volg via Atom-feed"
FEED_HINT = "Nieuwe artikelen automatisch ontvangen?"
FEED_SITE_TITLE = "Sterk door Werk: nieuwe artikelen"
FEED_SITE_SUBTITLE = "De nieuwste verhalen, nieuwsberichten, tips, kennis, video's en evenementen van Sterk door Werk."
VIDEO_PLAY = "Video afspelen"
VIDEO_PLAY_NAME = "Video afspelen: {title}"
VIDEO_FRAME_TITLE = "Video: {title}"
VIDEO_NOTE = "Als u op afspelen klikt, laadt de video van {service} ({host}); {service} kan dan gegevens verzamelen."
VIDEO_WATCH = "Bekijk de video op {service}"
VIDEO_FALLBACK_TITLE = "video"
# The monthly newsletter of an edition (sdw/newsletter.py, overrides/sdw/newsletter/). Its headings,
# labels and the contact line are the site's own (schema, the texts above, engage.html).
NEWSLETTER_SUBJECT = "{site} – {title}"
NEWSLETTER_PREHEADER = "{heading}: {titles}"
LIST_AND = "en"  # "A, B en C"
NEWSLETTER_VIEW_ONLINE = "Bekijk deze nieuwsbrief in de browser"
NEWSLETTER_WHY = "U krijgt deze e-mail omdat u zich hebt aangemeld voor de nieuwsbrief van Sterk door Werk."
NEWSLETTER_UNSUBSCRIBE = "Afmelden voor de nieuwsbrief"
NEWSLETTER_PAGE_TITLE = "Nieuwsbrief: {title}"
NEWSLETTER_PAGE_LEAD = "De nieuwsbrief bij editie {number}, zoals abonnees hem per e-mail krijgen."
NEWSLETTER_FILES_HINT = "Verstuurt u de nieuwsbrief? Importeer dit bestand in de nieuwsbriefdienst:"
NEWSLETTER_TEXT_HINT = "Alleen de tekst:"
NEWSLETTER_OPEN = "Bekijk de nieuwsbrief"
