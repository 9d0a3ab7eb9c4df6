"""What the demo community says: many phrasings per intent, combined with fillers.

Each function returns the text of one post; the generator records the intended
label beside it. Templates are deliberately varied (openers, closers, problem
sentences, misspelling-free but casual) so the feed does not read as one
template repeated, and so a classifier has real variety to be tested on. Some
posts are near misses on purpose: a question that is not a referral request,
a pitch phrased as "Looking for a plumber?".
"""

from __future__ import annotations

from random import Random

from .categories import PRICES, Category

# -- requests ------------------------------------------------------------------------------

_ADJECTIVES = ("good", "reliable", "honest", "trustworthy", "decent", "affordable", "great", "", "", "")

#: ``{a}``: article + adjective + noun ("a reliable plumber"); ``{noun}``; ``{loc}``; ``{service}``.
_REQUESTS = (
    "Does anyone know {a}{loc}?",
    "Looking for {a}{loc}, any recs?",
    "Can anyone recommend {a}{loc}?",
    "Any recommendations for {a}{loc}?",
    "Anybody have {a} they trust{loc}?",
    "Who do you all use for {service}{loc}?",
    "Need {a}{loc}. Suggestions?",
    "Recs for {a}{loc} who won't rip me off?",
    "What's everyone's go-to {noun}{loc}?",
    "Hive mind: best {noun}{loc}?",
    "Can someone recommend {a}{loc}? Thanks in advance!",
    "Does anybody know {a}{loc} who can come out this week?",
    "Looking for recommendations: {noun}{loc}.",
    "Who's the best {noun}{loc}? Asking for real.",
    "Any {noun} recs{loc}?",
    "Y'all, I need {a}{loc}. Who should I call?",
    "Does anyone have a recommendation for {a}{loc}?",
    "Looking for {a}{loc}. Who do you trust?",
)
_REQUEST_OPENERS = ("", "", "", "Neighbors, ", "Austin friends! ", "Help! ", "Okay {area} folks: ", "Quick one: ",
                    "Calling all {area} people. ")
_REQUEST_CLOSERS = ("", "", "", " Thanks!", " TIA!", " Thank you 🙏", " DMs open.", " Would really appreciate it.")
_LOCATIONS = (" in {alias}", " near {alias}", " around {alias}", " in {alias}", " close to {alias}")
_OPINION_REQUESTS = (
    "Has anyone used {ref}? Thinking of hiring them for {service}.",
    "Thoughts on {ref}? Are they any good?",
    "Anyone tried {ref}? Worth it?",
    "Has anybody had {service} done by {ref}? Good experience?",
)


def _article(phrase: str) -> str:
    # "an" before a vowel sound: "an honest plumber", "an SAT tutor", but "a used car".
    an = phrase[:1].lower() in "aeio" or phrase.startswith(("honest", "SAT", "hour"))
    return ("an " if an else "a ") + phrase


def request(rng: Random, category: Category, noun: str, alias: str | None, area: str | None) -> tuple[str, str]:
    """A referral request for ``noun`` near ``alias`` when given: ``(text, what it asks for)``.

    ``area`` names the asker's neighbourhood for openers like "Okay Mueller folks:";
    pass it only when the request is about that neighbourhood (or none), so the
    opener never implies a location the label does not have.
    """
    adjective = rng.choice(_ADJECTIVES)
    phrase = f"{adjective} {noun}" if adjective and " " not in noun else noun
    loc = rng.choice(_LOCATIONS).format(alias=alias) if alias else ""
    template = rng.choice(_REQUESTS)
    sought = category.service if "{a}" not in template and "{noun}" not in template else noun
    body = template.format(a=_article(phrase), noun=noun, loc=loc, service=category.service)
    openers = _REQUEST_OPENERS if area else tuple(o for o in _REQUEST_OPENERS if "{area}" not in o)
    opener = rng.choice(openers).format(area=area)
    if opener.endswith((", ", ": ")) and not body.startswith(("I ", "Y'all")):
        body = body[0].lower() + body[1:]
    text = opener + body + rng.choice(_REQUEST_CLOSERS)
    roll = rng.random()
    if roll < 0.3:
        text = f"{rng.choice(category.problems)} {text}"
    elif roll < 0.45:
        text = f"{text} {rng.choice(category.problems)}"
    return text, sought


def opinion_request(rng: Random, category: Category, ref: str) -> str:
    """A question about one named business ("Has anyone used @x?")."""
    return rng.choice(_OPINION_REQUESTS).format(ref=ref, service=category.service)


# -- endorsements ----------------------------------------------------------------------------

_PRAISE = (
    "{ref}! They {job}. Highly recommend.",
    "We love {ref}. They {job}.",
    "+1 for {ref}. They {job}.",
    "Call {ref}. They {job} and were super fair on price.",
    "{ref}, hands down. They {job}.",
    "Not sure about your area, but {ref} {did} for us and we were thrilled.",
    "We've used {ref} for years. Always honest, always on time.",
    "Try {ref}. They {job}.",
    "Another vote for {ref}! They {job}.",
    "{ref} is who we use. They {job}, and they actually answer the phone.",
    "Definitely {ref}. They {job}. Tell them {first} sent you!",
    "Our whole street uses {ref}. They {job}.",
)
_WARNINGS = (
    "Avoid {ref}. They {complaint}.",
    "I'd steer clear of {ref}; they {complaint}.",
    "Had a bad experience with {ref}: they {complaint}.",
    "Whatever you do, don't call {ref}. They {complaint}.",
    "Not {ref}. They {complaint}. Never again.",
)
_SHOUT_OUTS = (
    "Huge thanks to {ref}! They {job}.",
    "Shout-out to {ref}, who {job}. {area} is lucky to have them.",
    "Can't say enough good things about {ref}. They {job}.",
    "PSA: {ref} is the real deal. They {job}.",
    "Update: went with {ref} like you all suggested. They {job}. Thanks, neighbors!",
    "10/10 would recommend {ref}. They {job}.",
    "Big thank you to {ref} this week. They {job}. Support local!",
    "Just want to say {ref} {did} for us and it made our week.",
)
_BUSINESS_PROMOS = (
    "Not our trade, but {ref} is great. They {job}. Tell them we sent you!",
    "Shout-out to our neighbors at {ref}. They {job}.",
    "We send all our customers to {ref} for {service}. Good people.",
    "If you need {service}, {ref} is who we'd call. They {job}.",
    "Support local: {ref} in {area}. They {job}.",
)
_PUPPET_PRAISE = (
    "Best {noun} in Austin!!! {ref} is amazing, 5 stars!!!",
    "Wow {ref} is the BEST. Everyone should use them!!",
    "{ref} = top quality!!! Highly recommend to everyone!!!",
    "Just used {ref} and WOW. Best in Texas honestly!!!",
    "If you're not using {ref} you're missing out!!! 10/10",
    "{ref} changed my life. Best {noun} ever!!!",
)


def praise(rng: Random, ref: str, job: str, first: str) -> str:
    """A happy customer's endorsement of ``ref`` (an @handle or a business name)."""
    return rng.choice(_PRAISE).format(ref=ref, job=job, did=_did(job), first=first)


def warning(rng: Random, ref: str, complaint: str) -> str:
    """An unhappy customer's warning about ``ref``."""
    return rng.choice(_WARNINGS).format(ref=ref, complaint=complaint)


def shout_out(rng: Random, ref: str, job: str, area: str) -> str:
    """A standalone thank-you post for a business."""
    return rng.choice(_SHOUT_OUTS).format(ref=ref, job=job, did=_did(job), area=area)


def business_promo(rng: Random, ref: str, job: str, service: str, area: str) -> str:
    """One business recommending another (what good citizens do)."""
    return rng.choice(_BUSINESS_PROMOS).format(ref=ref, job=job, service=service, area=area)


def puppet_praise(rng: Random, ref: str, noun: str) -> str:
    """The over-the-top praise a brand-new sock-puppet account posts."""
    return rng.choice(_PUPPET_PRAISE).format(ref=ref, noun=noun)


def _did(job: str) -> str:
    """'did great work' phrased from a job ("fixed our leak" reads fine after a name)."""
    first = job.split(" ", 1)[0]
    return job if first.endswith("ed") or first in ("made", "got", "found", "did", "put", "cut", "saw", "wrote") \
        else "did great work"


# -- businesses -------------------------------------------------------------------------------

_OFFERS = (
    "Hi {first}! We'd be glad to help. We're in {area}; give us a call at {phone} or DM us.",
    "Happy to help, {first}! Send us a DM with a few details.",
    "We'd love to help! We're just down the road in {area}.",
)
#: Offers that only make sense for trades that come to you.
_VISIT_OFFERS = (
    "{first}, we can take a look this week. No charge for the estimate. {phone}",
    "We have a crew in {area} on Thursday, {first}. Happy to swing by and take a look.",
)
#: Offers for places you go to.
_VENUE_OFFERS = (
    "Come see us, {first}! We're in {area} and have openings this week.",
    "We'd love to have you, {first}! Mention this thread on your first visit.",
)
_VISITING = ("plumber", "electrician", "landscaper")
_THANKS_CUSTOMER = (
    "Thank you so much, {first}! It was a pleasure.",
    "We appreciate you, {first}! Thanks for trusting us.",
    "This made our day. Thank you, {first}!",
    "Thanks for the kind words, {first}. Call us anytime.",
)
_PITCH_OPENERS = ("", "", "🔥 DEAL ALERT: ", "LIMITED TIME: ", "Attention {area}! ", "Don't miss out! ")
_PITCH_CLOSERS = (" Call {phone}.", " Book now at {url}", " #Austin #ATX", " Link in bio!", " Call {phone} today!",
                  " #SupportLocal #Austin", "")
_QUESTION_PITCHES = ("Looking for {a}? {name} is here for you!", "Need {a}{loc}? Call {name}!",
                     "Looking for {a} in Austin? Look no further!")
_GENTLE_PITCHES = (
    "We have a couple of openings next week if you need {service}. No pressure, just letting neighbors know.",
    "New this month: we've added weekend hours for {service}.",
    "Small reminder that we offer free estimates for {service}.",
)
_BUSINESS_CHAT = (
    "Thank you {area} for a great month. We love this neighborhood.",
    "Our shop dog {pet} says hi.",
    "Rainy day in {area}. Stay dry, everyone!",
    "Proud to sponsor the {area} little league team this season.",
    "We'll be at the {area} street fair on Saturday. Come say hi!",
    "{years} years in business this week. Thank you for every single job.",
    "Hiring! Looking to add a friendly face to the team. DM us.",
    "Our team volunteered at the {area} park cleanup today. Good people here.",
    "Closed Monday for the holiday. Enjoy the long weekend, everyone!",
    "Welcome to our newest team member, {first}!",
    "Coffee and breakfast tacos for the crew this morning. Happy Friday!",
)
_DAYS = ("Friday", "Sunday", "the end of the month", "Saturday")


def offer(rng: Random, category: Category, first: str, area: str, phone: str) -> str:
    """A business answering a request for its own service."""
    own = _VISIT_OFFERS if category.key in _VISITING else _VENUE_OFFERS
    return rng.choice(_OFFERS + own).format(first=first, area=area, phone=phone)


def thanks_customer(rng: Random, first: str) -> str:
    """A business thanking a customer who praised it."""
    return rng.choice(_THANKS_CUSTOMER).format(first=first)


def pitch(rng: Random, category: Category, name: str, area: str, phone: str, url: str) -> str:
    """An unsolicited sales pitch; sometimes phrased as a question to look like a request."""
    if rng.random() < 0.05:
        noun = category.nouns[0]
        return rng.choice(_QUESTION_PITCHES).format(a=_article(noun), name=name, loc=f" in {area}") + \
            rng.choice(_PITCH_CLOSERS).format(phone=phone, url=url)
    offer_text = rng.choice(category.pitches).format(pct=rng.choice((10, 15, 20, 25)),
                                                     price=rng.choice(PRICES[category.key]), day=rng.choice(_DAYS))
    return (rng.choice(_PITCH_OPENERS).format(area=area) + offer_text
            + rng.choice(_PITCH_CLOSERS).format(phone=phone, url=url))


_TIP_PREFIXES = ("", "", "Friendly reminder: ", "From our crew: ", "Neighbors, ", "PSA: ")
_TIP_SUFFIXES = ("", "", " Questions? Ask below.", " Happy to help if you're not sure.", " #AustinTips",
                 " Stay safe out there.", " Share with a neighbor who needs this.")


def tip(rng: Random, category: Category) -> str:
    """Useful advice from a business, dressed differently each time it is shared."""
    text = rng.choice(category.tips)
    prefix = rng.choice(_TIP_PREFIXES)
    if prefix and text.startswith("Tip: "):
        text = text[5:]
    if prefix and not prefix.endswith(": "):
        text = text[0].lower() + text[1:]
    return prefix + text + rng.choice(_TIP_SUFFIXES)


def gentle_pitch(rng: Random, category: Category) -> str:
    """The rare, low-key self-promotion of a good citizen."""
    return rng.choice(_GENTLE_PITCHES).format(service=category.service)


def business_chat(rng: Random, area: str, first: str) -> str:
    """A business's everyday community post."""
    return rng.choice(_BUSINESS_CHAT).format(area=area, first=first, pet=rng.choice(("Biscuit", "Pepper", "Queso")),
                                             years=rng.randrange(3, 30))


def spam(rng: Random, handles: list[str]) -> str:
    """A bulk-mention spam post tagging every handle in ``handles``."""
    head = rng.choice(("🔥 HOT DEALS this week!", "Best prices in ATX!!!", "You won't believe these deals!",
                       "FREE gift card for the first 50!"))
    return f"{head} Tap the link: https://deals.example.com/atx {' '.join('@' + h for h in handles)}"


# -- residents' everyday posts ------------------------------------------------------------------

_CHAT = (
    "{hot} {small}", "{small}", "{food}", "{food} {small}", "{event}", "{pet}", "{kid}", "{traffic}",
    "{hot}", "{event} {small}",
)
_HOT = ("103 today and it's not even August.", "Finally a cool morning!", "The humidity is unreal today.",
        "Storm rolling in over {area}, stay safe.", "Perfect patio weather.", "Porch sitting season is here.")
_SMALL = ("Anyone else just need a nap?", "Grateful for this neighborhood.", "Long week.", "Coffee number three.",
          "Weekend can't come soon enough.", "Living my best life.", "Garden is finally producing tomatoes!")
_FOOD = ("Breakfast tacos from the truck on {road} hit different.", "Made brisket for the first time. Humbled.",
         "Tried the new taco place on {road}. Solid migas.", "Queso for dinner, no regrets.",
         "Farmers market peaches are unreal this week.")
_EVENTS = ("ACL tickets secured!", "Great show at the Mohawk last night.", "Longhorns game day, let's go!",
           "Bat watching at Congress bridge with the kids tonight.", "Barton Springs at 7am is the best therapy.",
           "Movie in the park in {area} was so fun.")
_PETS = ("Our dog discovered the sprinkler.", "The cat has claimed my keyboard again.",
         "Adopted a rescue pup this weekend! Meet Biscuit.", "Dog park in {area} is packed today.")
_KIDS = ("First day of school done!", "Science fair volcano: success. Kitchen: destroyed.",
         "Kids are out of school and I'm out of ideas.", "Library storytime was the highlight of our week.")
_TRAFFIC = ("I-35 is a parking lot again.", "Mopac, why.", "{road} construction will outlive us all.",
            "Bike lane on {road} is a game changer.")
_ROADS = ("Cesar Chavez", "Airport Blvd", "Lamar", "Manor Rd", "Burnet Rd", "Guadalupe", "South 1st", "Duval")
_REPLIES = ("Same here!", "Ha, so true.", "Right?!", "Love this.", "This is the way.", "Welcome to Austin 😅",
            "Couldn't agree more.", "Ugh, yes.", "Enjoy!", "Haha I saw that too.", "Congrats!", "Stay cool out there.",
            "So jealous.", "Good to know, thanks!", "Not the dog park 😂", "Same thing happened to us.")
_FOLLOWING = ("Following! Need one too.", "Bumping this, also curious.", "Commenting to see the answers.",
              "Same question here, following.", "Saving this thread.")
_THANKS_THREAD = ("Thanks everyone! Going with {ref}.", "You all are the best. Calling {ref} tomorrow.",
                  "Thank you! Booked {ref} for next week.")
_INFO = (
    "Heads up: {road} is closed {when} for {reason}.",
    "The {area} farmers market is moving to 8am starting {day}.",
    "Free {event2} at {park} this {day}. More: https://example.org/atx/events",
    "City is collecting brush in {area} next week. Put it out by Monday.",
    "Reminder: water restrictions are stage 2 now. Watering days: https://example.org/atx/water",
    "Boil notice lifted for {area}.",
    "New bus route through {area} starts {day}.",
)
_QUESTIONS = (
    "Does anyone know when the {area} farmers market opens on {day}?",
    "Does anyone know if {road} is still closed?",
    "Anyone know what the sirens on {road} were about?",
    "Does anybody know if the pool in {area} is open yet?",
    "Anyone know if the library branch in {area} has extended hours now?",
    "Does anyone know who won the chili cook-off in {area}?",
    "Anybody know why the power keeps blinking in {area} tonight?",
    "Does anyone know if the bats are still out at the Congress bridge this late in the year?",
)
_WHEN = ("this weekend", "all week", "Saturday night", "until Friday")
_REASONS = ("a water main repair", "the street festival", "repaving", "a 5K race")
_EVENTS2 = ("yoga", "outdoor movie", "concert", "kids' craft fair")
_PARKS = ("Zilker Park", "Mueller Lake Park", "Shipe Park", "Pease Park", "Eastwoods Park")


def chat(rng: Random, area: str) -> str:
    """An everyday post: weather, food, pets, kids, traffic."""
    return rng.choice(_CHAT).format(
        hot=rng.choice(_HOT), small=rng.choice(_SMALL), food=rng.choice(_FOOD), event=rng.choice(_EVENTS),
        pet=rng.choice(_PETS), kid=rng.choice(_KIDS), traffic=rng.choice(_TRAFFIC),
    ).format(area=area, road=rng.choice(_ROADS))


def reply(rng: Random) -> str:
    """A short conversational reply."""
    return rng.choice(_REPLIES)


def following(rng: Random) -> str:
    """Someone in a request thread who wants the answer too."""
    return rng.choice(_FOLLOWING)


def thanks_thread(rng: Random, ref: str) -> str:
    """The asker thanking the thread and naming their choice."""
    return rng.choice(_THANKS_THREAD).format(ref=ref)


def information(rng: Random, area: str) -> str:
    """Local news and notices."""
    return rng.choice(_INFO).format(
        road=rng.choice(_ROADS), when=rng.choice(_WHEN), reason=rng.choice(_REASONS), area=area,
        day=rng.choice(("Saturday", "Sunday", "next week", "the 1st")), event2=rng.choice(_EVENTS2),
        park=rng.choice(_PARKS),
    )


def question(rng: Random, area: str) -> str:
    """A question that is not a referral request (a near miss for request detection)."""
    return rng.choice(_QUESTIONS).format(area=area, road=rng.choice(_ROADS), day=rng.choice(("Sunday", "Saturday")))
