"""Endorsement detection: terse answers under a request, shout-outs, warnings, non-endorsements."""

from __future__ import annotations

import time

from referral_engine.understand.endorsements import detect_endorsements
from referral_engine.understand.model import Request

BANK_Q = "Banks\nWhich is a good bank in Doha? I need one with quick transfers abroad."
NURSERY_Q = "Nursery\nDoes anyone know a good nursery near Al Sadd?"


def targets(text: str, **kwargs: object) -> list[str]:
    return [e.target.lower() for e in detect_endorsements(text, **kwargs)]  # type: ignore[arg-type]


def test_bare_name_answer_under_a_request_is_an_endorsement_for_what_was_asked() -> None:
    found = detect_endorsements("Commercial Bank", parent_text=BANK_Q)
    assert [e.target for e in found] == ["Commercial Bank"]
    assert found[0].polarity == "positive"
    assert found[0].for_ and "bank" in found[0].for_
    assert 0.5 <= found[0].score <= 1.0
    assert any(c.name == "reply_to_request" for c in found[0].cues)


def test_bare_lowercase_answer_counts_too() -> None:
    assert targets("commercial bank", parent_text=BANK_Q) == ["commercial bank"]
    assert targets("karwa", parent_text="Can anyone suggest a good driving school?") == ["karwa"]


def test_parent_request_supplies_for() -> None:
    request = Request(sought="dentist", category=None, location="doha", kind="service", score=0.9)
    found = detect_endorsements("Try Dr Sonia at Al Emadi Hospital, very good", parent_text="x",
                                parent_request=request)
    assert {e.for_ for e in found} == {"dentist"}
    assert any("sonia" in e.target.lower() for e in found)


def test_recommendation_with_evaluation_outside_a_thread() -> None:
    assert "smart baby care" in targets("go to Smart Baby Care behind Al Meera, they are very good")


def test_handle_shout_out() -> None:
    found = detect_endorsements("Huge thanks to @joesplumbing for the rescue, highly recommend")
    assert [e.target for e in found] == ["@joesplumbing"]
    assert found[0].polarity == "positive"


def test_mentions_turn_a_name_into_a_handle() -> None:
    found = detect_endorsements("Highly recommend Joesplumbing", mentions=["JoesPlumbing"])
    assert [e.target for e in found] == ["@JoesPlumbing"]


def test_negative_warning() -> None:
    found = detect_endorsements("Avoid Al Shoof Garage, they ripped me off")
    assert [(e.target, e.polarity) for e in found] == [("Al Shoof Garage", "negative")]
    reply = detect_endorsements("Worst garage in Qatar... Al Shoof Garage, never again",
                                parent_text="Can anybody recommend a good garage?")
    assert [(e.target, e.polarity) for e in reply] == [("Al Shoof Garage", "negative")]


def test_replies_that_are_not_endorsements() -> None:
    for text in ("Thanks for the explanation!", "Thank you all for your answers, really appreciate it.",
                 "I also need one, please let me know if you find a good one",
                 "google it", "which area do you live in?", "r u looking for a cheap one or a good one???"):
        assert targets(text, parent_text=NURSERY_Q) == [], text


def test_self_promotion_is_not_an_endorsement() -> None:
    assert targets("We offer nursery services at Little Stars Nursery, contact me on 5555",
                   parent_text=NURSERY_Q) == []


def test_generic_non_name() -> None:
    assert targets("any bank is fine", parent_text=BANK_Q) == []
    assert targets("just go to a bank", parent_text=BANK_Q) == []


def test_multiple_targets() -> None:
    found = targets("Try Air Arabia, Jazeera Airways or Gulf Air, all cheap",
                    parent_text="Where can I buy a cheap ticket to Dubai?")
    assert {"air arabia", "jazeera airways", "gulf air"} <= set(found)


def test_ordinary_tweets_are_not_endorsements_and_are_fast() -> None:
    texts = ["just got home from work, so tired", "@friend see you tomorrow!", "I love this weather",
             "going to bed now. good night everyone", "watching the game with the boys tonight"] * 2000
    began = time.perf_counter()
    assert not any(detect_endorsements(t) for t in texts)
    assert (time.perf_counter() - began) / len(texts) < 20e-6  # generous: the prefilter is ~1 µs


DENTIST_Q = "Dentist\nCan anyone recommend a good dentist in Doha?"


def test_category_comes_from_the_request_or_the_business_word() -> None:
    found = detect_endorsements("Commercial Bank", parent_text=BANK_Q)
    assert found[0].category == "finance"
    standalone = detect_endorsements("Highly recommend Little Stars Nursery, my kids love it")
    assert standalone and standalone[0].category == "childcare"


def test_web_address_is_a_provider_name() -> None:
    assert targets("Try www.fixitqatar.com, they were quick and cheap",
                   parent_text="Can anyone recommend a plumber?") == ["www.fixitqatar.com"]
    # the address of a name already given adds no second target
    assert targets("Bright Smile Dental, very gentle. http://www.brightsmile.com", parent_text=DENTIST_Q) \
        == ["bright smile dental"]


def test_landmark_is_not_the_endorsed_provider() -> None:
    found = targets("Go to Smile Dental near City Center Mall, very professional", parent_text=DENTIST_Q)
    assert found == ["smile dental"]
    assert targets("Pearl Clinic behind Al Meera on Salwa Road. Excellent!", parent_text=DENTIST_Q) == ["pearl clinic"]


def test_answer_first_fragment_and_named_provider() -> None:
    assert targets("Sunrise Garage in the industrial area, street 12",
                   parent_text="Can anybody recommend a good garage?") == ["sunrise garage"]
    assert "party mania" in targets("there is a place called Party mania in al muntazah",
                                    parent_text="Where can I buy birthday party items?")
    assert "iphone 5" in targets("i think buy iphone 5, much better", parent_text="Which phone should I buy?")


def test_follow_ups_and_addressing_are_not_endorsements() -> None:
    assert targets("Thanks for the advice! Would Hamad Hospital be open on Friday?", parent_text=DENTIST_Q) == []
    assert targets("@sara, did you find one?", parent_text=NURSERY_Q) == []
    # a reply that opens with the provider's handle still endorses it
    assert targets("@brightkids! They were wonderful with our son. Highly recommend.", parent_text=NURSERY_Q) \
        == ["@brightkids"]
    assert targets("lemon, i am fine thanks", parent_text=NURSERY_Q) == []
    assert targets("try swimming.. you will see the difference", parent_text="Any good gym in Doha?") == []
    found = targets("@sara, Bright Kids Nursery in Al Waab is lovely", parent_text=NURSERY_Q)
    assert "bright kids nursery" in found and "@sara" not in found


def test_lowercase_sibling_in_a_list_is_a_name_too() -> None:
    found = targets("Go to Waitrose and sainsburys, both stock it", parent_text="Where can I buy gluten free bread?")
    assert {"waitrose", "sainsburys"} <= set(found)
    found = targets("you can try Pizza Express or dominos.", parent_text="Any good pizza place near the station?")
    assert {"pizza express", "dominos"} <= set(found)
    # a verb after "and" is no sibling
    assert "see" not in targets("Try Boots and see", parent_text="Where can I buy a cheap humidifier?")


def test_capitalised_sibling_after_a_pause_is_a_name() -> None:
    found = targets("Plenty of outfitters around... Berghaus or Rab... both fine",
                    parent_text="Can anyone recommend a good rain jacket?")
    assert {"berghaus", "rab"} <= set(found)


def test_where_a_provider_is_or_flies_to_is_no_second_target() -> None:
    assert targets("Blue Fin Divers at Sealine, very patient", parent_text="Can anyone recommend a dive school?") \
        == ["blue fin divers"]
    assert targets("Try Flydubai to Muscat, cheap and quick", parent_text="Cheapest airline for a weekend trip?") \
        == ["flydubai"]
    # a business at the place is a target of its own
    assert {"dr ahmed", "al noor clinic"} <= set(
        targets("Try Dr Ahmed at Al Noor Clinic, very kind", parent_text="Can anyone recommend a pediatrician?"))


def test_signatures_quotes_and_greetings_are_not_targets() -> None:
    tv_q = "TV\nWhich TV brand should I buy for a small flat?"
    assert "rashid" not in targets("Our old one still works fine after years of use, no complaints at all.\nRashid",
                                   parent_text=tv_q)
    assert targets('No idea, sorry.\n"Fortune Favours The Bold"', parent_text=tv_q) == []
    assert targets("Mike.. same here, still looking", parent_text=tv_q) == []


def test_someone_elses_story_is_not_advice() -> None:
    rent_q = "Car hire\nAny cheap car rental for a month?"
    assert targets("My cousin rented a Nissan Sunny last month for 1200.", parent_text=rent_q) == []
    assert "avis" in targets("Try Avis, my cousin rented from them and loved it", parent_text=rent_q)


def test_descriptions_demonyms_and_plurals_of_the_asked_word_are_not_names() -> None:
    assert targets("there is a small bakery somewhere in that street", parent_text="Any good bakery?") == []
    assert targets("Gulf Driving School, ask for Nepali instructors",
                   parent_text="Can anyone suggest a driving school?") == ["gulf driving school"]
    found = targets("I tried 3 Yoga Studios. Zen Space is the best", parent_text="Any good yoga studio?")
    assert found == ["zen space"]
    assert targets("try text them at 5555 1234", parent_text="Can anyone recommend a cleaner?") == []
