"""Referral requests: positives across kinds, and hard negatives of every kind, each with its exact decision."""

from __future__ import annotations

import pytest

from referral_engine.understand.requests import THRESHOLD, detect_request, judge_request, might_be_request


@pytest.mark.parametrize(("text", "sought", "category", "kind", "location"), [
    ("Does anyone know a good plumber in Leeds?", "plumber", "trades", "service", "leeds"),
    ("Can anyone recommend a reliable dentist near Nathan campus?", "dentist", "health", "service",
     "nathan campus"),
    ("Any good Thai restaurants near Union Square?", "thai restaurants", "food_and_drink", "place", "union square"),
    ("Where can I buy a cheap laptop in Doha?", "cheap laptop", "tech", "product", "doha"),
    ("Who do you use for taxes?", "taxes", "finance", "service", None),
    ("Need a good mechanic in Sheffield. Help!", "mechanic", "auto", "service", "sheffield"),
    ("Looking for a wedding photographer, any recs? #Montreal", "wedding photographer",
     "professional_services", "service", "#montreal"),
    ("Just finished my novel. Any book recommendations?", "book", "media", "media", None),
    ("Can anyone suggest a good budgeting app?", "budgeting app", "media", "media", None),
    ("Anyone know a vet in Brooklyn that's open on Sundays?", "vet", "pets", "service", "brooklyn"),
    ("Which is the best gym in Austin?", "gym", "fitness", "place", "austin"),
])
def test_requests(text: str, sought: str, category: str, kind: str, location: str | None) -> None:
    assert might_be_request(text)
    request = detect_request(text)
    assert request is not None
    assert request.category == category
    assert request.kind == kind
    assert request.location == location
    assert request.sought == sought
    assert THRESHOLD <= request.score <= 1.0
    assert any(cue.weight > 0 for cue in request.cues)


@pytest.mark.parametrize("text", [
    # advertisements phrased as questions
    "Looking for a plumber? Call us today for a free quote!",
    "Need a new laptop? Visit our store for 20% off http://example.com",
    # hiring
    "We're hiring! Looking for a developer to join our team, send your CV",
    "We are looking for a part-time barista, apply now",
    # job seeking
    "I'm looking for a job in marketing, any leads?",
    "Looking for a new job in Toronto, anyone hiring?",
    # factual questions
    "Does anyone know when the Apple store opens tomorrow?",
    "How much does it cost to renew a passport?",
    # customer-service questions to a company about its own service
    "@united where is my bag? Been waiting for two hours",
    "@comcast why is your service down again?",
    # rhetorical questions
    "Who needs a therapist when you have ice cream?",
    "What's the best movie of all time? Discuss",
    # jokes
    "Does anyone know a good exorcist? My cat is possessed lol",
    "Anyone know where I can buy a time machine? lol",
    # asking for company or a date
    "Anyone want to go to the movies tonight?",
    # endorsements and thanks, not asks
    "I highly recommend the new Thai place on Main St",
    "Thanks for all the great restaurant suggestions!",
    # ordinary posts
    "I need sleep so badly",
    "Good morning everyone, what a lovely day",
])
def test_hard_negatives(text: str) -> None:
    assert detect_request(text) is None


def test_rejection_is_explained() -> None:
    judged = judge_request("Looking for a plumber? Call us today for a free quote!")
    assert judged is not None and judged.score < THRESHOLD
    assert any(cue.name.startswith("ad_") and cue.weight < 0 for cue in judged.cues)


def test_prefilter_rejects_ordinary_posts() -> None:
    assert not might_be_request("just had the best burger ever")
    assert not might_be_request("going to bed, night all")
