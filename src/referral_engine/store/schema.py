"""The store's schema as append-only migrations.

Never edit a migration that has shipped: add a new one at the end. Each runs once,
in its own transaction, and is recorded in the ``migrations`` table.

The four record tables that grow with the data (accounts, posts, interactions,
snapshots) carry no PRIMARY KEY: DuckDB keeps such indexes in memory and pays
for them on every insert, so uniqueness of ``(platform, id)`` is kept by the one
write path instead (anti-joins and MERGE, see ``writer.py``), and tested.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "records",
        """
        CREATE TABLE accounts (
            platform VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            handle VARCHAR,
            name VARCHAR,
            description VARCHAR,
            location VARCHAR,
            url VARCHAR,
            created_at TIMESTAMPTZ,
            followers BIGINT,
            following BIGINT,
            posts_count BIGINT,
            seen_at TIMESTAMPTZ
        );
        CREATE TABLE posts (
            platform VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            author_id VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            created_at TIMESTAMPTZ,
            lang VARCHAR,
            reply_to_id VARCHAR,
            reply_to_account_id VARCHAR,
            conversation_id VARCHAR,
            quote_of_id VARCHAR,
            repost_of_id VARCHAR,
            url VARCHAR
        );
        CREATE TABLE interactions (
            platform VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            source_id VARCHAR NOT NULL,
            target_id VARCHAR,
            target_handle VARCHAR,
            post_id VARCHAR,
            target_post_id VARCHAR,
            created_at TIMESTAMPTZ
        );
        CREATE TABLE snapshots (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            observed_at TIMESTAMPTZ NOT NULL,
            followers BIGINT,
            following BIGINT,
            posts_count BIGINT
        );
        CREATE TABLE deletions (
            platform VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            account_id VARCHAR,
            deleted_at TIMESTAMPTZ,
            PRIMARY KEY (platform, kind, id)
        );
        CREATE TABLE forgotten (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            forgotten_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (platform, account_id)
        );
        CREATE TABLE quarantine (
            source VARCHAR NOT NULL,
            line BIGINT NOT NULL,
            digest VARCHAR NOT NULL,
            format VARCHAR,
            reason VARCHAR NOT NULL,
            raw VARCHAR NOT NULL,
            quarantined_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (source, line, digest)
        );
        CREATE TABLE ingest_progress (
            source VARCHAR PRIMARY KEY,
            size BIGINT,
            mtime_ns BIGINT,
            format VARCHAR,
            line BIGINT NOT NULL,
            complete BOOLEAN NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        """,
    ),
    (
        "judgements",
        """
        CREATE TABLE judgements (
            platform VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            post_kind VARCHAR NOT NULL,
            post_kind_score DOUBLE,
            is_request BOOLEAN NOT NULL,
            endorsements INTEGER NOT NULL,
            judged_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE requests (
            platform VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            author_id VARCHAR,
            created_at TIMESTAMPTZ,
            sought VARCHAR NOT NULL,
            category VARCHAR,
            location VARCHAR,
            kind VARCHAR NOT NULL,
            score DOUBLE NOT NULL
        );
        CREATE TABLE endorsements (
            platform VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            author_id VARCHAR,
            created_at TIMESTAMPTZ,
            target VARCHAR NOT NULL,
            target_account_id VARCHAR,
            for_what VARCHAR,
            category VARCHAR,
            polarity VARCHAR NOT NULL,
            score DOUBLE NOT NULL,
            in_reply_to VARCHAR
        );
        """,
    ),
]
