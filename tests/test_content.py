"""The real content: valid, and holding what the source documents ask for."""

from __future__ import annotations

from conftest import ROOT
from sdw.model import build_site
from sdw.pipeline import Project, check
from sdw.report import format_problem


def real_site():
    outcome = check(Project(ROOT))
    assert outcome.result.problems == (), "\n".join(format_problem(p) for p in outcome.result.problems)
    return build_site(outcome.result.records)


def test_every_real_content_file_is_valid():
    real_site()


def test_sources_are_all_represented():
    site = real_site()
    assert site.get("verhaal", "tamara-van-ark").date.dutch() == "5 december 2018"
    assert {p.name for p in site.get("verhaal", "miranda-van-soest").people} >= {"Miranda van Soest"}
    edition = site.get("editie", "verhalen-deze-maand-1")
    assert edition.title == "Verhalen deze maand #1"
    assert {a.slug for a in site.articles_for(edition)} >= {
        "pearl-hartgers", "eric-groenendaal", "zinziz-regionale-samenwerking-levend-houden"}
    assert site.get("evenement", "bestuursbijeenkomst-werk-en-zorg-2016").date.dutch() == "3 februari 2016"
    assert len(site.of_type("tip")) == 8 + 9
    assert site.get("nieuws", "klijnsma-kamervragen-samenwerking-ggz").date.dutch() == "11 oktober 2017"
    assert {p.title for p in site.of_type("partner")} >= {
        "De Nederlandse GGZ", "UWV", "Cedris", "Divosa", "Mensen met Mogelijkheden", "MIND", "Valente",
        "Stichting Samen Sterk zonder Stigma", "Zorgverzekeraars Nederland"}
    assert len(site.of_type("partner")) == 11
    assert site.get("partner", "zorgverzekeraars-nederland").extra["lid_sinds"] == 2021
    assert {t.slug for t in site.of_type("thema")} >= {
        "ips", "stigma-en-beeldvorming", "samenwerking-zorg-en-werk", "behoud-van-werk", "corona-en-werk"}
    assert [a.slug for a in site.of_type("doelgroep")] == ["werkgevers", "professionals", "werkzoekenden-en-werkenden"]
    assert {p.slug for p in site.of_type("pagina")} >= {
        "over-sterk-door-werk", "convenant", "privacy", "toegankelijkheid"}


def test_every_tip_names_its_audience():
    for tip in real_site().of_type("tip"):
        assert tip.audiences, tip.slug
