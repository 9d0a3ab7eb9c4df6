"""The project's taxonomy of provider categories, with synonyms and problem phrases.

Each category lists the terms that name it: providers ("plumber"), what they sell or do
("boiler repair"), the places they run ("garage"), and the problems that send people to them
("leaking tap", "blocked drain", "toothache"). Every term carries the *kind* of thing it names
(``service``, ``product``, ``place``, ``media``), so "someone to fix my leaking tap" and
"plumber" meet in ``trades``/``service``.

Categories (22):

=====================  =====================================================================
category               covers (examples)
=====================  =====================================================================
trades                 plumber, electrician, carpenter, roofer, handyman, painter, leaking tap
home                   cleaner, movers, pest control, locksmith, furniture, appliances, laundry
health                 doctor, dentist, clinic, hospital, pharmacy, therapist, toothache
beauty                 hairdresser, barber, salon, spa, nail salon, makeup, tattoo
fitness                gym, personal trainer, yoga class, martial arts club, swimming lessons
food_and_drink         restaurant, cafe, bar, bakery, caterer, pizza, wine, sushi
retail                 shop, mall, clothes, shoes, gifts, jewellery, florist, market
auto                   mechanic, garage, car dealer, tyres, car wash, body shop, used car
transport              taxi, car rental, airport transfer, courier, shipping, driver
travel                 hotel, hostel, travel agent, flights, holiday, tour, beach, resort
real_estate            estate agent, apartment, flat, villa, landlord, property manager
legal                  lawyer, solicitor, attorney, notary, immigration lawyer, divorce
finance                accountant, bank, tax preparer, insurance, financial advisor, loan
professional_services  web designer, printer, photographer, translator, marketing agency
tech                   laptop, phone, computer repair, internet provider, software, hosting
education              school, tutor, driving school, language course, university, teacher
childcare              nursery, daycare, babysitter, nanny, kindergarten, playgroup
pets                   vet, dog groomer, kennel, pet shop, dog walker, pet sitter
events                 wedding planner, dj, venue, caterer for events, party supplies, florist
media                  book, film, movie, music, podcast, app, game, website, tv show
community              club, group, church, volunteering, charity, team, society
other                  (no category: ``category_of`` returns ``None``)
=====================  =====================================================================

``category_of(phrase)`` finds the longest known term in ``phrase``, preferring one in its head
(the part before its first preposition); ``kind_of(phrase)`` is that term's kind, else ``other``.
Both are dictionary lookups over the phrase's word n-grams.
"""

from __future__ import annotations

from functools import lru_cache

from .text import PREPOSITIONS, singular, words

# category -> kind -> space-separated-by-";" terms (singular; plurals are found by singularising)
_TAXONOMY: dict[str, dict[str, str]] = {
    "trades": {
        "service": "plumber;plumbing;electrician;electrical work;carpenter;joiner;roofer;roofing;builder;"
                   "bricklayer;handyman;handy man;painter and decorator;decorator;tiler;plasterer;glazier;"
                   "contractor;general contractor;welder;hvac;ac repair;air conditioning repair;ac technician;"
                   "boiler repair;heating engineer;gas engineer;fix my sink;leaking tap;leaky tap;leaking pipe;"
                   "burst pipe;blocked drain;clogged drain;clogged toilet;dripping tap;leaky faucet;leaking faucet;"
                   "water heater;broken boiler;rewiring;fuse box;power outage repair;landscaper;gardener;"
                   "tree surgeon;fencing;paving;drywall;renovation;remodeling;remodelling;kitchen fitter;"
                   "damp proofing;mould removal;mold removal;chimney sweep;gutter cleaning;installer;"
                   "technician;repairman;repair man;tradesman;tradesperson;maintenance company",
    },
    "home": {
        "service": "cleaner;cleaning service;cleaning company;house cleaner;maid;housekeeper;maid service;"
                   "mover;moving company;removal company;removals;packer;pest control;exterminator;bed bug;"
                   "cockroach;termite;locksmith;laundry;dry cleaner;laundromat;ironing service;window cleaner;"
                   "carpet cleaning;upholsterer;interior designer;home insurance;storage unit;self storage",
        "product": "furniture;sofa;couch;mattress;bed;curtain;blind;carpet;rug;fridge;refrigerator;freezer;"
                   "washing machine;dryer;dishwasher;oven;cooker;microwave;vacuum cleaner;air conditioner;"
                   "fan;heater;lamp;paint;wallpaper;tool;drill;kitchenware;cookware;bedding;towel;"
                   "home decor;ikea furniture;second hand furniture;used furniture;water filter;generator",
        "place": "furniture store;furniture shop;hardware store;hardware shop;diy store;home centre",
    },
    "health": {
        "service": "doctor;gp;physician;dentist;dental clinic;orthodontist;braces;dermatologist;"
                   "pediatrician;paediatrician;gynecologist;gynaecologist;obgyn;ob/gyn;obstetrician;"
                   "midwife;cardiologist;surgeon;plastic surgeon;physiotherapist;physio;chiropractor;"
                   "osteopath;optician;optometrist;ophthalmologist;eye doctor;therapist;psychologist;"
                   "psychiatrist;counsellor;counselor;nutritionist;dietitian;dietician;allergist;"
                   "ent specialist;ent;neurologist;urologist;gastroenterologist;oncologist;specialist;"
                   "acupuncturist;massage therapist;speech therapist;fertility clinic;ivf;vaccination;"
                   "vaccine;toothache;broke a tooth;broken tooth;back pain;rash;checkup;check-up;"
                   "blood test;x-ray;mri;scan;lasik;hearing aid;home nurse;nurse;nursing home;care home;"
                   "medical center;medical centre;health center;health centre",
        "place": "clinic;hospital;pharmacy;chemist;drugstore;walk-in clinic;urgent care;emergency room",
        "product": "medicine;contact lenses;glasses;spectacles;supplement;vitamin;inhaler;wheelchair;"
                   "tens machine;blood pressure monitor",
    },
    "beauty": {
        "service": "hairdresser;hair dresser;hair stylist;hairstylist;stylist;barber;barbershop;"
                   "barber shop;hair salon;salon;beauty salon;nail salon;manicure;pedicure;nail tech;"
                   "beautician;makeup artist;make-up artist;waxing;threading;eyebrow;lash extensions;"
                   "facial;spa;massage;tattoo artist;tattoo parlour;tattoo shop;piercing;haircut;hair cut;"
                   "highlights;hair colour;hair color;hair extensions;nails;gel nails;acrylic nails;nail extensions;"
                   "tattoo;henna;henna artist;tattooist",
        "product": "makeup;make-up;shampoo;conditioner;moisturizer;moisturiser;sunscreen;perfume;"
                   "fragrance;cologne;skincare;skin care;lipstick;foundation;mascara;hair dryer;"
                   "straightener;nail polish;razor;cosmetics",
    },
    "fitness": {
        "service": "personal trainer;fitness trainer;fitness class;yoga class;yoga teacher;pilates class;"
                   "pilates;zumba;spin class;swimming lessons;swimming classes;swimming class;swim coach;"
                   "boxing class;martial arts;karate;judo;taekwondo;kickboxing;crossfit;bootcamp;"
                   "tennis lessons;golf lessons;dance class;dance classes;dance school;coach",
        "place": "gym;fitness center;fitness centre;health club;yoga studio;swimming pool;pool;"
                 "sports club;football field;football ground;football pitch;sports ground;"
                 "judo club;karate club;tennis court;golf course;climbing gym;running club;"
                 "place to jog;place to run;place to walk;jogging track;running track",
        "product": "running shoes;trainers;treadmill;exercise bike;dumbbell;yoga mat;protein powder;"
                   "bicycle;bike;racket;golf clubs;sports gear",
    },
    "food_and_drink": {
        "place": "restaurant;cafe;café;coffee shop;coffee place;bar;pub;bistro;diner;brunch place;"
                 "brunch spot;lunch spot;breakfast place;pizza place;pizzeria;steakhouse;steak house;"
                 "sushi place;sushi bar;taqueria;burger joint;buffet;food court;bakery;patisserie;"
                 "deli;ice cream shop;ice cream parlour;wine bar;cocktail bar;nightclub;club scene;"
                 "nightlife;night life;lounge;brewery;winery;tea house;place to eat;somewhere to eat;"
                 "place for dinner;place for lunch;food truck;takeaway;take-out;takeout;street food;"
                 "butcher;fishmonger;grocery store;grocery;supermarket;farmers market;organic shop",
        "service": "caterer;catering;catering company;food delivery;personal chef;chef;cake maker;"
                   "meal delivery;meal prep service",
        "product": "wine;red wine;white wine;beer;whisky;whiskey;vodka;gin;coffee;tea;coffee beans;"
                   "chocolate;cake;birthday cake;wedding cake;cheese;bread;olive oil;coconut oil;spice;"
                   "turkey;halal meat;pork;bacon;sushi;pizza;burger;curry;thai food;indian food;"
                   "chinese food;mexican food;italian food;vegan food;gluten free;snack;cereal",
    },
    "retail": {
        "place": "shop;store;mall;shopping mall;shopping centre;shopping center;boutique;market;"
                 "souq;souk;outlet;department store;thrift store;charity shop;second hand shop;"
                 "bookshop;bookstore;toy store;toy shop;florist;flower shop;gift shop;stationery shop;"
                 "music store;record store;camera shop;sports shop;shoe shop;jeweller;jeweler",
        "product": "clothes;clothing;dress;wedding dress;suit;shirt;t-shirt;tshirt;tee;jeans;shoes;"
                   "boots;sneakers;trainer;jacket;coat;swimsuit;bathing suit;bikini;lingerie;underwear;"
                   "handbag;bag;backpack;luggage;suitcase;wallet;watch;jewellery;jewelry;ring;"
                   "engagement ring;necklace;sunglasses;hat;gift;present;gift basket;flowers;"
                   "toy;stationery;pen;fountain pen;notebook;umbrella;costume;uniform;fabric;yarn;"
                   "sign;poster;frame;magnet;souvenir;jersey;football shirt;kit;guitar;piano;keyboard;"
                   "drum;violin;musical instrument;instrument;art supplies;craft supplies;bottle",
        "service": "tailor;seamstress;dressmaker;alterations;tailoring;dry cleaning;shoe repair;watch repair;"
                   "engraving;key cutting",
    },
    "auto": {
        "service": "mechanic;auto mechanic;car mechanic;garage;auto repair;car repair;body shop;"
                   "panel beater;car wash;valet;car detailing;tyre shop;tire shop;mot;car service;"
                   "car servicing;oil change;brake repair;windscreen repair;windshield repair;"
                   "car insurance;driving instructor;car electrician;breakdown service;towing;tow truck",
        "product": "car;vehicle;used car;second hand car;new car;suv;4wd;4x4;pickup;truck;van;motorbike;"
                   "motorcycle;scooter;tyre;tire;car battery;car seat;child seat;car parts;spare parts;"
                   "auto parts;power steering pump;dash cam;satnav;gps",
        "place": "car dealer;car dealership;dealership;used car dealer;car yard;used car yard;"
                 "car showroom;showroom;scrap yard;scrapyard;junkyard;petrol station;gas station",
    },
    "transport": {
        "service": "taxi;cab;limo;limousine;chauffeur;private driver;driver;car rental;car hire;"
                   "rent a car;rental car;hire car;van hire;airport transfer;airport shuttle;shuttle;"
                   "courier;delivery service;shipping company;shipping;cargo;freight forwarder;"
                   "freight;removal van;bus service;ride;carpool;parking",
    },
    "travel": {
        "service": "travel agent;travel agency;tour operator;tour guide;tour;guided tour;safari;"
                   "desert safari;cruise;flight;flights;airline;cheap flights;holiday;vacation;"
                   "honeymoon;package holiday;visa agent;travel insurance;currency exchange;"
                   "money exchange;exchange house",
        "place": "hotel;motel;hostel;b&b;bed and breakfast;guest house;guesthouse;resort;inn;"
                 "airbnb;campsite;camping spot;beach;sandy beach;island;park;theme park;water park;"
                 "museum;zoo;aquarium;attraction;things to do;place to visit;places to visit;"
                 "day trip;weekend getaway;getaway;destination;place to stay;somewhere to stay;"
                 "place to go;places to go;place to spend",
    },
    "real_estate": {
        "service": "estate agent;real estate agent;realtor;letting agent;property agent;"
                   "property management;property manager;landlord;mortgage broker;surveyor",
        "place": "apartment;flat;studio;villa;house;home to rent;room;room to rent;room for rent;"
                 "house share;flatshare;accommodation;office space;shop space;warehouse;land;plot",
    },
    "legal": {
        "service": "lawyer;attorney;solicitor;barrister;law firm;legal advisor;legal adviser;"
                   "notary;notary public;paralegal;immigration lawyer;immigration consultant;"
                   "divorce lawyer;family lawyer;employment lawyer;criminal lawyer;"
                   "personal injury lawyer;legal aid;legal advice;will writer;conveyancer;"
                   "document attestation;attestation;translation of documents",
    },
    "finance": {
        "service": "accountant;accounting firm;accounting;bookkeeper;bookkeeping;auditor;"
                   "tax preparer;tax advisor;tax adviser;tax accountant;taxes;tax return;"
                   "financial advisor;financial adviser;financial planner;wealth manager;"
                   "investment advisor;broker;stockbroker;bank;bank account;credit card;loan;"
                   "personal loan;car loan;mortgage;insurance;insurance company;insurer;"
                   "health insurance;life insurance;money transfer;remittance;payroll",
    },
    "professional_services": {
        "service": "web designer;web design;web developer;website designer;developer;programmer;"
                   "graphic designer;designer;logo designer;printer;printing;printing press;"
                   "print shop;photographer;wedding photographer;videographer;translator;"
                   "interpreter;translation;translation service;marketing agency;pr agency;advertising agency;"
                   "seo;copywriter;"
                   "consultant;business consultant;business plan;recruiter;recruitment agency;"
                   "headhunter;cv writer;virtual assistant;sms provider;mass sms;call centre;"
                   "event planner;outsourcing company;agency;company;firm;provider;supplier;"
                   "manufacturer;wholesaler;distributor;contractor company;security company",
    },
    "tech": {
        "service": "computer repair;laptop repair;phone repair;iphone repair;screen repair;it support;"
                   "tech support;internet provider;isp;broadband;internet;wifi;mobile plan;"
                   "phone plan;data plan;sim card;web hosting;hosting;domain;vpn;data recovery;"
                   "cloud storage",
        "product": "laptop;notebook computer;computer;pc;desktop;mac;macbook;ipad;tablet;iphone;"
                   "phone;mobile phone;cell phone;smartphone;android phone;cordless phone;charger;"
                   "headphones;earphones;earbuds;speaker;speakers;tv;television;monitor;printer ink;"
                   "camera;dslr;dslr camera;lens;gopro;drone;console;playstation;xbox;nintendo;"
                   "router;modem;hard drive;ssd;usb;keyboard and mouse;mouse;smartwatch;e-reader;"
                   "kindle;lcd;screen;gadget;electronics",
        "place": "electronics store;electronics shop;computer shop;computer store;phone shop",
    },
    "education": {
        "service": "tutor;tutoring;private tutor;maths tutor;math tutor;english tutor;teacher;"
                   "arabic teacher;language teacher;language course;language class;language school;"
                   "language centre;language center;"
                   "english course;arabic course;french lessons;spanish lessons;piano lessons;"
                   "guitar lessons;music lessons;music teacher;driving school;driving lessons;"
                   "training course;training program;training centre;training center;course;class;"
                   "classes;lessons;workshop;exam centre;exam center;test centre;test center;"
                   "prometric;ielts;toefl;coaching;online course;bootcamp course",
        "place": "school;international school;primary school;secondary school;high school;college;"
                 "university;uni;academy;institute;library;study space",
    },
    "childcare": {
        "service": "nursery;daycare;day care;childcare;child care;babysitter;baby sitter;nanny;"
                   "au pair;creche;crèche;kindergarten;preschool;pre-school;playgroup;child minder;"
                   "childminder;after school club;summer camp;kids club;children's activities;"
                   "kids activities;activities for kids;soft play",
        "product": "pram;stroller;pushchair;cot;crib;baby formula;diapers;nappies;baby clothes;"
                   "baby carrier;high chair;baby monitor",
    },
    "pets": {
        "service": "vet;veterinarian;veterinary;vet clinic;animal hospital;dog groomer;groomer;"
                   "pet groomer;grooming;kennel;kennels;cattery;dog hotel;pet hotel;pet sitter;"
                   "dog walker;dog trainer;dog training;pet boarding;pet insurance;pet relocation",
        "product": "dog food;cat food;pet food;puppy;kitten;dog bed;cat litter;aquarium supplies;"
                   "fish tank;bird cage;pet supplies;pet accessories;dog accessories;cat accessories;dog collar",
        "place": "pet shop;pet store",
    },
    "events": {
        "service": "wedding planner;party planner;event organiser;event organizer;dj;band;"
                   "live band;entertainer;magician;clown;face painter;balloon decorator;"
                   "photo booth;event venue;wedding venue;party venue;venue;banquet hall;"
                   "catering for events;party supplies;decorations;wedding florist;mc;emcee;"
                   "bouncy castle;sound system hire",
        "place": "concert;gig;festival;event;club night;comedy club;cinema;movie theater;"
                 "movie theatre;theatre;theater;karaoke;bowling;escape room",
    },
    "media": {
        "media": "book;novel;books;audiobook;ebook;comic;manga;magazine;author;"
                 "movie;film;flick;chick flick;chic flick;"
                 "documentary;comedy;horror movie;tv show;show;series;sitcom;anime;"
                 "netflix;music;song;songs;album;band to listen;artist;singer;playlist;"
                 "ringtone;ringback tone;podcast;radio station;app;apps;application;software;program;"
                 "tool online;website;site;blog;forum;channel;youtube channel;youtuber;game;"
                 "video game;mmo;rpg;board game;tutorial;guide;course online;people to follow;"
                 "tweeps;twitter background;theme;font;plugin;browser;editor;video editing software;"
                 "photo editing;chiptune",
    },
    # clubs, groups and societies are no business: kind "other" (places of worship are places to go)
    "community": {
        "other": "club;group;support group;youth group;"
                 "volunteering;volunteer;charity;ngo;society;association;team;league;"
                 "competition;tournament;choir;orchestra;meetup;book club;running group;"
                 "cycling club;scouts",
        "place": "church;mosque;temple;synagogue",
    },
}

_KINDS = ("service", "product", "place", "media", "other")


def _build() -> tuple[dict[str, tuple[str, str]], int]:
    index: dict[str, tuple[str, str]] = {}
    longest = 1
    for category, by_kind in _TAXONOMY.items():
        for kind, terms in by_kind.items():
            for raw in terms.split(";"):
                toks = [singular(t) for t in words(raw)]
                if not toks:
                    continue
                key = " ".join(toks)
                index.setdefault(key, (category, kind))
                longest = max(longest, len(toks))
    return index, longest


TERMS, _LONGEST = _build()
CATEGORIES: tuple[str, ...] = (*_TAXONOMY, "other")


def terms_of(category: str) -> tuple[str, ...]:
    """The (singular, lowercased) terms of ``category``."""
    return tuple(t for t, (c, _) in TERMS.items() if c == category)


@lru_cache(maxsize=8192)
def lookup(phrase: str) -> tuple[str, str, str] | None:
    """``(term, category, kind)`` of the best term in ``phrase``, or ``None``.

    The best term is the longest, preferring the phrase's head (before its first preposition),
    then the rightmost.
    """
    toks = [singular(t) for t in words(phrase)]
    if not toks:
        return None
    cut = next((i for i, t in enumerate(toks) if i and t in PREPOSITIONS), len(toks))
    if cut < len(toks):
        # a term that holds the preposition itself, starting in the head ("places to run", "place for dinner")
        for n in range(min(_LONGEST, len(toks)), 1, -1):
            for i in range(max(0, cut - n + 1), min(cut, len(toks) - n + 1)):
                key = " ".join(toks[i:i + n])
                if key in TERMS:
                    category, kind = TERMS[key]
                    return key, category, kind
    for lo, hi in ((0, cut), (cut, len(toks))):
        best: tuple[int, int, str] | None = None
        for n in range(min(_LONGEST, hi - lo), 0, -1):
            for i in range(hi - n, lo - 1, -1):
                key = " ".join(toks[i:i + n])
                if key in TERMS and (best is None or n > best[0]):
                    best = (n, i, key)
                    break
            if best is not None:
                break
        if best is not None:
            category, kind = TERMS[best[2]]
            return best[2], category, kind
    return None


def terms_in(phrase: str) -> frozenset[tuple[str, str]]:
    """``(category, kind)`` of every term named anywhere in ``phrase`` ("tailor shop": a service and a place)."""
    toks = [singular(t) for t in words(phrase)]
    return frozenset(TERMS[key] for n in range(1, min(_LONGEST, len(toks)) + 1)
                     for i in range(len(toks) - n + 1) if (key := " ".join(toks[i:i + n])) in TERMS)


def category_of(phrase: str) -> str | None:
    """The provider category that ``phrase`` names ("someone to fix my leaking tap" -> "trades")."""
    found = lookup(phrase)
    return found[1] if found else None


def kind_of(phrase: str) -> str:
    """What ``phrase`` names: ``service``, ``product``, ``place``, ``media`` or ``other``."""
    found = lookup(phrase)
    return found[2] if found else "other"
