"""The service categories of the demo city, with the words people use about each.

Every category carries its own vocabulary (what people call the provider, what
goes wrong, what a good job looks like, what a pitch sounds like) so that the
generated posts read like a real neighbourhood feed rather than one template
with the noun swapped. The ``key`` is the label a classifier is scored against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One kind of local business and the phrases that belong to it."""

    key: str
    #: What people call the provider when asking ("plumber", "pediatric dentist").
    nouns: tuple[str, ...]
    #: What people say they use the provider for ("Who do you all use for ___?").
    service: str
    #: A sentence describing the need, put before or after a request.
    problems: tuple[str, ...]
    #: ``(what the endorsement is for, how a happy customer says it)``.
    jobs: tuple[tuple[str, str], ...]
    #: How an unhappy customer says it.
    complaints: tuple[str, ...]
    #: Offers a business posts unprompted; ``{pct}``, ``{price}`` and ``{day}`` are filled in.
    pitches: tuple[str, ...]
    #: Useful information a good business shares.
    tips: tuple[str, ...]
    #: Business name patterns; ``{last}``, ``{first}``, ``{area}`` and ``{word}`` are filled in.
    names: tuple[str, ...]
    #: Relative share of requests about this category (plumbers are asked for more than florists).
    demand: float = 1.0


CATEGORIES: tuple[Category, ...] = (
    Category(
        "plumber", ("plumber", "plumbing company", "emergency plumber"), "plumbing",
        ("Our water heater just died.", "Kitchen sink is backing up again.", "Slow leak under the bathroom sink.",
         "The toilet will not stop running.", "Found water pooling by the washer this morning."),
        (("water heater replacement", "replaced our water heater the same day"),
         ("leak repair", "fixed our leak in an hour"),
         ("drain cleaning", "cleared a drain two other companies gave up on"),
         ("repiping", "repiped our old house without wrecking the walls"),
         ("toilet repair", "had the toilet fixed before lunch and charged exactly the quote")),
        ("quoted $300 and billed $900", "left a bigger leak than the one they came for",
         "never showed up for the second appointment"),
        ("{pct}% off drain cleaning this week only!", "Water heater flush special: ${price} through {day}.",
         "Same-day plumbing, licensed and insured. Call now!", "Leaky faucet? We fix it fast. Book today!"),
        ("Tip: flush your water heater once a year so sediment doesn't build up.",
         "Freeze warning tonight: disconnect garden hoses and let indoor faucets drip.",
         "If your water bill jumps for no reason, check the toilet flapper first. It's a $10 fix."),
        ("{last} Plumbing", "{first}'s Plumbing", "{area} Plumbing Co", "{word} Pipe & Drain", "{word} Rooter"),
        1.6,
    ),
    Category(
        "electrician", ("electrician", "licensed electrician", "electrical contractor"), "electrical work",
        ("Half the outlets in the kitchen just stopped working.", "We need a panel upgrade for an EV charger.",
         "Lights flicker every time the AC kicks on.", "Want to add ceiling fans in two bedrooms."),
        (("EV charger install", "installed our EV charger and pulled the permit"),
         ("panel upgrade", "upgraded our panel in one day"),
         ("troubleshooting", "found a loose neutral nobody else could find"),
         ("ceiling fans", "put in three ceiling fans and cleaned up after")),
        ("left exposed wires in the attic", "charged a trip fee and never came back"),
        ("{pct}% off panel inspections this month!", "EV charger installs from ${price}. Book now!",
         "24/7 emergency electrical service. Call today!"),
        ("Tip: test your GFCI outlets monthly. Press test, then reset.",
         "Storm season: a whole-house surge protector costs less than one fried fridge."),
        ("{last} Electric", "{word} Electric", "{area} Electrical", "{first}'s Electric", "{word} Sparks"),
        1.3,
    ),
    Category(
        "dentist", ("dentist", "pediatric dentist", "family dentist", "dentist for kids"), "teeth cleaning",
        ("My daughter is due for her first checkup.", "Cracked a molar on a tortilla chip.",
         "Our insurance changed and we need someone new.", "Looking to finally deal with my wisdom teeth."),
        (("kids checkup", "made my nervous six-year-old actually laugh in the chair"),
         ("crown", "fit a crown in one visit"),
         ("emergency visit", "saw me same day for a cracked tooth"),
         ("cleaning", "did the gentlest cleaning I've ever had")),
        ("tried to upsell $4,000 of work I didn't need", "billed my insurance twice"),
        ("New patient special: exam and x-rays for ${price}!", "{pct}% off whitening through {day}!",
         "Now accepting new patients. Book online today!"),
        ("Reminder: kids should see a dentist by their first birthday.",
         "Sports season is here. A custom mouthguard is cheaper than a chipped tooth."),
        ("{area} Family Dental", "{last} Dental", "{word} Smiles", "{area} Pediatric Dentistry", "{word} Dental Care"),
        1.1,
    ),
    Category(
        "vet", ("vet", "veterinarian", "vet clinic", "cat-friendly vet"), "pet care",
        ("Our dog ate something he shouldn't have.", "New kitten needs her shots.",
         "Our senior lab is limping.", "Need someone good with anxious cats."),
        (("dental cleaning", "cleaned our old cat's teeth and called us twice after"),
         ("emergency visit", "squeezed our dog in on a Sunday"),
         ("vaccinations", "were so gentle with our new puppy's shots"),
         ("surgery", "walked us through our dog's knee surgery step by step")),
        ("kept our cat waiting three hours", "pushed expensive tests without explaining why"),
        ("{pct}% off wellness exams this week!", "Vaccine clinic {day}: shots from ${price}!",
         "New clients welcome. Book your pet's checkup today!"),
        ("Heat warning: pavement at 3pm can burn paw pads. Walk dogs early or late.",
         "Foxtails are out. Check between your dog's toes after hikes."),
        ("{area} Animal Clinic", "{word} Veterinary", "{last} Animal Hospital", "{word} Pet Clinic"),
        1.0,
    ),
    Category(
        "bakery", ("bakery", "place for birthday cakes", "bakery that does custom cakes"), "birthday cakes",
        ("My son's birthday is in two weeks.", "Need a gluten-free cake for a party.",
         "Craving real sourdough.", "Need three dozen cupcakes for a school event."),
        (("birthday cake", "made the dinosaur cake of my son's dreams"),
         ("sourdough", "bake the best sourdough in town"),
         ("gluten-free cake", "made a gluten-free cake nobody could tell was gluten-free"),
         ("kolaches", "have kolaches worth the line")),
        ("got our order wrong twice", "sold us a stale cake"),
        ("{pct}% off all pastries {day}!", "Order your holiday pies now: ${price} each!",
         "Fresh croissants every morning. Come by today!"),
        ("Freezing sourdough? Slice it first, then toast from frozen.",
         "Pro tip: order custom cakes at least a week ahead in graduation season."),
        ("{word} Bakery", "{first}'s Bakehouse", "{area} Bread Co", "{word} Kolache", "{last} Bakery"),
        0.7,
    ),
    Category(
        "coffee", ("coffee shop", "cafe to work from", "quiet coffee spot"), "coffee",
        ("Need a spot with wifi to work from.", "Meeting a friend and want somewhere quiet.",
         "Just moved and miss my old cafe."),
        (("espresso", "pull the best cortado in Austin"),
         ("workspace", "have great wifi and never rush you out"),
         ("breakfast tacos", "serve breakfast tacos that beat the trucks")),
        ("had a rude barista twice", "charged $7 for a lukewarm latte"),
        ("{pct}% off lattes today only!", "Happy hour: any drink ${price} after 2pm!",
         "New seasonal menu is here. Come try it!"),
        ("Cold brew at home: one part coffee, eight parts water, 16 hours in the fridge.",),
        ("{word} Coffee", "{area} Coffee House", "{first}'s Cafe", "{word} Roasters", "Cafe {word}"),
        0.8,
    ),
    Category(
        "mechanic", ("mechanic", "auto shop", "honest mechanic", "brake shop"), "car repairs",
        ("Check engine light came on again.", "Car is making a grinding noise when I brake.",
         "AC in the car just quit, in August.", "Need a pre-purchase inspection on a used car."),
        (("brake job", "did my brakes for half the dealer quote"),
         ("AC repair", "fixed the car AC the same afternoon"),
         ("inspection", "told me honestly not to buy that used car"),
         ("diagnostics", "found the problem the dealer missed")),
        ("kept my car for two weeks", "charged for parts they never replaced"),
        ("Oil change special: ${price}!", "{pct}% off brake service through {day}!",
         "Free multi-point inspection with any service. Stop by!"),
        ("Texas heat kills batteries. Get yours tested before it leaves you stranded.",
         "If your brakes squeal, get them looked at now. Pads are cheaper than rotors."),
        ("{last} Auto", "{area} Auto Repair", "{word} Garage", "{first}'s Auto Service", "{word} Motors"),
        1.3,
    ),
    Category(
        "hair_salon", ("hair salon", "stylist", "barber", "salon for curly hair"), "haircuts",
        ("I have curly hair and keep getting bad cuts.", "Need a trim before a wedding.",
         "My kid needs a haircut and hates salons."),
        (("curly cut", "finally gave me a curly cut that works"),
         ("color", "nailed the color I showed a photo of"),
         ("kids cut", "got my squirmy toddler through a haircut")),
        ("cut way more than I asked for", "double-booked and made me wait an hour"),
        ("{pct}% off color services this week!", "New client special: cut and style ${price}!",
         "Walk-ins welcome today. Come see us!"),
        ("Tip: wash with cooler water to keep color from fading in the summer sun.",),
        ("Salon {word}", "{area} Hair Studio", "{first}'s Barber Shop", "{word} Hair Co", "{last} Salon"),
        0.9,
    ),
    Category(
        "accountant", ("tax accountant", "CPA", "tax preparer", "bookkeeper"), "taxes",
        ("Just started freelancing and my taxes are a mess.", "Need help with a small business return.",
         "Got a letter from the IRS I don't understand."),
        (("tax return", "did our taxes and found deductions I'd missed for years"),
         ("IRS letter", "sorted out an IRS letter in one phone call"),
         ("bookkeeping", "cleaned up a year of my bookkeeping")),
        ("filed my return late", "never answered my emails after taking the fee"),
        ("Tax season special: returns from ${price}!", "{pct}% off bookkeeping for new clients!",
         "Don't wait! Book your tax appointment today."),
        ("Freelancers: quarterly estimated taxes are due on the 15th.",
         "Keep receipts for home office costs. A folder now saves a headache in April."),
        ("{last} CPA", "{last} & {last2} Tax", "{area} Tax Services", "{word} Bookkeeping"),
        0.8,
    ),
    Category(
        "lawyer", ("lawyer", "estate lawyer", "tenant lawyer", "attorney"), "legal advice",
        ("Our landlord won't return the deposit.", "We need to finally write a will.",
         "Need someone to look over a contract."),
        (("will", "wrote our wills in one afternoon and explained everything"),
         ("deposit dispute", "got my deposit back with a single letter"),
         ("contract review", "reviewed my contract fast and for a flat fee")),
        ("billed hours for emails they never sent", "missed a filing deadline"),
        ("Free consultation this week! Call now.", "Wills from ${price}. Limited time!",
         "Injured? We fight for you. Call today!"),
        ("Renters: photograph everything at move-in. It's your best evidence for the deposit.",),
        ("{last} Law", "{last} & {last2} Law Firm", "{area} Legal", "{word} Law Group"),
        0.6,
    ),
    Category(
        "yoga", ("yoga studio", "yoga class", "beginner yoga class", "prenatal yoga class"), "yoga",
        ("Just started having back pain from desk work.", "Looking to get back into yoga after a baby.",
         "Want something calmer than the gym."),
        (("beginner classes", "made a total beginner feel welcome"),
         ("prenatal yoga", "got me through my pregnancy with prenatal classes"),
         ("back pain", "helped my back more than physical therapy did")),
        ("charged my card after I cancelled", "crammed 40 people into a hot room"),
        ("First week unlimited for ${price}!", "{pct}% off class packs through {day}!",
         "New class times added. Sign up today!"),
        ("Desk workers: two minutes of cat-cow every hour does wonders for your back.",),
        ("{word} Yoga", "{area} Yoga Studio", "Yoga on {word}", "{word} Flow Studio"),
        0.6,
    ),
    Category(
        "tutor", ("tutor", "math tutor", "SAT tutor", "reading tutor"), "tutoring",
        ("My kid is struggling with algebra.", "SAT is in March and we're behind.",
         "Our 2nd grader needs help with reading."),
        (("algebra tutoring", "turned my son's D in algebra into a B"),
         ("SAT prep", "raised my daughter's SAT score by 150 points"),
         ("reading help", "got our 2nd grader excited about books")),
        ("cancelled half the sessions", "just handed my kid worksheets"),
        ("SAT prep packages from ${price}!", "{pct}% off your first month of tutoring!",
         "Enroll now, spots are filling fast!"),
        ("Reading 20 minutes a day adds up to almost two million words a year.",),
        ("{word} Tutoring", "{area} Learning Center", "{first}'s Tutoring", "{word} Academy"),
        0.7,
    ),
    Category(
        "landscaper", ("landscaper", "lawn service", "tree trimmer", "yard crew"), "yard work",
        ("Our yard is a jungle after all the rain.", "Want to swap the lawn for native plants.",
         "Big oak branch is hanging over the roof."),
        (("native plants", "replaced our lawn with native plants that survived August"),
         ("tree trimming", "trimmed our oaks and hauled everything away"),
         ("lawn care", "keep our yard looking great every week")),
        ("killed half our plants", "left branches all over the driveway"),
        ("{pct}% off lawn care plans this month!", "Spring cleanup from ${price}. Book now!",
         "Free estimates all week. Call today!"),
        ("Oak wilt season: don't prune oaks between February and June.",
         "Water deeply twice a week instead of a little every day. Roots go deeper."),
        ("{word} Landscaping", "{last} Lawn & Garden", "{area} Tree Care", "{word} Gardens"),
        1.0,
    ),
    Category(
        "pizza", ("pizza place", "spot for pizza", "pizza delivery"), "pizza night",
        ("Friday is pizza night and we're bored of the chains.", "Need pizza for 20 kids on Saturday.",
         "Craving a real New York slice."),
        (("pizza", "make a margherita that tastes like Naples"),
         ("party order", "handled our order for 20 kids without a hitch"),
         ("slices", "have the best late-night slice in town")),
        ("delivered cold pizza an hour late", "got our order wrong and wouldn't fix it"),
        ("{pct}% off large pizzas tonight!", "Two-topping large for ${price}, today only!",
         "Order online now and get free delivery!"),
        ("Reheat pizza in a dry skillet with a lid, not the microwave. Crisp crust every time.",),
        ("{word} Pizza", "{first}'s Pizzeria", "{area} Pie Co", "Pizza {word}", "{last}'s Slice Shop"),
        0.7,
    ),
    Category(
        "florist", ("florist", "flower shop", "florist for a wedding"), "flowers",
        ("Need flowers for my mom's birthday.", "Planning a small wedding in the spring.",
         "Want a standing weekly order for our office."),
        (("wedding flowers", "did our wedding flowers on a tiny budget and they were stunning"),
         ("birthday bouquet", "delivered a gorgeous birthday bouquet same day"),
         ("sympathy flowers", "handled sympathy flowers for my aunt with real care")),
        ("delivered wilted roses", "sent the wrong arrangement to a funeral"),
        ("{pct}% off bouquets this week!", "Roses ${price} a dozen through {day}!",
         "Same-day delivery! Order now!"),
        ("Recut stems at an angle and change the water every two days. Flowers last twice as long.",),
        ("{word} Florist", "{area} Flowers", "{first}'s Flower Shop", "{word} Blooms", "{last} Floral"),
        0.5,
    ),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}

#: Words for business names: Austin flavour without any real business's name.
NAME_WORDS = (
    "Bluebonnet", "Lone Star", "Capital", "Armadillo", "Pecan", "Live Oak", "Red River", "Barton",
    "Cypress", "Mockingbird", "Prickly Pear", "Sunset", "Limestone", "Bat City", "Violet Crown",
    "Hill Country", "Agave", "Mesquite", "Cedar", "Lady Bird", "Peach Street", "Copperleaf",
)

#: What a business of each category calls its trade in its bio.
TRADES: dict[str, str] = {
    "plumber": "Plumbing", "electrician": "Electrical contractor", "dentist": "Family dentistry",
    "vet": "Veterinary clinic", "bakery": "Neighborhood bakery", "coffee": "Coffee shop", "mechanic": "Auto repair",
    "hair_salon": "Hair salon", "accountant": "Tax and bookkeeping", "lawyer": "Law office", "yoga": "Yoga studio",
    "tutor": "Tutoring", "landscaper": "Landscaping and tree care", "pizza": "Pizzeria", "florist": "Florist",
}

#: Plausible prices for each category's pitches (a $129 latte would give the game away).
PRICES: dict[str, tuple[int, ...]] = {
    "plumber": (59, 79, 99, 129), "electrician": (399, 599, 799), "dentist": (49, 79, 99), "vet": (25, 35, 49),
    "bakery": (18, 24, 28), "coffee": (3, 4, 5), "mechanic": (29, 39, 49), "hair_salon": (35, 45, 55),
    "accountant": (99, 149, 199), "lawyer": (299, 399, 499), "yoga": (19, 25, 29), "tutor": (199, 299, 399),
    "landscaper": (149, 199, 249), "pizza": (12, 14, 16), "florist": (29, 39, 45),
}
