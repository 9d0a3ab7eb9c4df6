"""How well an endorsement's topic matches a query.

An endorsement's topic is what it was recommended for (``for_what``), the request it replied to
(that request's ``sought``, category and kind: an endorsement under an earlier similar request
counts for that request's topic) and its category. Words are weighed by how rare they are among
the store's requests (a share of "school" says less than a share of "british"), and taxonomy
terms stand in for their synonyms ("leaking tap" and "plumber" meet in ``trades``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..understand.taxonomy import lookup
from .query import Query, content_words

#: Weight of an endorsement that only shares the query's category and kind (a full topic match is 1).
CATEGORY_AND_KIND = 0.3
#: ... that only shares the query's category.
CATEGORY_ONLY = 0.2
#: ... that answered a request for a product when a product is sought, in another or no category:
#: "where can I buy X?" questions share their answers (the big shops) across categories, so for a
#: product the kind says as much as the category; a service or a place is specific to its category.
PRODUCT_ONLY = 0.2
#: What ``match`` says of a product-only match (so scoring can ask for breadth, see ``who``).
ANY_PRODUCT = "where to buy things"
#: A category the sought phrase names besides its main one counts this share of the floors above.
SECONDARY = 0.5
#: ... the same category, but a product is sought and this was for something else (a restaurant for "turkey").
CATEGORY_NOT_PRODUCT = 0.1
#: At most this much from the words of the query's wider text (a request's body) alone.
CONTEXT_MATCH = 0.35


@dataclass(frozen=True)
class Topic:
    """The query's topic, with the rarity of its words among the store's requests."""

    query: Query
    idf: Mapping[str, float]

    def weight(self, word: str) -> float:
        """How much ``word`` says about a topic (log inverse share of the requests that use it)."""
        return self.idf.get(word, self.idf.get("", 1.0))

    def phrase(self, phrase: str) -> float:
        """How much of the query's sought ``phrase`` says (0 to 1)."""
        query = self.query
        words = content_words(phrase)
        score = 0.0
        if query.words:
            total = sum(self.weight(w) for w in query.words)
            score = sum(self.weight(w) for w in query.words & words) / total if total else 0.0
        head = query.head
        if head:
            found = lookup(phrase)
            if found is not None and found[0] == head:
                # the same taxonomy term ("dentist" and "a good dentist for kids") meets at least halfway
                score = max(score, 0.6)
        if words and query.context:
            shared = sum(self.weight(w) for w in query.context & words)
            score = max(score, CONTEXT_MATCH * min(1.0, shared / sum(self.weight(w) for w in words)))
        return min(1.0, score)

    def match(self, for_what: str | None, category: str | None, request_sought: str | None,
              request_category: str | None, request_kind: str | None) -> tuple[float, str]:
        """How well an endorsement's topic matches (0 to 1), and the phrase or category that showed it."""
        best, why = 0.0, ""
        for phrase in (for_what, request_sought):
            if phrase:
                score = self.phrase(phrase)
                if score > best:
                    best, why = score, phrase
        query = self.query
        if request_kind is None and for_what:
            found = lookup(for_what)  # a standalone endorsement: the kind of what it was for
            request_kind = found[2] if found else None
        same_kind = request_kind is not None and request_kind == query.kind
        floor, said = 0.0, ""
        shared = query.categories & {category, request_category}
        if shared:
            said = min(shared).replace("_", " ")
            if same_kind:
                floor = CATEGORY_AND_KIND
            elif query.kind == "product" and request_kind is not None:
                floor = CATEGORY_NOT_PRODUCT
            else:
                floor = CATEGORY_ONLY
            if query.category not in shared:
                floor *= SECONDARY  # "institute" in "medical institute/clinic": the phrase's head decides
        elif query.kind == "product" and same_kind:
            floor, said = PRODUCT_ONLY, ANY_PRODUCT
        if floor > best:
            best, why = floor, said
        return best, why


def idf_from(counts: Mapping[str, int], total: int) -> dict[str, float]:
    """Inverse document frequencies from word counts over ``total`` documents ("" holds an unseen word's)."""
    idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in counts.items()}
    idf[""] = math.log(1 + total) + 1.0
    return idf
