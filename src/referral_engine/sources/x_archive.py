"""The X personal archive: the folder (or .zip) X hands its users, read as one input.

Its ``data/*.js`` files each hold one JavaScript assignment,
``window.YTD.<name>.partN = [ ... ]``, around a JSON array; big ones are split
into ``tweets.js``, ``tweets-part1.js``... and every number is a string. Read:

* ``account.js`` (else ``manifest.js``): the owner's id, handle, name, creation;
* ``profile.js``: bio, location, website;
* ``tweets.js`` (``tweet.js`` in older archives, and ``community-tweet.js``):
  the owner's statuses, read like v1.1 ones (:mod:`.x_v1`) with the owner as
  author; a retweet survives only as "RT @user: ..." text, so it becomes a post
  with a repost interaction towards that user and no known original;
  ``note-tweet.js`` supplies the full text of long tweets when it names them;
* ``like.js``: the owner's likes of ``tweetId``;
* ``follower.js`` / ``following.js``: who follows the owner, whom the owner follows.

A bad element is quarantined alone, its ``origin`` the member file and its
line the element's 1-based index in that file's array.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from ..model import Account, Interaction, Post, Record, Rejected, interaction_id
from .base import Batch, Container, parse_time, reject
from .json_array import iter_elements
from .x_v1 import PLATFORM, V1Error, field_id, field_object, field_text, reason, status_records

#: A member the archive reader knows: ``[top/]data/<name>[-partN].js`` (or a lone ``<name>.js``).
_MEMBER = re.compile(r"^(?:(?:[^/]+/)?data/)?([a-z_-]+?)(?:-part(\d+))?\.js$")
_MARKERS = re.compile(r"^(?:[^/]+/)?data/(?:account|tweets?|manifest)\.js$")
_YTD = re.compile(rb"\s*window\.YTD\.\w+\.part\d+\s*=\s*")
_README_ID = re.compile(r"Account ID:\s*(\d+)")
_README_HANDLE = re.compile(r"@username at the time the archive was generated:\s*(\w+)")
_STATUS_URL = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,30})/status(?:es)?/(\d+)/?$")
#: Member names by what they hold (archives renamed some over the years).
_KINDS = {
    "account": "account", "manifest": "manifest", "profile": "profile",
    "tweets": "tweets", "tweet": "tweets", "community-tweet": "tweets", "community_tweet": "tweets",
    "note-tweet": "notes", "note_tweet": "notes", "like": "likes",
    "follower": "followers", "following": "following",
}
_decode = msgspec.json.Decoder().decode


def is_archive(names: list[str]) -> bool:
    """True when a folder's or zip's file listing is an X archive (possibly under one top folder)."""
    return any(_MARKERS.match(name) for name in names)


def is_archive_file(path: Path) -> bool:
    """True for a single archive member: a ``.js`` file opening with ``window.YTD.``."""
    if path.suffix.lower() != ".js":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"window.YTD.")


class _Owner(msgspec.Struct, frozen=True):
    id: str
    handle: str | None = None


def _members(names: list[str]) -> dict[str, list[str]]:
    """Member files by kind, parts in order (``tweets.js`` before ``tweets-part1.js``)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for name in names:
        match = _MEMBER.match(name)
        if match and match.group(1) in _KINDS:
            found.setdefault(_KINDS[match.group(1)], []).append((int(match.group(2) or 0), name))
    return {kind: [name for _part, name in sorted(parts)] for kind, parts in found.items()}


def _read(container: Container, name: str) -> bytes:
    with container.open(name) as stream:
        return stream.read()


def _elements(container: Container, name: str) -> Iterator[tuple[int, object | None, Rejected | None]]:
    """Yield ``(index, value, rejected)`` for each element of one member's array."""
    data = _read(container, name).lstrip(b"\xef\xbb\xbf")
    match = _YTD.match(data)
    start = match.end() if match else len(data) - len(data.lstrip())
    if data[start:start + 1] != b"[":
        yield 1, None, _origin(reject(1, "not an archive file: expected 'window.YTD.<name>.partN = [ ... ]'",
                                      data[:200]), name)
        return
    for index, value, raw, problem in iter_elements(data, start):
        yield index, value, None if problem is None else _origin(reject(index, problem, raw), name)


def _origin(rejected: Rejected, name: str) -> Rejected:
    return msgspec.structs.replace(rejected, origin=name)


def _unwrap(value: object, key: str) -> dict[str, Any]:
    """The object inside an element's wrapper (``{"tweet": {...}}``)."""
    if not isinstance(value, dict):
        raise V1Error(f"an element must be an object, not {type(value).__name__}")
    inner = field_object(value, key, "", required=True)
    assert inner is not None
    return inner


def iter_archive(container: Container) -> Iterator[Batch]:
    """Yield ``(position, records)`` for each element of the archive's files, owner first.

    Never raises for bad content: an element it cannot read becomes a Rejected
    record naming its file. Without an owner (no account.js nor manifest.js, and
    none inferable from the tweets) the owner's acts cannot be attributed and are
    quarantined.
    """
    members = _members(container.names())
    owner: _Owner | None = None
    generated: datetime | None = None
    for name in members.get("manifest", []):
        owner, generated = _manifest(_read(container, name))
    # the owner's account and profile go out as one record: sightings in one batch are not merged field by field
    owner_account: Account | None = None
    for name in members.get("account", []):
        for index, value, rejected in _elements(container, name):
            try:
                if rejected is not None:
                    raise V1Error(rejected.reason)
                account = _unwrap(value, "account")
                owner_id = field_id(account, "accountId", "account.", required=True)
                assert owner_id is not None
                owner = _Owner(owner_id, field_text(account, "username", "account."))
                owner_account = Account(
                    PLATFORM, owner_id, handle=owner.handle, name=field_text(account, "accountDisplayName", "account."),
                    created_at=parse_time(field_text(account, "createdAt", "account.")), seen_at=generated,
                )
            except Exception as error:  # any shape of bad element is quarantined alone
                yield index, [rejected or _origin(reject(index, reason(error), value), name)]
    if owner is None:
        readme = [n for n in container.names() if n.rsplit("/", 1)[-1] == "README.txt"]
        owner = _infer_owner(container, members.get("tweets", []), readme)
    if owner is not None:
        owner_account = owner_account or Account(PLATFORM, owner.id, handle=owner.handle, seen_at=generated)
        for name in members.get("profile", []):
            for index, value, rejected in _elements(container, name):
                try:
                    if rejected is not None:
                        raise V1Error(rejected.reason)
                    owner_account = _profile(value, owner_account)
                except Exception as error:  # any shape of bad element is quarantined alone
                    yield index, [rejected or _origin(reject(index, reason(error), value), name)]
        yield 0, [owner_account]
    notes = _notes(container, members.get("notes", []))
    readers = (("tweets", _tweet), ("likes", _like),
               ("followers", _follower), ("following", _following))
    for kind, read in readers:
        for name in members.get(kind, []):
            for index, value, rejected in _elements(container, name):
                if rejected is not None:
                    yield index, [rejected]
                    continue
                try:
                    if owner is None:
                        raise V1Error("archive owner unknown: no data/account.js")
                    yield index, read(value, owner, notes)
                except Exception as error:  # any shape of bad element is quarantined alone
                    yield index, [_origin(reject(index, reason(error), value), name)]


def _manifest(data: bytes) -> tuple[_Owner | None, datetime | None]:
    """``window.__THAR_CONFIG = {...}``: the owner and when the archive was made, if it says."""
    try:
        config = _decode(data[data.index(b"{"):].rstrip().rstrip(b";"))
        user, info = config.get("userInfo") or {}, config.get("archiveInfo") or {}
        owner = _Owner(str(user["accountId"]), user.get("userName")) if user.get("accountId") else None
        return owner, parse_time(info.get("generationDate"))
    except (ValueError, TypeError, AttributeError, msgspec.DecodeError):
        return None, None  # the manifest only adds context; the other files stand without it


def _infer_owner(container: Container, names: list[str], readme: list[str]) -> _Owner | None:
    """The owner of an archive stripped of account.js: from its README, else from the tweets themselves.

    The tweets name their author only indirectly: the links to their own media
    carry the handle, and a reply in a thread of their own carries the id.
    """
    for name in readme:
        text = _read(container, name).decode("utf-8", "replace")
        found = _README_ID.search(text)
        if found:
            named = _README_HANDLE.search(text)
            return _Owner(found.group(1), named.group(1) if named else None)
    handle = None
    replies: dict[str, str] = {}
    for name in names:
        for _index, value, _rejected in _elements(container, name):
            tweet = value.get("tweet", value) if isinstance(value, dict) else None
            if not isinstance(tweet, dict):
                continue
            if isinstance(tweet.get("in_reply_to_screen_name"), str) and tweet.get("in_reply_to_user_id_str"):
                replies[tweet["in_reply_to_screen_name"].lower()] = str(tweet["in_reply_to_user_id_str"])
            entities = tweet.get("extended_entities") or tweet.get("entities")
            listed = entities.get("media") if isinstance(entities, dict) else None
            for media in listed if isinstance(listed, list) else []:
                if not isinstance(media, dict):
                    continue  # a bad shape here only costs the inference
                link = _STATUS_URL.match(str(media.get("expanded_url", "")).split("/photo/")[0].split("/video/")[0])
                if link and link.group(2) == str(tweet.get("id_str")):
                    handle = link.group(1)
    if handle is not None and handle.lower() in replies:
        return _Owner(replies[handle.lower()], handle)
    return None


def _notes(container: Container, names: list[str]) -> dict[str, str]:
    """Full texts of long tweets by tweet id, where the note names its tweet."""
    texts: dict[str, str] = {}
    for name in names:
        for _index, value, _rejected in _elements(container, name):
            note = value.get("noteTweet") if isinstance(value, dict) else None
            if not isinstance(note, dict) or not note.get("tweetId"):
                continue
            body = note.get("noteTweetResults") or note.get("core") or {}
            if isinstance(body, dict) and isinstance(body.get("text"), str):
                texts[str(note["tweetId"])] = body["text"]
    return texts


def _profile(value: object, account: Account) -> Account:
    profile = _unwrap(value, "profile")
    about = field_object(profile, "description", "profile.") or {}
    where = "profile.description."
    return msgspec.structs.replace(
        account, description=field_text(about, "bio", where),
        location=(field_text(about, "location", where) or "").strip() or None, url=field_text(about, "website", where),
    )


def _tweet(value: object, owner: _Owner, notes: dict[str, str]) -> list[Record]:
    # older archives list the tweets bare, newer ones wrap each in {"tweet": ...}
    tweet = value.get("tweet", value) if isinstance(value, dict) else value
    post_id = field_id(tweet, "id_str", "", fallback="id") if isinstance(tweet, dict) else None
    records = status_records(tweet, owner=(owner.id, owner.handle), text=notes.get(post_id or ""))
    assert isinstance(tweet, dict)
    post = next(r for r in records if type(r) is Post)
    if post.quote_of_id is None and not post.text.startswith("RT @"):
        # the archive drops quoted_status_id: a quote shows only as a link to the quoted status
        quoted = _quoted_link(tweet, post.id)
        if quoted is not None:
            records[records.index(post)] = msgspec.structs.replace(post, quote_of_id=quoted[1])
            records.append(Interaction(PLATFORM, interaction_id("quote", post.id, None), "quote", owner.id,
                                       target_handle=quoted[0], post_id=post.id, target_post_id=quoted[1],
                                       created_at=post.created_at))
    return records


def _quoted_link(tweet: dict[str, Any], own_id: str) -> tuple[str, str] | None:
    entities = tweet.get("entities")
    urls = entities.get("urls") if isinstance(entities, dict) else None
    for link in urls if isinstance(urls, list) else []:
        match = _STATUS_URL.match(str(link.get("expanded_url", ""))) if isinstance(link, dict) else None
        if match and match.group(2) != own_id:
            return match.group(1), match.group(2)
    return None


def _like(value: object, owner: _Owner, _notes: dict[str, str]) -> list[Record]:
    like = _unwrap(value, "like")
    post_id = field_id(like, "tweetId", "like.", required=True)
    return [Interaction(PLATFORM, interaction_id("like", owner.id, None, post_id), "like", owner.id,
                        target_post_id=post_id)]


def _follow(value: object, key: str) -> str:
    account_id = field_id(_unwrap(value, key), "accountId", f"{key}.", required=True)
    assert account_id is not None
    return account_id


def _follower(value: object, owner: _Owner, _notes: dict[str, str]) -> list[Record]:
    follower = _follow(value, "follower")
    return [Account(PLATFORM, follower),
            Interaction(PLATFORM, interaction_id("follow", follower, owner.id), "follow", follower,
                        target_id=owner.id)]


def _following(value: object, owner: _Owner, _notes: dict[str, str]) -> list[Record]:
    followed = _follow(value, "following")
    return [Account(PLATFORM, followed),
            Interaction(PLATFORM, interaction_id("follow", owner.id, followed), "follow", owner.id,
                        target_id=followed)]
