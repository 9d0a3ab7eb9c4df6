"""The provider taxonomy: synonyms and problem phrases meet in one category, with a kind."""

from __future__ import annotations

import pytest

from referral_engine.understand.taxonomy import CATEGORIES, category_of, kind_of, lookup


def test_leaking_tap_meets_plumber() -> None:
    assert category_of("someone to fix my leaking tap") == category_of("plumber") == "trades"
    assert kind_of("someone to fix my leaking tap") == kind_of("plumber") == "service"


@pytest.mark.parametrize(("phrase", "category", "kind"), [
    ("blocked drain", "trades", "service"),
    ("good dentist", "health", "service"),
    ("toothache", "health", "service"),
    ("thai restaurants", "food_and_drink", "place"),
    ("cheap laptop", "tech", "product"),
    ("divorce lawyer", "legal", "service"),
    ("accountant for my taxes", "finance", "service"),
    ("wedding photographer", "professional_services", "service"),
    ("dog groomer", "pets", "service"),
    ("hotel for the weekend", "travel", "place"),
    ("mechanic", "auto", "service"),
    ("nanny", "childcare", "service"),
    ("personal trainer", "fitness", "service"),
    ("barber", "beauty", "service"),
    ("a good book", "media", "media"),
    ("podcasts", "media", "media"),
    ("estate agent", "real_estate", "service"),
    ("airport taxi", "transport", "service"),
    ("maths tutor", "education", "service"),
    ("wedding venue", "events", "service"),
    ("chick flick", "media", "media"),
    ("used vehicle", "auto", "product"),
    ("night life", "food_and_drink", "place"),
    ("football pitch", "fitness", "place"),
])
def test_categories_and_kinds(phrase: str, category: str, kind: str) -> None:
    assert category_of(phrase) == category
    assert kind_of(phrase) == kind


def test_head_of_phrase_wins() -> None:
    assert category_of("hospital for baby vaccinations") == "health"
    assert lookup("dentist for braces") is not None


def test_unknown_phrase() -> None:
    assert category_of("quantum entanglement") is None
    assert kind_of("quantum entanglement") == "other"
    assert "other" in CATEGORIES and len(CATEGORIES) >= 20


def test_not_providers() -> None:
    # a recipe, a writer's block and a party are not things one hires, buys from or visits
    assert lookup("recipe") is None
    assert lookup("writers block") is None
    assert lookup("dance party") is None
