"""The vocabulary of ``bench/twarc_data.py``'s generated tweets and accounts: words in four
languages, emoji, names, handle words, places, client sources, languages, link domains and the
context annotations X attaches."""

from __future__ import annotations


def _words(text: str, sep: str = " ") -> list[str]:
    return text.split(sep)


EN = _words(
    "the a to and of in is it you that for on my this i with be have are just so not but at was me all "
    "your what can we if like get do will about out up one know when now they how time good new today "
    "people going think love really more would see need go day there back great anyone recommend "
    "recommendation looking plumber dentist electrician restaurant coffee shop mechanic lawyer accountant"
    " vet babysitter gym yoga pizza tacos bakery barber salon tailor contractor roofer painter landscaper"
    " therapist doctor pediatrician realtor photographer DJ florist caterer moving company hotel airbnb "
    "cafe brunch ramen sushi burger bookshop thanks thank everyone amazing awesome terrible honestly "
    "literally definitely please help neighborhood downtown Brooklyn Austin Portland Seattle Denver "
    "Chicago Boston Atlanta Toronto London Dublin Berlin Lisbon weekend tonight tomorrow morning week "
    "month year last first best worst favorite place service price prices quality fast friendly staff "
    "team owner small business local support shout out huge fan work job project meeting launch product "
    "update game team season match win lost score fans city weather rain sun cold hot traffic train bus "
    "flight trip vacation beach mountains hiking running coffee tea beer wine dinner lunch kids dog cat "
    "family friends mom dad school class teacher book movie show episode music album song concert tickets"
    " phone app website bug fix code data AI model open source release version"
)
ES = _words(
    "el la de que y en un una es por para con no lo se mi me muy pero más como todo bien hoy alguien "
    "recomienda recomendación busco buen buena médico dentista restaurante café taller abogado fontanero "
    "gracias todos increíble servicio precio barrio centro Madrid Barcelona Bogotá Lima Caracas México "
    "Buenos Aires semana mañana noche amigos familia trabajo ciudad"
)
PT = _words(
    "o a de que e do da em um para com não uma os no se na por mais as dos como mas foi ao ele alguém "
    "indica indicação procuro bom boa médico dentista restaurante obrigado todos serviço preço bairro São"
    " Paulo Rio Lisboa Porto semana amanhã noite amigos família trabalho"
)
JA = _words(
    "おすすめ 教えて ください ありがとう 美味しい ラーメン カフェ 東京 大阪 歯医者 今日 明日 最高 本当に 楽しい"
)
EMOJI = _words("😂 ❤️ 🙏 😍 🔥 👍 😭 ✨ 🙌 💯 🤔 😊 🎉 👀 ☕ 🍕 🐶 🏠 📍 🇺🇸 🇪🇸 🇧🇷 🇬🇧 🇯🇵 🙄 💪 🚀")
FIRST = _words(
    "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard Susan"
    " Joseph Jessica Thomas Sarah Chris Karen Daniel Nancy Matt Lisa Tony Betty Mark Sandra Paul Ashley "
    "Steven Kim Andrew Emily Josh Donna Kevin Michelle Brian Amanda George Melissa María José Juan Ana "
    "Luis Carmen Carlos Lucía Javier Sofía Diego Valentina João Mariana Pedro Camila Yuki Haruto Sakura "
    "Ren Aoi Ahmed Fatima Omar Aisha Liam Olivia Noah Emma Oliver Ava Priya Arjun Wei Mei Chen Olga Ivan "
    "Anya Nikos Elena Lars Ingrid Pierre Chloé Hans Greta"
)
LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
    "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
    "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Silva Santos Oliveira Souza Tanaka Suzuki "
    "Sato Kim Park Singh Patel Khan Müller Schmidt Rossi Dubois Novak"
)
HANDLE_WORDS = _words(
    "the real its just not official daily news sports tech food travel music art life love fan club hq "
    "world city bot dev design photo coffee pizza dog cat mom dad guy girl king queen sun moon star wolf "
    "fox bear blue red green gold dark light big little mr ms dr team"
)
LOCATIONS = _words(
    "New York, NY|Los Angeles, CA|Chicago, IL|Austin, TX|Brooklyn, NY|Portland, OR|Seattle, WA|"
    "Denver, CO|Boston, MA|Atlanta, GA|Toronto, Ontario|London, England|Dublin City, Ireland|"
    "Manchester, England|Berlin, Germany|Paris, France|Madrid, España|Barcelona|Ciudad de México|"
    "Buenos Aires, Argentina|Bogotá, D.C., Colombia|Lima, Perú|São Paulo, Brasil|Rio de Janeiro|"
    "Lisboa, Portugal|東京都|Osaka|Sydney, New South Wales|Melbourne, Victoria|Lagos, Nigeria|Mumbai, India|"
    "Bangalore|USA|United States|Earth|Rent-free in your head|somewhere|🌎|California, USA|Florida|Texas|"
    "Oregon, USA|Southern California|Pacific Northwest|he/him|NC",
    "|",
)
SOURCES = (
    ("Twitter for iPhone", 34),
    ("Twitter Web App", 29),
    ("Twitter for Android", 27),
    ("Twitter for iPad", 6),
    ("TweetDeck", 2),
    ("Hootsuite Inc.", 1),
    ("Buffer", 1),
)
LANGS = (("en", 72), ("es", 11), ("pt", 6), ("ja", 3), ("und", 3), ("fr", 2), ("de", 2), ("tl", 1))
DOMAINS = (
    "nytimes.com",
    "theguardian.com",
    "youtube.com",
    "instagram.com",
    "yelp.com",
    "github.com",
    "medium.com",
    "substack.com",
    "bbc.co.uk",
    "elpais.com",
    "maps.app.goo.gl",
    "open.spotify.com",
    "tiktok.com",
    "linkedin.com",
    "etsy.com",
    "eventbrite.com",
    "reddit.com",
    "nextdoor.com",
)
CONTEXT = (
    (
        '{"domain":{"id":"45","name":"Brand Vertical","description":"Top level entities that describe a '
        'Brands industry"},"entity":{"id":"781974596165640193","name":"Food"}}'
    ),
    (
        '{"domain":{"id":"46","name":"Business Taxonomy","description":"Categories within Brand Verticals that '
        'narrow down the scope of Brands"},"entity":{"id":"1557696848252391426","name":"Local services"}}'
    ),
    (
        '{"domain":{"id":"66","name":"Interests and Hobbies Category","description":"A grouping of interests '
        'and hobbies entities, like Novelty Food or Destinations"},"entity":{"id":"847528391163092993",'
        '"name":"Food","description":"Food"}}'
    ),
    (
        '{"domain":{"id":"131","name":"Unified Twitter Taxonomy","description":"A taxonomy view into the '
        'Semantic Core knowledge graph"},"entity":{"id":"1220701888179359745","name":"Dining"}}'
    ),
    (
        '{"domain":{"id":"3","name":"TV Shows","description":"Television shows from around the world"},'
        '"entity":{"id":"10027046487","name":"The Bear"}}'
    ),
    (
        '{"domain":{"id":"12","name":"Sports Team","description":"A sports team organization"},'
        '"entity":{"id":"10026377081","name":"Chicago Bulls"}}'
    ),
    (
        '{"domain":{"id":"65","name":"Interests and Hobbies Vertical","description":"Top level interests and '
        'hobbies groupings, like Food or Travel"},"entity":{"id":"847528576551067648","name":"Travel"}}'
    ),
)
