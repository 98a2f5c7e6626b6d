"""A typical author pull request on a copy of the real content keeps CI green.

The issue "a valid content pull request turns CI red": tests must never pin the real content.
This test plays such a pull request on a copy of content/ — a new tip, an event some weeks
ahead, edition #(newest + 1) with a new story and its photo, a new partner — checks and builds
it with `sdw check` and `sdw build`, and then holds the result to the same invariants the
real content is held to (tests/content_invariants.py): nothing here knows how many tips,
partners or editions there are, nor any date of the real content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REAL_CONTENT, copy_project, write_png
from content_invariants import broken_links, check_built, check_model, content_model, unreachable
from sdw.cli import main


def fresh(folder: Path, slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3` ... if the content already has one by that name."""
    candidate, n = slug, 1
    while (folder / f"{candidate}.md").exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory):
    """The real content plus the pull request, checked and built; the names of what it added."""
    project = copy_project(tmp_path_factory.mktemp("author-pr") / "p", REAL_CONTENT)
    content = project / "content"
    before = content_model(project)
    today = dt.date.today()
    event_day = today + dt.timedelta(days=60)
    audience = before.of_type("doelgroep")[0].slug
    theme = before.of_type("thema")[0].slug
    number = max((e.number for e in before.editions), default=0) + 1

    added = {"today": today, "event_day": event_day, "number": number}
    added["tip"] = tip = fresh(content / "tips", "begin-met-een-proefplaatsing")
    write(content / "tips" / f"{tip}.md", f"""---
titel: "Begin met een proefplaatsing"
samenvatting: "Een korte proefplaatsing laat werkgever en werkzoekende zien wat er kan, zonder grote verplichtingen."
datum: {today.isoformat()}
doelgroepen:
  - {audience}
themas:
  - {theme}
---
Een proefplaatsing van een paar weken geeft beide kanten tijd om te wennen.

Lees ook de andere [tips](index.md).
""")
    added["event"] = event = fresh(content / "evenementen", "werkconferentie-sterk-door-werk")
    write(content / "evenementen" / f"{event}.md", f"""---
titel: "Werkconferentie Sterk door Werk"
samenvatting: "Een dag over werk en psychische gezondheid, met werkgevers, professionals en ervaringsdeskundigen."
datum: {event_day.isoformat()}
einddatum: {(event_day + dt.timedelta(days=1)).isoformat()}
plaats: "Utrecht"
organisator: "Sterk door Werk"
doelgroepen:
  - {audience}
---
Twee dagen met workshops en gesprekken. Meer over [het convenant](../convenant.md).
""")
    added["edition"] = edition = fresh(content / "edities", f"verhalen-deze-maand-{number}")
    write(content / "edities" / f"{edition}.md", f"""---
titel: "Verhalen deze maand #{number}"
samenvatting: "Editie {number} gaat over de eerste weken op een nieuwe baan."
nummer: {number}
datum: {today.strftime("%Y-%m")}
themas:
  - {theme}
---
In deze editie vertellen werkenden over hun eerste weken.
""")
    added["story"] = story = fresh(content / "verhalen", "anna-de-vries")
    write_png(content / "verhalen" / "afbeeldingen" / f"{story}.png")
    write(content / "verhalen" / f"{story}.md", f"""---
titel: "Anna de Vries: de eerste weken op een nieuwe baan"
samenvatting: "Anna de Vries vertelt hoe een goede begeleiding haar eerste weken op het werk makkelijker maakte."
datum: {today.isoformat()}
soort: interview
doelgroepen:
  - {audience}
themas:
  - {theme}
editie: {edition}
afbeelding: afbeeldingen/{story}.png
afbeelding_alt: "Anna de Vries aan haar bureau"
personen:
  - naam: Anna de Vries
    rol: medewerker administratie
---
Anna de Vries begon dit jaar aan een nieuwe baan.

## De eerste week

Haar jobcoach kwam de eerste week twee keer langs. Zie ook de [tip](../tips/{tip}.md).
""")
    added["partner"] = partner = fresh(content / "partners", "stichting-werkt")
    write(content / "partners" / f"{partner}.md", f"""---
titel: "Stichting Werkt"
samenvatting: "Een stichting die werkgevers helpt om mensen met een psychische kwetsbaarheid aan te nemen."
afkorting: "SW"
website: https://www.example.org/
lid_sinds: {today.year}
---
Stichting Werkt sloot zich in {today.year} aan bij [het convenant](../convenant.md).
""")
    # The partner's own article, featured in the new edition ("Elke maand uitgelicht").
    added["partner_article"] = article = fresh(content / "partnerartikelen", "steun-op-maat")
    write(content / "partnerartikelen" / f"{article}.md", f"""---
titel: "Steun op maat voor nieuwe collega's"
samenvatting: "Stichting Werkt over werkgevers die met steun op maat een nieuwe collega aannemen."
datum: {today.isoformat()}
doelgroepen:
  - werkgevers
partners:
  - {partner}
editie: {edition}
artikel_url: https://www.example.org/nieuws/steun-op-maat
---
Stichting Werkt vertelt hoe werkgevers en jobcoaches samen zorgen voor een goede start.
""")
    return project, added


def html(project: Path, rel: str) -> str:
    return (project / "site" / rel / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(pull_request, tmp_path_factory):
    project, added = pull_request
    mp = pytest.MonkeyPatch()
    mp.delenv("SDW_BUILD_DATE", raising=False)  # today: the new event lies ahead
    try:
        assert main(["--root", str(project), "build"]) == 0
    finally:
        mp.undo()
    return project, added


def test_sdw_check_finds_no_errors(pull_request, capsys):
    project, _ = pull_request
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr()
    assert " fout [" not in out.out + out.err


def test_the_model_keeps_its_invariants(pull_request):
    project, added = pull_request
    model = content_model(project)  # errors fail, warnings are allowed
    check_model(model)
    assert model.editions[0].slug == added["edition"]
    assert [a.slug for a in model.articles_for(model.editions[0])] == [added["story"], added["partner_article"]]


def test_the_new_pages_are_built(built):
    project, added = built
    for rel in (f"tips/{added['tip']}", f"evenementen/{added['event']}", f"edities/{added['edition']}",
                f"verhalen/{added['story']}", f"partners/{added['partner']}"):
        assert (project / "site" / rel / "index.html").is_file(), rel
    assert (project / "site" / "evenementen" / f"{added['event']}.ics").is_file()
    assert (project / "site" / "verhalen" / "afbeeldingen" / f"{added['story']}.png").is_file()
    story = html(project, f"verhalen/{added['story']}")
    assert 'alt="Anna de Vries aan haar bureau"' in story
    assert f"../afbeeldingen/{added['story']}.png" in story


def test_the_new_edition_opens_the_home_page(built):
    project, added = built
    home = html(project, "")
    home = home[home.index("<article"):]
    edition = home.index(f"Verhalen deze maand #{added['number']}")
    assert home.index('class="sdw-front__audiences"') < edition  # the front door comes first
    section = home[edition:home.index("</section>", edition)]
    assert f"verhalen/{added['story']}/" in section  # its story, with its photo
    assert f"verhalen/afbeeldingen/{added['story']}.png" in section
    for older in content_model(project).editions[1:]:
        assert older.title not in section, older.slug


def test_the_partner_article_is_featured_with_its_edition_and_partner(built):
    project, added = built
    home = html(project, "")
    featured = home[home.index('<section class="sdw-featured"'):]
    featured = featured[:featured.index("</section>")]
    assert ">Elke maand uitgelicht</h2>" in featured
    assert f"partnerartikelen/{added['partner_article']}/" in featured
    assert f"partnerartikelen/{added['partner_article']}/" in html(project, f"edities/{added['edition']}")
    assert f"partnerartikelen/{added['partner_article']}/" in html(project, f"partners/{added['partner']}")
    page = html(project, f"partnerartikelen/{added['partner_article']}")
    assert 'href="https://www.example.org/nieuws/steun-op-maat"' in page


def test_the_future_event_is_listed_as_upcoming(built):
    project, added = built
    listing = html(project, "evenementen")
    start = listing.index('<h2 id="komende-evenementen"')
    end = listing.find('<h2 id="eerdere-evenementen"', start)
    upcoming = listing[start:end if end > 0 else len(listing)]
    assert f"{added['event']}/" in upcoming
    assert "Er staan op dit moment geen evenementen gepland." not in upcoming
    assert f"evenementen/{added['event']}/" in html(project, "")  # and on the home page


def test_the_new_items_are_listed_where_readers_look(built):
    project, added = built
    assert f"{added['tip']}/" in html(project, "tips")
    assert f"{added['partner']}/" in html(project, "partners")
    assert f"{added['edition']}/" in html(project, "edities")
    assert f"{added['story']}/" in html(project, "verhalen")
    assert f"verhalen/{added['story']}/" in html(project, "artikelen")
    assert f"verhalen/{added['story']}/" in html(project, f"archief/{added['today'].year}")


def test_every_relative_link_resolves(built):
    project, _ = built
    assert broken_links(project / "site") == []


def test_every_image_and_script_resolves(built):
    project, _ = built
    assert broken_links(project / "site", "assets") == []


def test_the_built_site_keeps_its_invariants(built):
    """What tests/test_build.py holds the real content to: every page and listing published,
    in Dutch, every internal link resolving."""
    project, _ = built
    model = content_model(project)
    check_built(project, model)
    assert unreachable(project / "site", model) == []  # every item within three clicks of home
