"""The real content: valid, and holding the invariants every valid pull request keeps.

Nothing here pins the content (counts, dates, titles, which edition is newest): a valid
content pull request must never turn these red. Exact values are tested on fixtures.
"""

from __future__ import annotations

from conftest import ROOT
from content_invariants import check_model, content_model


def real_site():
    return content_model(ROOT)


def test_every_real_content_file_is_valid():
    real_site()  # errors fail; warnings are the authors' to weigh


def test_real_content_keeps_the_model_invariants():
    check_model(real_site())


def test_every_tip_names_its_audience():
    for tip in real_site().of_type("tip"):
        assert tip.audiences, tip.slug
