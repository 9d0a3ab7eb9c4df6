"""The store's side of profiles: a business as one, holding its accounts on several platforms.

Two small tables (migration ``profiles``): ``profiles`` (name, categories, trade words, area, and
which of them were inferred) and ``profile_accounts`` (which accounts each holds).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from . import Store


def _con(store: Store) -> duckdb.DuckDBPyConnection:
    return store._con  # the store package's own connection


class ProfileExists(ValueError):
    """A profile of that name is already in the store."""


# -- profiles ------------------------------------------------------------------------------------


def add_profiles(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    """Store profiles and their accounts, all in one transaction; raises :class:`ProfileExists`
    (and stores none) when a name is taken.

    Each row: ``name``, ``accounts`` (``(platform, id)``), ``categories``, ``services``, ``area``,
    ``categories_inferred``, ``area_inferred``.
    """
    names = [r["name"] for r in rows]
    con = _con(store)
    con.execute("BEGIN TRANSACTION")
    try:
        taken = con.execute("SELECT name FROM profiles WHERE list_contains(?::VARCHAR[], name)", [names]).fetchall()
        if taken or len(set(names)) < len(names):
            clash = taken[0][0] if taken else next(n for n in names if names.count(n) > 1)
            raise ProfileExists(f"a profile named {clash!r} already exists")
        now = datetime.now(UTC)
        profiles_table = pa.table({
            "name": pa.array(names, pa.string()),
            "categories": pa.array([list(r["categories"]) for r in rows], pa.list_(pa.string())),
            "services": pa.array([list(r["services"]) for r in rows], pa.list_(pa.string())),
            "area": pa.array([r["area"] for r in rows], pa.string()),
            "categories_inferred": pa.array([r["categories_inferred"] for r in rows], pa.bool_()),
            "area_inferred": pa.array([r["area_inferred"] for r in rows], pa.bool_()),
            "created_at": pa.array([now] * len(rows), pa.timestamp("us", tz="UTC")),
        })
        links = sorted({(r["name"], p, i) for r in rows for p, i in r["accounts"]})
        accounts_table = pa.table({"profile": pa.array([k[0] for k in links], pa.string()),
                                   "platform": pa.array([k[1] for k in links], pa.string()),
                                   "account_id": pa.array([k[2] for k in links], pa.string())})
        con.register("coach_new_profiles", profiles_table)
        con.register("coach_new_links", accounts_table)
        try:
            con.execute("INSERT INTO profiles SELECT * FROM coach_new_profiles")
            con.execute("INSERT INTO profile_accounts SELECT * FROM coach_new_links")
        finally:
            con.unregister("coach_new_profiles")
            con.unregister("coach_new_links")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def remove_profile(store: Store, name: str) -> bool:
    """Delete a profile (not its accounts' data); ``False`` when there was none."""
    con = _con(store)
    con.execute("BEGIN TRANSACTION")
    try:
        found = con.execute("DELETE FROM profiles WHERE name = ? RETURNING 1", [name]).fetchall()
        con.execute("DELETE FROM profile_accounts WHERE profile = ?", [name])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return bool(found)


def profiles(store: Store, name: str | None = None) -> list[dict[str, Any]]:
    """Stored profiles (or the one named), each with its accounts ``(platform, id, handle)``."""
    rows = _con(store).execute(
        """
        SELECT pr.name, pr.categories, pr.area, pr.categories_inferred, pr.area_inferred, pr.created_at,
               pr.services,
               list(struct_pack(platform := pa.platform, id := pa.account_id, handle := a.handle)
                    ORDER BY pa.platform, pa.account_id) FILTER (pa.account_id IS NOT NULL)
        FROM profiles pr
        LEFT JOIN profile_accounts pa ON pa.profile = pr.name
        LEFT JOIN accounts a ON a.platform = pa.platform AND a.id = pa.account_id
        WHERE ? IS NULL OR pr.name = ?
        GROUP BY ALL ORDER BY pr.name
        """,
        [name, name],
    ).fetchall()
    return [{"name": r[0], "categories": list(r[1]), "area": r[2], "categories_inferred": r[3],
             "area_inferred": r[4], "created_at": r[5], "services": list(r[6]),
             "accounts": [(a["platform"], a["id"], a["handle"]) for a in r[7] or []]} for r in rows]


def profiles_in_categories(store: Store, categories: Sequence[str]) -> list[dict[str, Any]]:
    """Profiles sharing at least one of ``categories``, with their accounts (the peers of a category)."""
    if not categories:
        return []
    names = [r[0] for r in _con(store).execute(
        "SELECT name FROM profiles WHERE list_has_any(categories, ?::VARCHAR[]) ORDER BY name",
        [list(categories)]).fetchall()]
    return [p for p in profiles(store) if p["name"] in set(names)]


def erase_account(con: duckdb.DuckDBPyConnection, platform: str, account_id: str) -> None:
    """Forgetting an account takes it out of every profile."""
    con.execute("DELETE FROM profile_accounts WHERE platform = ? AND account_id = ?", [platform, account_id])


def account_bios(store: Store, accounts: Sequence[tuple[str, str]]) -> list[tuple[str | None, str | None]]:
    """``(name, description)`` of each of these accounts that the store knows."""
    if not accounts:
        return []
    con = _con(store)
    con.register("profile_bio_keys", pa.table({"platform": [a[0] for a in accounts], "id": [a[1] for a in accounts]}))
    try:
        rows = con.execute("SELECT a.name, a.description FROM accounts a JOIN profile_bio_keys k "
                           "ON a.platform = k.platform AND a.id = k.id ORDER BY a.platform, a.id").fetchall()
    finally:
        con.unregister("profile_bio_keys")
    return [(r[0], r[1]) for r in rows]
