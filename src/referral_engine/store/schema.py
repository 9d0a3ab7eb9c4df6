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
    (
        "trust",
        """
        -- Global trust per platform (see docs/trust.md): recomputed whole after an ingest that
        -- changed what it depends on. score sums to 1 per platform; trust = score × accounts
        -- (1.0 = an average account); prior = the account's quality prior (1 = undiscounted);
        -- outgoing = the share of its outgoing trust that its edges keep (1 = undiscounted).
        CREATE TABLE trust_scores (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            score DOUBLE NOT NULL,
            trust DOUBLE NOT NULL,
            rank BIGINT NOT NULL,
            percentile DOUBLE NOT NULL,
            prior DOUBLE NOT NULL,
            outgoing DOUBLE NOT NULL
        );
        -- Each inorganic discount of an account, with its reason in words.
        CREATE TABLE trust_discounts (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            factor DOUBLE NOT NULL,
            applies_to VARCHAR NOT NULL,
            reason VARCHAR NOT NULL
        );
        -- Every computation: what it saw (fingerprint), how it converged, whether it was warm-started.
        CREATE TABLE trust_runs (
            platform VARCHAR NOT NULL,
            computed_at TIMESTAMPTZ NOT NULL,
            as_of TIMESTAMPTZ,
            fingerprint VARCHAR NOT NULL,
            accounts BIGINT NOT NULL,
            edges BIGINT NOT NULL,
            iterations INTEGER NOT NULL,
            residual DOUBLE NOT NULL,
            warm BOOLEAN NOT NULL,
            seconds DOUBLE NOT NULL
        );
        """,
    ),
    (
        "profiles",
        """
        -- A business (or person) audited and coached as one: several accounts, across platforms,
        -- with its provider categories (taxonomy keys), its trade words ("plumber": finer than a
        -- category) and area. Inferred fields are marked so they can be shown as guesses.
        CREATE TABLE profiles (
            name VARCHAR PRIMARY KEY,
            categories VARCHAR[] NOT NULL,
            services VARCHAR[] NOT NULL,
            area VARCHAR,
            categories_inferred BOOLEAN NOT NULL,
            area_inferred BOOLEAN NOT NULL,
            created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE profile_accounts (
            profile VARCHAR NOT NULL,
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            PRIMARY KEY (profile, platform, account_id)
        );
        """,
    ),
    (
        "account_lookup",
        """
        -- Naming an account (an asker, a business to audit) must not scan every account: at 1M
        -- accounts a scan took 30-50 ms of each referral answer, an index lookup about 1 ms. They
        -- double the cost of a bare insert of accounts, but change no measured ingest speed
        -- (docs/benchmarks.md); nothing is unique here (see the module's doc).
        CREATE INDEX accounts_by_id ON accounts (id);
        CREATE INDEX accounts_by_handle ON accounts (lower(handle));
        """,
    ),
]
