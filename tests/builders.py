"""Small inputs built by tests, where the right answer is known by construction."""

from __future__ import annotations

import json


def plain_lines(n: int, *, bad_every: int = 0) -> list[str]:
    """``n`` plain-format posts in a small community: replies, mentions, follows, likes."""
    lines = []
    for i in range(n):
        author = f"user{i % 37}"
        row: dict[str, object] = {
            "id": f"p{i}", "author": author, "text": f"post {i} hello @user{(i * 7) % 37}",
            "created_at": f"2026-0{1 + i % 9}-{1 + i % 28:02d}T12:{i % 60:02d}:00Z",
        }
        if i % 3 == 1:
            row["reply_to"] = f"p{i - 1}"
        lines.append(json.dumps(row))
        if i % 10 == 0:
            lines.append(json.dumps({"type": "follow", "author": author, "target": f"user{(i + 1) % 37}",
                                     "created_at": "2026-01-01T00:00:00Z"}))
        if i % 4 == 0:
            lines.append(json.dumps({"type": "like", "author": f"user{(i + 5) % 37}", "post": f"p{i}"}))
        if bad_every and i % bad_every == bad_every - 1:
            lines.append('{"id": "broken", "author": ')
    return lines
