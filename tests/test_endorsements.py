"""Endorsement detection: terse answers under a request, shout-outs, warnings, non-endorsements."""

from __future__ import annotations

import time

from referral_engine.understand.endorsements import detect_endorsements
from referral_engine.understand.model import Request
from referral_engine.understand.requests import detect_request

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


CAR_Q = "Car\nWhat is a good 4wd with 7 seats? Budget around 100k. Any ideas?"
PET_Q = "Pet shop\nDoes anyone know a nearby pet shop to get fishes?"


def test_like_as_a_preposition_is_no_praise() -> None:
    rent_q = "Car hire\nAny cheap car rental for a month?"
    assert targets("around 2000 a month for a small car like Renault Clio, they will ask more at first",
                   parent_text=rent_q) == []
    assert "bella pasta" in targets("We really like Bella Pasta", parent_text="Any good pasta place?")


def test_a_wish_is_not_advice() -> None:
    assert targets("If u would like to buy a Nissan Patrol 2009 from me, pm me", parent_text=CAR_Q) == []


def test_can_go_to_suggests_and_does_not_ask() -> None:
    assert "al rayyan garage" in targets("can go to Al Rayyan Garage, near the old souq",
                                         parent_text="Can anybody recommend a good garage?")
    # a real question back still asks
    assert targets("Can you go to Al Rayyan Garage on a Friday?", parent_text="Can anybody recommend a good garage?") \
        == []


def test_a_place_word_can_open_a_name() -> None:
    carpet_q = "Carpet\nWhere can I buy a good carpet?"
    asked = detect_request(carpet_q)
    assert asked is not None
    assert targets("You check also Doha City.", parent_text=carpet_q, parent_request=asked) == ["doha city"]
    # alone, or before an ordinary word, it names nothing
    assert targets("Doha is cheaper than Dubai for that", parent_text=carpet_q) == []


def test_an_ordinary_capitalised_word_opens_a_business_name_inside_a_sentence() -> None:
    found = targets("You can try Home Center, they have three stores", parent_text="Where can I buy a shoe rack?")
    assert "home center" in found


def test_best_in_a_wish_judges_nothing() -> None:
    rent_q = "Car hire\nAny cheap car rental for a month?"
    assert targets("they charge about 2000 for a Fiat Punto, hope for the best", parent_text=rent_q) == []
    assert targets("All the best with the search, Marco", parent_text=rent_q) == []


def test_a_salutation_line_and_a_question_back_address_people() -> None:
    judo_q = "Judo\nAny judo club for a five year old?"
    assert targets("Marigold,\nSorry for the late reply. Five is the minimum age for my class.", parent_text=judo_q) \
        == []
    assert targets("@samfish, there are better things to buy than fishes, don't you think?", parent_text=PET_Q) == []


def test_a_reported_rate_is_no_answer() -> None:
    savings_q = "Banks\nWhat is the best bank for savings in Doha?"
    assert targets("Northwind Bank offers 5% for online savers in the UK..Not sure here.. brave of you to save with "
                   "a foreign bank these days", parent_text=savings_q) == []


def test_people_spoken_to_are_not_targets() -> None:
    sign_q = "Sign\nWhere can I buy a large Welcome Home sign?"
    assert targets("Let me know Bobo if u want the sign.", parent_text=sign_q) == []
    assert targets("Just ignore HARRY FOX", parent_text=sign_q) == []


def test_saying_where_a_provider_is_answers_where() -> None:
    found = targets("go down the main road past the bridge. Coral Aquarium is off the first slip road in the "
                    "shops on your right", parent_text=PET_Q)
    assert "coral aquarium" in found


def test_call_mr_x_names_the_person() -> None:
    assert "ahmed karimi" in targets("Pls call mr  ahmed karimi(5555 1234)",
                                     parent_text="Printing\nAny good printing press?")


def test_cool_judges_and_so_is_carries_the_verdict() -> None:
    found = targets("I am not sure about the others but I think the Ford Ranger is pretty cool...so is the "
                    "Mazda Tribute...", parent_text=CAR_Q)
    assert {"ford ranger", "mazda tribute"} <= set(found)


def test_offering_directions_is_not_selling() -> None:
    found = targets("There is good shop at Merqab, I don't know the name, but I can give you the actual location. "
                    "It is just near CITY SOUQ.", parent_text="Where can I buy musical instruments?")
    assert found
    assert targets("I can give you lessons at home, I teach Arabic", parent_text="Any good Arabic tutor?") == []


def test_a_warning_by_name() -> None:
    savings_q = "Banks\nWhat is the best bank for savings in Doha?"
    found = detect_endorsements("Nooo please... not Northwind Bank! Their service is slow.", parent_text=savings_q)
    assert [(e.target, e.polarity) for e in found] == [("Northwind Bank", "negative")]
    assert targets("THE RACE IS NOT OVER BCOZ I HAVE NOT WON YET!", parent_text=savings_q) == []


def test_where_an_advised_provider_works_is_advised_with_them() -> None:
    found = targets("Try doctor Lina in Al Noor Hospital. Her husband is a surgeon too.",
                    parent_text="OBGYN\nDoes anyone know a good OBGYN?")
    assert {"doctor lina", "al noor hospital"} <= set(found)


def test_a_quoted_name_after_the_kind_of_place() -> None:
    found = targets("There is also the shop ''Partyland'' in the mall, second floor. They have party stuff",
                    parent_text="Where can I buy party decorations?")
    assert "partyland" in found


def test_a_name_with_nothing_said_of_it_under_a_loose_question_is_no_endorsement() -> None:
    # the parent asks only loosely (no request detected): a bare name in a short reply is even odds, not enough
    obgyn_q = "OBGYN\nDoes anyone know of a good OBGYN in Doha"
    assert targets("Still in the UK Mary Beth.", parent_text=obgyn_q) == []


def test_check_with_a_bare_name_but_not_an_office() -> None:
    photo_q = "Photographer\nCan anyone recommend a wedding photographer?"
    assert "lumen studio" in targets("Check with lumen studio. They may have someone free.", parent_text=photo_q)
    assert targets("check with the traffic department first, they will tell you", parent_text=photo_q) == []
    # a contact person is no provider
    assert "person" not in targets("Very nice people at Teyseer. Contact person there is Mr. Surendran.",
                                   parent_text="Garage\nAny good garage for denting and painting?")


def test_a_word_of_praise_after_a_name_is_no_sibling_name() -> None:
    # "great" must not be read as "gre" + "at" (a name listed after the handle, then "at ...")
    from referral_engine.understand import understand

    judgement = understand("Highly recommend @joesplumbing, great work",
                           parent_text="Does anyone know a good plumber in Hyde Park?", is_reply=True)
    assert [e.target for e in judgement.endorsements] == ["@joesplumbing"]


def test_a_business_answering_the_asker_by_name_endorses_no_one() -> None:
    plumber = "Looking for a plumber in Cherrywood, any recs?"
    assert targets("We have a crew in Cherrywood on Thursday, Ben. Happy to swing by.", parent_text=plumber) == []
    assert targets("Happy to help, Ben! Send us a DM with a few details.", parent_text=plumber) == []
    # the name after the comma is still a provider when nobody speaks as "we", or when it names a business
    assert targets("Try Lulu, Carrefour.", parent_text="Where can I buy a cheap kettle?") == ["lulu", "carrefour"]
    assert targets("We always use Joe, Ben. Great plumber.", parent_text=plumber) == ["joe"]


def test_where_the_writer_is_is_no_endorsement() -> None:
    plumber = "Looking for a plumber in Cherrywood, any recs?"
    assert targets("We'd love to help! We're just down the road in Hyde Park.", parent_text=plumber) == []
    assert targets("Come see us! We are in Crestview.", parent_text=plumber) == []
    assert targets("Go to Hyde Park Plumbing, best in town.", parent_text=plumber) == ["hyde park plumbing"]


def test_standing_referrals_between_businesses() -> None:
    """The ways one business sends its customers to another: each names whom, and for what when said."""
    found = detect_endorsements("If you need taxes, @redriverbookkeeping is who we'd call. They found deductions.")
    assert [(e.target, e.for_, e.polarity) for e in found] == [("@redriverbookkeeping", "taxes", "positive")]
    assert targets("If you need flowers, Johnson Floral is who we'd call.") == ["johnson floral"]
    assert targets("We send all our customers to @bartoncoffee for coffee. Good people.") == ["@bartoncoffee"]
    assert targets("We refer our clients to Lewis CPA every tax season.") == ["lewis cpa"]
    assert targets("Shout-out to our neighbors at @pizzaredriver. Best late-night slice in town.") == ["@pizzaredriver"]
    assert targets("Thanks to the crew at Cedar Motors for the quick fix") == ["cedar motors"]
    # a mild verdict vouches only when the referral is said outright
    referred = detect_endorsements("Not our trade, but @cedarmotors is great. Tell them we sent you!")
    assert [e.target for e in referred] == ["@cedarmotors"]
    assert any(c.name == "referred" for c in referred[0].cues)
    assert targets("Not our trade, but @cedarmotors is great.") == []


def test_hard_negatives_of_the_referral_phrases() -> None:
    for text in ("@john is great lol", "Mom is great. Tell her I said hi", "We send all our love to the family",
                 "I send my friends to the moon", "Who would I call if the power goes out?",
                 "Our customers to date: 400 happy homes", "They sent you a letter? Ignore it."):
        assert detect_endorsements(text) == [], text
