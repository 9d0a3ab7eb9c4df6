"""Generate a realistic, deterministic twarc2 *raw* file for benchmarks.

One line per X API v2 search response page, the way ``twarc2 search`` writes it::

    {"data": [100 tweets], "includes": {"users": [...], "tweets": [...]},
     "meta": {...}, "__twarc": {"url": ..., "version": ..., "retrieved_at": ...}}

shaped like the recorded samples in ``shared/data/formats/x-v2-twarc/``
(``noflat.jsonl``): tweets with ``id``, ``text``, ``author_id``, ``created_at``,
``conversation_id``, ``lang``, ``public_metrics``, ``entities`` (mentions with
ids, urls, hashtags, annotations), ``referenced_tweets``, ``in_reply_to_user_id``,
``reply_settings``, ``possibly_sensitive``, ``source``, ``edit_history_tweet_ids``,
sometimes ``context_annotations``; users with ``id``, ``username``, ``name``,
``description``, ``location``, ``created_at``, ``public_metrics``, ``verified``...

Mix: about 25% retweets ("RT @user: ..." with the original in ``includes.tweets``),
20% replies, 10% quotes, the rest original tweets; one to three mentions on many
tweets; a population of ``--users`` accounts (200,000 by default) whose activity
and popularity follow a Zipf-like skew; text of about 20-280 characters with some
unicode and emoji. Lines are written the way twarc writes them (``json.dumps``
defaults: ``", "`` and ``": "`` separators, non-ASCII as ``\\u`` escapes). About
2.2 KB per tweet, includes counted (the recorded ``noflat.jsonl`` page has 4.1 KB
per tweet: more annotations, URL cards and media).

The output depends only on ``--tweets``, ``--seed`` and ``--users``, and a smaller
file is an exact prefix of a larger one made with the same seed (so a 250,000-tweet
file is the first quarter of the 1,000,000-tweet file). Beside the file,
``OUT.meta.json`` records what the file holds, including ``distinct_posts``: the
number of distinct tweets in it (``data`` plus ``includes.tweets``), which an
ingest into a store should end up with.

    python bench/twarc_data.py OUT.jsonl --tweets 1000000 --seed 1

A benchmark tool, not part of the package.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from bisect import bisect
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from twarc_words import CONTEXT, DOMAINS, EMOJI, EN, ES, FIRST, HANDLE_WORDS, JA, LANGS, LAST, LOCATIONS, PT, SOURCES

#: Bump when the output for a given (tweets, seed, users) changes; caches compare it.
GENERATOR_VERSION = 4
PAGE_SIZE = 100
TWITTER_EPOCH_MS = 1288834974657
START_MS = int(datetime(2023, 1, 9, tzinfo=UTC).timestamp() * 1000)
TWARC_VERSION = "2.14.0"
QUERY = '(recommend OR recommendation OR "looking for" OR anyone) lang:en OR lang:es -is:nullcast'
SEARCH_URL = (
    "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id%2C"
    "referenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username%2C"
    "attachments.poll_ids%2Cattachments.media_keys%2Cgeo.place_id&user.fields=created_at%2Cdescription%2C"
    "entities%2Cid%2Clocation%2Cname%2Cpinned_tweet_id%2Cprofile_image_url%2Cprotected%2Cpublic_metrics%2C"
    "url%2Cusername%2Cverified%2Cwithheld&tweet.fields=attachments%2Cauthor_id%2Ccontext_annotations%2C"
    "conversation_id%2Ccreated_at%2Cedit_history_tweet_ids%2Centities%2Cgeo%2Cid%2Cin_reply_to_user_id%2Clang%2C"
    "public_metrics%2Ctext%2Cpossibly_sensitive%2Creferenced_tweets%2Creply_settings%2Csource%2Cwithheld"
    "&max_results=100&start_time=2023-01-09T00%3A00%3A00%2B00%3A00&query=recommend"
)

B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


#: How twarc writes a line: ``json.dumps`` with its defaults.
dumps = json.dumps


def _iso(ms: int) -> str:
    s, ms = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(s))  # the API always says .000Z


def _b36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = B36[r] + out
        if not n:
            return out


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))


#: A tweet that can be referenced: (id, its JSON, author index, conversation id, text).
Ref = tuple[str, str, int, str, str]


class Generator:
    """Streams pages; every random draw comes from one ``random.Random(seed)`` in file order."""

    def __init__(self, seed: int = 1, users: int = 200_000) -> None:
        self.seed = seed
        self.n_users = users
        self.rng = random.Random(seed)
        rng = random.Random(seed * 7919 + 17)
        # Who posts (mild skew) and who gets retweeted, quoted, mentioned (strong skew).
        self.author_cum = _zipf_cum(users, 0.75)
        self.target_cum = _zipf_cum(users, 1.05)
        self.user_json: dict[int, str] = {}
        self.user_id: dict[int, str] = {}
        self.user_name: dict[int, str] = {}
        # Text fragments in four languages, so building a text is a few joins.
        pools = {"en": EN, "es": ES, "pt": PT, "ja": JA}
        self.frags: dict[str, list[str]] = {}
        for lang, words in pools.items():
            sep = "" if lang == "ja" else " "
            frags = []
            for _ in range(6000 if lang == "en" else 2000):
                k = rng.randint(3, 14)
                frag = sep.join(rng.choices(words, k=k))
                r = rng.random()
                if r < 0.35:
                    frag = frag[0].upper() + frag[1:] + rng.choice((".", "!", "?", "...", "!!", " —"))
                frags.append(frag)
            self.frags[lang] = frags
        self.sources = [s for s, w in SOURCES for _ in range(w)]
        self.langs = [lang for lang, w in LANGS for _ in range(w)]
        self.context = [json.loads(c) for c in CONTEXT]
        # Recent tweets one can reply to, retweet or quote: (id, raw, author index, conversation id).
        self.originals: deque[Ref] = deque(maxlen=40_000)
        self.recent_data: deque[Ref] = deque(maxlen=20_000)
        self.now_ms = START_MS
        self.orig_ms = START_MS - 86_400_000
        self.orig_seq = 0
        self.tweet_index = 0
        self.page_index = 0
        self.distinct_originals = 0
        self.mentioned: list[int] = []

    # -- users ---------------------------------------------------------------------------
    def user(self, i: int) -> str:
        """Make sure user ``i`` exists; return its id."""
        uid = self.user_id.get(i)
        if uid is not None:
            return uid
        r = random.Random((self.seed << 32) ^ (i * 2654435761))
        rand = r.random
        created = int(START_MS - (86_400_000 * 365 * 14) * rand() ** 1.3) - 86_400_000
        # Two in five have an old numeric id; the rest a snowflake from the creation time, unique by its low bits.
        uid = str(12_000_000 + i * 9973) if i % 5 < 2 else str(((created - TWITTER_EPOCH_MS) << 22) | (i & 0x3FFFFF))
        first, last = r.choice(FIRST), r.choice(LAST)
        style = rand()
        if style < 0.35:
            base = first + last
        elif style < 0.55:
            base = (first[0] + "_" + last).lower()
        elif style < 0.75:
            base = r.choice(HANDLE_WORDS) + r.choice(HANDLE_WORDS).capitalize()
        else:
            base = first.lower() + r.choice(HANDLE_WORDS)
        base = "".join(ch for ch in base if ch.isascii() and (ch.isalnum() or ch == "_"))
        suffix = str(i) if rand() < 0.5 else _b36(i * 37 + 11)
        username = base[: 15 - len(suffix)] + suffix
        name = f"{first} {last}" if rand() < 0.7 else r.choice((first, username, f"{first} {EMOJI[i % len(EMOJI)]}"))
        pop = 1.0 / (i + 1) ** 0.9
        followers = int(2_000_000 * pop * (0.5 + rand())) + int(r.expovariate(1 / 300))
        user: dict[str, Any] = {
            "id": uid,
            "created_at": _iso(created),
            "name": name,
            "username": username,
            "public_metrics": {
                "followers_count": followers,
                "following_count": int(r.expovariate(1 / 600)),
                "tweet_count": int(r.expovariate(1 / 8000)) + 1,
                "listed_count": followers // 200 + int(rand() * 3),
            },
            "url": "",
            "verified": i < 2000 and rand() < 0.5,
            "protected": False,
            "description": "",
            "profile_image_url": f"https://pbs.twimg.com/profile_images/{uid}/{_b36(i * 7 + 3)}_normal.jpg",
        }
        if rand() < 0.8:
            frags = self.frags["en" if rand() < 0.8 else "es"]
            desc = r.choice(frags)
            if rand() < 0.5:
                desc += " " + r.choice(frags)
            if rand() < 0.3:
                desc += " " + "".join(r.choices(EMOJI, k=r.randint(1, 3)))
            user["description"] = desc[:160]
        if rand() < 0.6:
            user["location"] = r.choice(LOCATIONS)
        if rand() < 0.3:
            short = "https://t.co/" + "".join(r.choices(B62, k=10))
            site = f"{username.lower()}.{r.choice(('com', 'net', 'co', 'io', 'me'))}"
            user["url"] = short
            user["entities"] = {
                "url": {
                    "urls": [
                        {"start": 0, "end": 23, "url": short, "expanded_url": f"https://{site}", "display_url": site}
                    ]
                }
            }
        if rand() < 0.35:
            user["pinned_tweet_id"] = str(
                ((START_MS - 86_400_000 * r.randint(2, 700) - TWITTER_EPOCH_MS) << 22) | (i & 0xFFF)
            )
        self.user_id[i] = uid
        self.user_name[i] = username
        self.user_json[i] = dumps(user)
        return uid

    # -- tweets --------------------------------------------------------------------------
    def text_body(self, lang: str, room: int) -> str:
        rng = self.rng
        frags = self.frags.get(lang) or self.frags["en"]
        n = 1 + (rng.random() < 0.8) + (rng.random() < 0.55) + (rng.random() < 0.3)
        body = " ".join(rng.choice(frags) for _ in range(n))
        if rng.random() < 0.22:
            body += " " + "".join(rng.choices(EMOJI, k=1 + int(rng.random() * 3)))
        if len(body) > room:
            cut = body.rfind(" ", 0, room)
            body = body[: cut if cut > room // 2 else room]
        return body

    def make_tweet(
        self, tid: str, ms: int, author: int, *, kind: str | None = None, target: Ref | None = None
    ) -> dict[str, Any]:
        """A tweet object; ``kind`` is None (an original), replied_to, quoted or retweeted."""
        rng = self.rng
        rand = rng.random
        lang = rng.choice(self.langs)
        body_lang = "en" if lang in ("und", "fr", "de", "tl") else lang
        author_id = self.user(author)
        mentions: list[dict[str, Any]] = []
        urls: list[dict[str, Any]] = []
        hashtags: list[dict[str, Any]] = []
        tweet: dict[str, Any] = {}
        conversation = tid
        self.mentioned = mentioned = []
        if kind == "retweeted":
            assert target is not None
            t_id, _, t_author, _, original_text = target
            handle = self.user_name[t_author]
            prefix = f"RT @{handle}: "
            text = prefix + original_text
            if len(text) > 140 + len(prefix):
                text = text[: 139 + len(prefix)] + "…"
            mentions.append({"start": 3, "end": 4 + len(handle), "username": handle, "id": self.user_id[t_author]})
            mentioned.append(t_author)
            tweet["referenced_tweets"] = [{"type": "retweeted", "id": t_id}]
            metrics = {
                "retweet_count": int(rng.expovariate(1 / 40)),
                "reply_count": 0,
                "like_count": 0,
                "quote_count": 0,
            }
        else:
            parts: list[str] = []
            pos = 0
            if kind == "replied_to":
                assert target is not None
                t_id, _, t_author, t_conv, _ = target
                conversation = t_conv
                who = [t_author]
                if rand() < 0.3:
                    who.append(self.pick_target())
                    if rand() < 0.3:
                        who.append(self.pick_target())
                for w in dict.fromkeys(who):
                    self.user(w)
                    mentioned.append(w)
                    handle = self.user_name[w]
                    mentions.append(
                        {"start": pos, "end": pos + 1 + len(handle), "username": handle, "id": self.user_id[w]}
                    )
                    parts.append("@" + handle + " ")
                    pos += len(handle) + 2
                tweet["referenced_tweets"] = [{"type": "replied_to", "id": t_id}]
                tweet["in_reply_to_user_id"] = self.user_id[t_author]
            elif rand() < 0.12:  # a mention first, not a reply ("@x have you tried ...")
                w = self.pick_target()
                self.user(w)
                mentioned.append(w)
                handle = self.user_name[w]
                mentions.append({"start": 0, "end": 1 + len(handle), "username": handle, "id": self.user_id[w]})
                parts.append("@" + handle + " ")
                pos = len(handle) + 2
            tail_room = 280 - pos - (24 if kind == "quoted" else 0)
            body = self.text_body(body_lang, min(tail_room, 70 + int(rng.expovariate(1 / 90))))
            parts.append(body)
            pos += len(body)
            if pos < 230 and rand() < 0.25:  # a mention inside the text
                w = self.pick_target()
                self.user(w)
                mentioned.append(w)
                handle = self.user_name[w]
                parts.append(" @" + handle)
                mentions.append(
                    {"start": pos + 1, "end": pos + 2 + len(handle), "username": handle, "id": self.user_id[w]}
                )
                pos += len(handle) + 2
                if pos < 250 and rand() < 0.35:
                    w2 = self.pick_target()
                    if w2 != w:
                        self.user(w2)
                        mentioned.append(w2)
                        handle = self.user_name[w2]
                        parts.append(" @" + handle)
                        mentions.append(
                            {"start": pos + 1, "end": pos + 2 + len(handle), "username": handle, "id": self.user_id[w2]}
                        )
                        pos += len(handle) + 2
            if pos < 250 and rand() < 0.12:
                tag = rng.choice(self.frags["en"]).split(" ")[0].strip(".!?—")
                tag = "".join(ch for ch in tag if ch.isalnum()) or "recs"
                parts.append(" #" + tag)
                hashtags.append({"start": pos + 1, "end": pos + 2 + len(tag), "tag": tag})
                pos += len(tag) + 2
            if kind == "quoted":
                assert target is not None
                t_id, _, t_author, _, _ = target
                short = "https://t.co/" + "".join(rng.choices(B62, k=10))
                expanded = f"https://twitter.com/{self.user_name[t_author]}/status/{t_id}"
                parts.append(" " + short)
                urls.append(
                    {
                        "start": pos + 1,
                        "end": pos + 24,
                        "url": short,
                        "expanded_url": expanded,
                        "display_url": expanded[8:34] + "…",
                    }
                )
                pos += 24
                tweet["referenced_tweets"] = [{"type": "quoted", "id": t_id}]
            elif pos < 255 and rand() < 0.2:
                short = "https://t.co/" + "".join(rng.choices(B62, k=10))
                domain = rng.choice(DOMAINS)
                path = "/".join(rng.choices(B36, k=3)) + "-" + "".join(rng.choices(B36, k=8))
                parts.append(" " + short)
                urls.append(
                    {
                        "start": pos + 1,
                        "end": pos + 24,
                        "url": short,
                        "expanded_url": f"https://{domain}/{path}",
                        "display_url": f"{domain}/{path}"[:26] + "…",
                    }
                )
                pos += 24
            text = "".join(parts)
            pop = 0.2 + 60.0 / (author + 50)
            metrics = {
                "retweet_count": int(rng.expovariate(1 / (1 + 8 * pop))),
                "reply_count": int(rng.expovariate(1 / (1 + 3 * pop))),
                "like_count": int(rng.expovariate(1 / (2 + 40 * pop))),
                "quote_count": int(rng.expovariate(1 / (0.3 + pop))),
            }
        entities: dict[str, Any] = {}
        if rand() < 0.3 and len(text) > 30:
            s = int(rand() * (len(text) - 12))
            entities["annotations"] = [
                {
                    "start": s,
                    "end": s + 6,
                    "probability": round(0.3 + rand() * 0.69, 4),
                    "type": rng.choice(("Place", "Person", "Organization", "Product")),
                    "normalized_text": text[s : s + 7],
                }
            ]
        if mentions:
            entities["mentions"] = mentions
        if urls:
            entities["urls"] = urls
        if hashtags:
            entities["hashtags"] = hashtags
        tweet["edit_history_tweet_ids"] = [tid]
        tweet["source"] = rng.choice(self.sources)
        if rand() < 0.3:
            tweet["context_annotations"] = rng.sample(self.context, 1 + int(rand() * 2.2))
        tweet["possibly_sensitive"] = rand() < 0.01
        tweet["conversation_id"] = conversation
        tweet["public_metrics"] = metrics
        tweet["lang"] = lang
        tweet["id"] = tid
        if entities:
            tweet["entities"] = entities
        tweet["author_id"] = author_id
        tweet["reply_settings"] = "everyone" if rand() < 0.97 else "mentionedUsers"
        tweet["created_at"] = _iso(ms)
        tweet["text"] = text
        return tweet

    def pick_author(self) -> int:
        return bisect(self.author_cum, self.rng.random() * self.author_cum[-1])

    def pick_target(self) -> int:
        return min(bisect(self.target_cum, self.rng.random() * self.target_cum[-1]), self.n_users - 1)

    def new_original(self, ms: int) -> Ref:
        """A tweet that is not in any page's data, only in includes (retweeted, quoted, replied to)."""
        self.orig_ms = max(self.orig_ms + 1, ms - int(self.rng.expovariate(1 / 7_200_000)) - 1000)
        self.orig_seq += 1
        tid = str(((self.orig_ms - TWITTER_EPOCH_MS) << 22) | (31 << 17) | (self.orig_seq & 0x1FFFF))
        author = self.pick_target()
        tweet = self.make_tweet(tid, self.orig_ms, author)
        entry = (tid, dumps(tweet), author, tid, tweet["text"])
        self.originals.append(entry)
        self.distinct_originals += 1
        return entry

    def pick_referenced(self, ms: int, *, data_ok: bool) -> Ref:
        """Something to retweet, quote or reply to: a popular recent original, a recent page tweet, or a new one."""
        rng = self.rng
        r = rng.random()
        if data_ok and self.recent_data and r < 0.3:
            pool: Any = self.recent_data
        elif self.originals and r < 0.72:
            pool = self.originals
        else:
            return self.new_original(ms)
        # Skewed toward the newest: a few originals get retweeted very often.
        k = int(len(pool) * rng.random() ** 4)
        return pool[-1 - k]  # type: ignore[no-any-return]

    def page(self) -> bytes:
        rng = self.rng
        rand = rng.random
        data: list[str] = []
        ids: list[str] = []
        users: dict[int, None] = {}
        incl: dict[str, str] = {}
        for _ in range(PAGE_SIZE):
            self.now_ms += 1 + int(rng.expovariate(1 / 2500))
            ms = self.now_ms
            tid = str(((ms - TWITTER_EPOCH_MS) << 22) | ((self.tweet_index % 31) << 17) | (self.tweet_index & 0x1FFFF))
            self.tweet_index += 1
            author = self.pick_author()
            r = rand()
            kind: str | None
            if r < 0.25:
                kind = "retweeted"
            elif r < 0.45:
                kind = "replied_to"
            elif r < 0.55:
                kind = "quoted"
            else:
                kind = None
            target = None
            if kind is not None:
                target = self.pick_referenced(ms, data_ok=kind != "retweeted" or rand() < 0.5)
                if kind == "retweeted" and target[3] != target[0]:
                    # Retweet only tweets that start a conversation; otherwise retweet a fresh original.
                    target = self.new_original(ms)
                incl[target[0]] = target[1]
                users[target[2]] = None
            tweet = self.make_tweet(tid, ms, author, kind=kind, target=target)
            users[author] = None
            for w in self.mentioned:
                users[w] = None
            encoded = dumps(tweet)
            data.append(encoded)
            ids.append(tid)
            if kind != "retweeted":
                self.recent_data.append((tid, encoded, author, tweet["conversation_id"], tweet["text"]))
        # Pages come newest first, like the search API's.
        data.reverse()
        ids.reverse()
        retrieved = self.now_ms + 60_000 + int(rand() * 600_000)
        # twarc writes each response with json.dumps: ", " and ": " separators, non-ASCII escaped.
        # Every object is encoded once (page tweets, users and originals are reused) and joined here.
        head = (
            '{"data": [' + ", ".join(data) + '], "includes": {"users": [' + ", ".join(self.user_json[i] for i in users)
        )
        if incl:
            head += '], "tweets": [' + ", ".join(incl.values())
        head += "]}"
        page: dict[str, Any] = {}
        if rand() < 0.03:
            page["errors"] = [
                {
                    "value": "".join(rng.choices(B36, k=9)),
                    "detail": "Could not find tweet.",
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "parameter": "referenced_tweets.id",
                    "resource_id": str(int(ids[-1]) - 7),
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
            ]
        page["meta"] = {
            "newest_id": ids[0],
            "oldest_id": ids[-1],
            "result_count": len(ids),
            "next_token": "".join(rng.choices(B36, k=45)),
        }
        page["__twarc"] = {
            "url": SEARCH_URL,
            "version": TWARC_VERSION,
            "retrieved_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(retrieved // 1000)),
        }
        self.page_index += 1
        return (head + ", " + dumps(page)[1:]).encode()

    def pages(self, tweets: int) -> Any:
        for _ in range((tweets + PAGE_SIZE - 1) // PAGE_SIZE):
            yield self.page()


def generate(
    out: str | os.PathLike[str], tweets: int, seed: int = 1, users: int = 200_000, progress: bool = True
) -> dict[str, Any]:
    """Write ``tweets`` tweets (rounded up to whole pages of 100) to ``out``; return and write the metadata."""
    if tweets % PAGE_SIZE:
        raise SystemExit(f"--tweets must be a multiple of {PAGE_SIZE}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed, users)
    pages = tweets // PAGE_SIZE
    start = time.perf_counter()
    tmp = out.with_name(out.name + ".part")
    bar = None
    if progress:
        try:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(
                TextColumn("generating"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("tweets"),
                TimeRemainingColumn(),
                transient=True,
            )
        except ImportError:
            bar = None
    with open(tmp, "wb", buffering=1 << 20) as fh:
        if bar:
            bar.start()
            task = bar.add_task("gen", total=tweets)
        try:
            for p in range(pages):
                line = gen.page()
                fh.write(line)
                fh.write(b"\n")
                if bar and p % 50 == 49:
                    bar.update(task, completed=(p + 1) * PAGE_SIZE)
        finally:
            if bar:
                bar.stop()
    os.replace(tmp, out)
    meta = {
        "generator": "bench/twarc_data.py",
        "generator_version": GENERATOR_VERSION,
        "tweets": tweets,
        "pages": pages,
        "seed": seed,
        "users_population": users,
        "users_distinct": len(gen.user_id),
        "originals_distinct": gen.distinct_originals,
        "distinct_posts": tweets + gen.distinct_originals,
        "bytes": out.stat().st_size,
        "seconds": round(time.perf_counter() - start, 2),
    }
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the .jsonl file to write (OUT.meta.json is written beside it)")
    ap.add_argument("--tweets", type=int, default=1_000_000, help="how many tweets (a multiple of 100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=200_000, help="size of the account population")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    meta = generate(args.out, args.tweets, args.seed, args.users, progress=not args.quiet and sys.stderr.isatty())
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
