/* The post kind, compiled (kinds.py's kind_of for ASCII text): the forms of the lexicon's words, the five
 * small patterns kind_of runs, and its scoring. Part of the first pass of classify: see _screen.c. */
#include "_screen.h"

uint64_t
scr_hash(const char *s, Py_ssize_t n)
{
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* A blocked Bloom filter of the forms (two bits in one 64-bit word each, 32 KB): most tokens are no
 * form, and it answers them from the L1 cache, where the table itself (16,686 forms) would cost a
 * miss per token. */
#define BLOOM_WORDS 4096u
static uint64_t bloom[BLOOM_WORDS];

static inline uint64_t
bloom_bits(uint64_t h)
{
    return ((uint64_t)1 << ((h >> 32) & 63)) | ((uint64_t)1 << ((h >> 40) & 63));
}

void scr_bloom_add(uint64_t h) { bloom[(h >> 48) & (BLOOM_WORDS - 1)] |= bloom_bits(h); }

void scr_bloom_clear(void) { memset(bloom, 0, sizeof(bloom)); }

static inline int
bloom_may(uint64_t h)
{
    uint64_t bits = bloom_bits(h);
    return (bloom[(h >> 48) & (BLOOM_WORDS - 1)] & bits) == bits;
}

/* The form that the token s[:n] is, by its hash h (scr_hash(s, n)), or NULL. */
static Form *
lookup(const char *s, Py_ssize_t n, uint64_t h)
{
    if (!bloom_may(h))
        return NULL;
    size_t at = (size_t)h & T.mask;
    for (;;) {
        Form *f = &T.forms[at];
        if (f->key.s == NULL)
            return NULL;
        if (f->key.n == n && memcmp(f->key.s, s, (size_t)n) == 0)
            return f;
        at = (at + 1) & T.mask;
    }
}

/* --- kind_of's five patterns, for ASCII text ------------------------------------------- */

/* _POSSESSIVE.match: \.?@\w+['’]s\b at the start (’ read as U_APOS) */
static int
possessive(const char *s, Py_ssize_t n)
{
    Py_ssize_t p = 0;
    if (p < n && s[p] == '.')
        p++;
    if (p >= n || s[p] != '@')
        return 0;
    p++;
    Py_ssize_t start = p;
    while (p < n && is_word(s[p]))
        p++;
    if (p == start || p + 1 >= n || (s[p] != '\'' && (unsigned char)s[p] != U_APOS) || s[p + 1] != 's')
        return 0;
    p += 2;
    return p == n || !is_word(s[p]);
}

/* _PRICE.search: [$£€¥₹]\s?\d+ | \d+\s?%\s?off\b (the four currency signs read as U_CURRENCY) */
static int
price(const char *s, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s[i] == '$' || (unsigned char)s[i] == U_CURRENCY) {
            Py_ssize_t j = i + 1;
            if (j < n && is_ws(s[j]))
                j++;
            if (j < n && is_digit(s[j]))
                return 1;
            if (i + 1 < n && is_digit(s[i + 1]))
                return 1;
        }
        else if (is_digit(s[i])) {
            Py_ssize_t m = i + 1;
            if (m < n && is_ws(s[m]))
                m++;
            if (m >= n || s[m] != '%')
                continue;
            Py_ssize_t r = m + 1;
            if (r < n && is_ws(s[r]))
                r++;
            if (r + 3 <= n && memcmp(s + r, "off", 3) == 0 && (r + 3 == n || !is_word(s[r + 3])))
                return 1;
        }
    }
    return 0;
}

/* _PERCENT.search: \d\s?% */
static int
percent(const char *s, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (!is_digit(s[i]))
            continue;
        Py_ssize_t m = i + 1;
        if (is_ws(s[m]) && m + 1 < n)
            m++;
        if (s[m] == '%')
            return 1;
    }
    return 0;
}

/* one of the imperatives at s[p], then \b */
static int
imperative_at(const char *s, Py_ssize_t n, Py_ssize_t p)
{
    for (Py_ssize_t i = 0; i < T.imperatives.n; i++) {
        Str v = T.imperatives.items[i];
        if (p + v.n <= n && memcmp(s + p, v.s, (size_t)v.n) == 0 && (p + v.n == n || !is_word(s[p + v.n])))
            return 1;
    }
    return 0;
}

/* _IMPERATIVE_FIRST.match or _IMPERATIVE.search: an imperative opening the text, or after [.!?:]\s+ */
static int
imperative(const char *s, Py_ssize_t n)
{
    if (imperative_at(s, n, 0))
        return 1;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        char c = s[i];
        if ((c == '.' || c == '!' || c == '?' || c == ':') && is_ws(s[i + 1])) {
            Py_ssize_t p = i + 1;
            while (p < n && is_ws(s[p]))
                p++;
            if (imperative_at(s, n, p))
                return 1;
        }
    }
    return 0;
}

static inline int is_speaker_char(char c) { return is_word(c) || c == '.' || c == '\'' || c == '-'; }

/* _SPEAKER.match: ^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}\s?:\s (the runs are maximal: what could
 * follow a shorter one is never a space or a colon, so no backtracking can succeed elsewhere) */
static int
speaker(const char *s, Py_ssize_t n)
{
    Py_ssize_t p = 0;
    if (n == 0 || !is_upper(s[0]))
        return 0;
    p = 1;
    while (p < n && is_speaker_char(s[p]))
        p++;
    int groups = 0;
    while (groups < 3 && p + 1 < n && s[p] == ' ' && is_upper(s[p + 1])) {
        p += 2;
        while (p < n && is_speaker_char(s[p]))
            p++;
        groups++;
    }
    if (groups == 0)
        return 0;
    if (p < n && is_ws(s[p]))
        p++;
    return p + 1 < n && s[p] == ':' && is_ws(s[p + 1]);
}

/* _presents: a presenting verb (" thanks @", …) right before some " @" */
static int
presents(const char *padded, Py_ssize_t n)
{
    const char *p = padded;
    const char *end = padded + n;
    while ((p = find(p, end - p, " @", 2)) != NULL) {
        if (ends_with_any(padded, p + 2 - padded, &T.presenting))
            return 1;
        p += 2;
    }
    return 0;
}

/* _two_content_words: at least two words that are neither handles, hashtags nor links */
static int
two_content_words(const char *s, const Py_ssize_t *starts, const Py_ssize_t *lens, Py_ssize_t words)
{
    int seen = 0;
    for (Py_ssize_t w = 0; w < words; w++) {
        const char *word = s + starts[w];
        if (word[0] == '@' || word[0] == '#' || (lens[w] >= 4 && memcmp(word, "http", 4) == 0))
            continue;
        if (seen)
            return 1;
        seen = 1;
    }
    return 0;
}

static int
cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* kinds.kind_of (the order of the additions is Python's, so the totals are the same doubles), with the
 * post's is_reply, is_repost and author handle from `t`: the kind's index, and with `share` its score
 * before rounding. *repost_out: read as a repost with no author's handle to compare. */
int
scr_kind(const Text *t, int *repost_out, double *share)
{
    const char *low = t->klow, *stripped = t->stripped, *L = t->L, *P = t->P;
    Py_ssize_t sn = t->sn, pn = t->pn, words = t->words;
    const Py_ssize_t *starts = t->starts, *lens = t->lens;
    const char *first = words ? low + starts[0] : "";
    Py_ssize_t first_n = words ? lens[0] : 0;

    int evidence = 0;
    int leading = first_n >= 1 && (first[0] == '@' || (first_n >= 2 && first[0] == '.' && first[1] == '@'));
    if (leading && memchr(first, '\'', (size_t)first_n) != NULL)
        leading = !possessive(stripped, sn);
    int reply = t->is_reply || leading;
    int repost = t->is_repost || equals_any(first, first_n, &T.repost_marks)
                 || (has(L, sn, "t @") && (has(P, pn, " rt @") || has(P, pn, " mt @")));
    int regime = reply ? 1 : repost ? 2 : 0;
    const double *pen = T.penalties[regime];
    double totals[5] = {0.0, 0.0, 0.0, 0.5, -0.5};
    int shape = -1;
    int pitched = 0;
    /* sharing what names its own author (its handle in the text) is self-promotion */
    int own = repost && t->handle_n > 0 && find(L, sn, t->handle, t->handle_n) != NULL;
    if (own) {
        shape = PI;
        totals[PI] += 2.0 * pen[PI];
        pitched = 1;
    }
    else if (repost) {
        shape = PO;
        totals[PO] += 2.2 * pen[PO];
    }
    else if (reply) {
        shape = CO;
        totals[CO] += 2.2;
    }
    if (words > 1 && equals_any(first, first_n, &T.greetings)) {
        evidence = 1;
        totals[CO] += 1.2 * pen[CO];
    }

    /* the lexicon: every distinct token form once, its flags, entries and the phrases it opens */
    int flags = 0, praise = 0, hits = 0;
    int nfound = 0;
    int *found = T.found;
    uint64_t post = ++T.post;
    for (Py_ssize_t w = 0; w < words; w++) {
        Form *f = lookup(low + starts[w], lens[w], t->hashes[w]);
        if (f == NULL || f->stamp == post)
            continue;
        f->stamp = post;
        hits = 1;
        flags |= f->flags;
        for (int k = 0; k < f->nsingles; k++)
            found[nfound++] = f->singles[k];
        for (int k = 0; k < f->nphrases; k++)
            if (has_str(P, pn, T.phrases[f->phrases[k]]))
                found[nfound++] = f->phrases[k];
    }
    if (nfound > 1) {
        qsort(found, (size_t)nfound, sizeof(int), cmp_int);
        int unique = 1;
        for (int k = 1; k < nfound; k++)
            if (found[k] != found[unique - 1])
                found[unique++] = found[k];
        nfound = unique;
        for (int k = 0; k < nfound; k++)
            T.in_set[found[k]] = post;
        int kept = 0;
        for (int k = 0; k < nfound; k++) {
            int number = found[k], shadowed = 0;
            for (int j = 0; j < T.nshadows[number] && !shadowed; j++)
                shadowed = T.in_set[T.shadows[number][j]] == post;
            if (!shadowed)
                found[kept++] = number;
        }
        nfound = kept;
        int any_thanks = 0;
        for (int k = 0; k < nfound; k++)
            any_thanks |= T.thanks[found[k]];
        if (any_thanks && ends_with_any(L, sn, &T.sign_offs)) {
            int kept2 = 0;
            for (int k = 0; k < nfound; k++)
                if (!T.thanks[found[k]])
                    found[kept2++] = found[k];
            found[kept2++] = T.courtesy;
            nfound = kept2;
        }
    }
    else if (nfound == 1 && T.thanks[found[0]] && ends_with_any(L, sn, &T.sign_offs)) {
        found[0] = T.courtesy;
    }
    const double *weights = T.weights[regime];
    for (int k = 0; k < nfound; k++) {
        int number = found[k];
        int kind = T.kind[number];
        evidence = 1;
        totals[kind] += weights[number];
        if (kind == PI)
            pitched = 1;
        else if (T.praising[number])
            praise = 1;
    }

    /* the rest: questions, talk about oneself, prices, calls to act, quotes, speakers, credits, links */
    int has_link = has(L, sn, "http") || has(L, sn, "www.");
    int question = memchr(L, '?', (size_t)sn) != NULL;
    if (question && !has_link && !(flags & T.we_flag)) {
        evidence = 1;
        totals[CO] += 0.6 * pen[CO];
    }
    if ((flags & T.i_flag) && !has_link) {
        evidence = 1;
        totals[CO] += 0.6 * pen[CO];
    }
    int pct = memchr(L, '%', (size_t)sn) != NULL;
    if (pct || memchr(L, '$', (size_t)sn) != NULL || memchr(L, U_CURRENCY, (size_t)sn) != NULL) {
        if (price(L, sn)) {
            evidence = 1;
            totals[PI] += 1.6 * pen[PI];
            pitched = 1;
        }
        else if (pct && percent(L, sn)) {
            evidence = 1;
            totals[IN] += 0.5;
        }
    }
    if ((flags & T.cta_flag) && !reply && imperative(L, sn)) {
        evidence = 1;
        totals[PI] += 0.8 * pen[PI];
        pitched = 1;
    }
    if (memchr(L, '"', (size_t)sn) != NULL || memchr(L, U_LQUOTE, (size_t)sn) != NULL
        || memchr(L, U_GUILLEMET, (size_t)sn) != NULL) {
        evidence = 1;
        totals[IN] += 0.6;
    }
    else if (flags & T.we_flag) {
        evidence = 1;
        totals[PI] += (pitched ? 0.9 : 0.4) * pen[PI];
    }
    if (!leading && memchr(stripped, ':', (size_t)sn) != NULL && speaker(stripped, sn)) {
        evidence = 1;
        totals[IN] += 1.0;
    }
    if (has(P, pn, " @")) {
        if (hits && !reply && presents(P, pn)) {
            evidence = 1;
            totals[PO] += 1.2 * pen[PO];
        }
        if (has(P, pn, " via @") || (has(P, pn, " by @") && !repost)) {
            evidence = 1;
            totals[PO] += 0.5 * pen[PO];
        }
    }
    if (has_link) {
        evidence = 1;
        totals[IN] += 0.3;
    }

    /* the decision: the kind with the most evidence (the first, on a tie) */
    if (own) {
        totals[PI] += totals[PO];
        totals[PO] = 0.0;
    }
    else if (praise && !reply)
        totals[PI] -= 1.0;
    if (!evidence && shape < 0 && !two_content_words(low, starts, lens, words))
        totals[OT] += 1.5;
    int best = 0;
    for (int k = 1; k < 5; k++)
        if (totals[k] > totals[best])
            best = k;
    if (share != NULL) {  /* kinds._decide's softmax share, in its order of operations (unrounded) */
        double top = totals[best];
        *share = 1.0 / (exp(totals[0] - top) + exp(totals[1] - top) + exp(totals[2] - top) + exp(totals[3] - top)
                        + exp(totals[4] - top));
    }
    *repost_out = repost && t->handle_n == 0;
    return best;
}

