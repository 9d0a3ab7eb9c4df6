"""Post kinds: exact decisions on small-business and resident posts, scores in [0, 1], cues that explain."""

from __future__ import annotations

import pytest

from referral_engine.understand import PostKind, classify_kind, understand


def kind_of(text: str, *, is_reply: bool = False, is_repost: bool = False, author: str | None = None) -> PostKind:
    return classify_kind(text, is_reply=is_reply, is_repost=is_repost, author=author)[0]


@pytest.mark.parametrize("text", [
    "10% off all cakes this weekend, order now!",
    "We're open late on Fridays now, book your table on our site",
    "Fresh sourdough back in stock - pre-order yours for Saturday",
    "Spring sale: all bikes $50 off until Sunday. Come and see us on Elm St.",
    "Join us this Thursday for our free pottery taster night, register at the link",
    "We're hiring! Looking for a part-time barista, apply in store",
    "So proud to have won Best Bakery in town at the county awards!",
])
def test_pitch(text: str) -> None:
    assert kind_of(text) is PostKind.PITCH


@pytest.mark.parametrize("text", [
    "Huge thanks to @joesplumbing for fixing our leak",
    "Congratulations to our neighbours at Rosa's Deli on ten years on Main St!",
    "Shout out to @greenleafgardens, they did an amazing job on the park",
    "RT @cityfarmersmkt: Strawberries are in! Stalls open 8am Saturday",
    "Well done to the volunteers who cleaned up the river path today",
    "If you need an electrician, go check out @sparkybros - highly recommend",
])
def test_promoting_others(text: str) -> None:
    assert kind_of(text) is PostKind.PROMOTING_OTHERS


@pytest.mark.parametrize("text", [
    "@maria so sorry to hear that, DM us and we'll sort it",
    "@tom Hi Tom, yes we open at 9 tomorrow. See you then!",
    ".@janedoe thanks for letting us know, we'll look into it",
    "Hi Sam, apologies for the wait - please email us your order number",
    "What's your favourite pie filling? Tell us below",
])
def test_conversation(text: str) -> None:
    assert kind_of(text) is PostKind.CONVERSATION


@pytest.mark.parametrize("text", [
    "City council votes to repave Main St next month",
    "Road closure on Bridge St from Monday, according to the police https://example.org/roadworks",
    "New study: most small firms now take card payments https://example.org/study",
    "5 tips for keeping your pipes from freezing this winter https://example.org/pipes",
])
def test_information(text: str) -> None:
    assert kind_of(text) is PostKind.INFORMATION


def test_other_when_the_post_holds_almost_nothing() -> None:
    assert kind_of("#tbt") is PostKind.OTHER
    assert kind_of("") is PostKind.OTHER


def test_platform_flags() -> None:
    # A reply is conversation even without a leading handle; a repost of someone else promotes them.
    assert kind_of("Yes, the shop is open until 6 today", is_reply=True) is PostKind.CONVERSATION
    assert kind_of("Strawberries are in at the farmers market", is_repost=True) is PostKind.PROMOTING_OTHERS
    # A repost of praise for the author itself is the author's own pitch.
    assert kind_of("RT @happycustomer: Thank you @rosasdeli for the best cannoli!",
                   author="rosasdeli") is PostKind.PITCH


def test_courtesy_thanks_does_not_make_a_shout_out() -> None:
    kind, _, cues = classify_kind("Anyone know a good mechanic near the station? Thanks!")
    assert kind is PostKind.CONVERSATION
    assert "courtesy" in {cue.name for cue in cues}


def test_a_handle_named_in_the_first_word_is_not_a_reply() -> None:
    assert kind_of("@rosasdeli's new menu launches Friday, book now") is PostKind.PITCH


@pytest.mark.parametrize(("text", "cue"), [
    ("10% off all cakes this weekend, order now!", "price_or_discount"),
    ("Huge thanks to @joesplumbing for fixing our leak", "thanks"),
    ("@maria so sorry to hear that, DM us and we'll sort it", "care"),
    ("City council votes to repave Main St next month", "news"),
])
def test_cues_explain_the_decision(text: str, cue: str) -> None:
    _, score, cues = classify_kind(text)
    assert 0.0 <= score <= 1.0
    assert cues, "every judgement lists the cues behind it"
    assert cue in {c.name for c in cues}
    assert all(c.weight > 0 and c.text for c in cues)
    assert [c.weight for c in cues] == sorted((c.weight for c in cues), reverse=True)


def test_plain_statement_still_explained() -> None:
    kind, score, cues = classify_kind("Lovely quiet morning on the harbour")
    assert kind is PostKind.INFORMATION
    assert 0.0 < score < 0.6  # unsure: nothing but the prior decided it
    assert cues[0].name == "plain_statement"


def test_stronger_evidence_scores_higher() -> None:
    weak = classify_kind("Cakes available")[1]
    strong = classify_kind("Cakes 20% off today only, order now at our shop!")[1]
    assert strong > weak


def test_understand_carries_the_kind() -> None:
    judgement = understand("Huge thanks to @joesplumbing for fixing our leak")
    assert judgement.post_kind == "promoting_others"
    assert judgement.post_kind_cues
    assert 0.0 < judgement.post_kind_score <= 1.0


def test_odd_input_does_not_fail() -> None:
    for text in ["   ", "@", ".@", "RT", "RT @", "$", "%", "?", "“", "@a's", "http://x", "thanks", "👍👍"]:
        kind, score, cues = classify_kind(text)
        assert isinstance(kind, PostKind)
        assert 0.0 <= score <= 1.0
        assert cues


@pytest.mark.parametrize("text", [
    "10% off all cakes this weekend, order now!", "Huge thanks to @joesplumbing for fixing our leak",
    "@maria so sorry to hear that, DM us and we'll sort it", "Lovely quiet morning on the harbour", "#tbt", "",
    "Anyone know a good mechanic near the station? Thanks!", "RT @cityfarmersmkt: Strawberries are in!",
])
def test_without_cues_the_decision_is_the_same(text: str) -> None:
    kind, score, _ = classify_kind(text)
    assert classify_kind(text, with_cues=False) == (kind, score, ())
    assert classify_kind(text, is_reply=True, with_cues=False)[:2] == classify_kind(text, is_reply=True)[:2]


def test_an_empty_author_handle_is_not_the_author() -> None:
    assert kind_of("RT @happycustomer: Thank you @rosasdeli!", author="@") is PostKind.PROMOTING_OTHERS


def test_the_shared_lowercase_pass_decides_as_each_judge_alone() -> None:
    from referral_engine.understand import detect_request

    texts = ["  We’re open late tonight — come join us!  ", "\nDoes anyone know a good dentist in Leeds?\t",
             "İstanbul kebab house: 20% off today only", "@ana thanks so much!!", "RT @joe: huge thanks to @ana",
             "Thanks for the info, any ideas where to buy one? Thanks!", ""]
    for text in texts:
        for is_reply in (False, True):
            judged = understand(text, is_reply=is_reply)
            kind, score, cues = classify_kind(text, is_reply=is_reply)
            assert (judged.post_kind, judged.post_kind_score, judged.post_kind_cues) == (kind.value, score, cues)
            assert judged.request == detect_request(text, is_reply=is_reply)


@pytest.mark.parametrize("text", [
    "Can anyone recommend an emergency plumber close by? Water everywhere",
    "Does anyone know a good dentist near Mueller? Highly recommend you tell me!",
])
def test_a_referral_request_is_conversation_not_a_shout_out(text: str) -> None:
    judged = understand(text)
    assert judged.request is not None
    assert judged.post_kind == PostKind.CONVERSATION.value
    assert any(cue.name == "referral_request" for cue in judged.post_kind_cues)



def test_vouching_for_someone_unasked_is_promoting_others() -> None:
    referral = "Not our trade, but @cedarmotors is great. They fixed our van. Tell them we sent you!"
    judged = understand(referral)
    assert classify_kind(referral)[0] is PostKind.INFORMATION  # the kind cues alone
    assert judged.post_kind == "promoting_others"
    assert judged.post_kind_cues[0].name == "endorsing" and judged.post_kind_cues[0].text == "@cedarmotors"
    # answering someone in a reply is conversation; pointing at oneself promotes no one else
    assert understand(referral, is_reply=True).post_kind == "conversation"
    assert understand(referral, author="@CedarMotors").post_kind == "information"
    # a warning is no promotion
    assert understand("Avoid @shadyplumbing, never again. Worst service in town.").post_kind != "promoting_others"
