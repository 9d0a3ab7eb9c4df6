/* The prefilters of the two judges, compiled: requests._might (its question gate and stem gates, mirrored
 * below) and endorsements._quick (its two patterns, translated into branches by screen.py and matched by
 * match_atoms), both found with one pass over a text through a table of hints. Part of the first pass of
 * classify: see _screen.c. */
#include "_screen.h"

/* --- requests._might, exactly, for ASCII lowercase text ------------------------------------ */

/* One of `words` at p, then a word boundary (each word ends with a word character). */
static int
one_of(const char *s, Py_ssize_t n, Py_ssize_t p, const char *const *words)
{
    for (; *words != NULL; words++)
        if (after_word(s, n, eat(s, n, p, *words)))
            return 1;
    return 0;
}

static int
any_of(const char *s, Py_ssize_t n, const char *const *lits)
{
    for (; *lits != NULL; lits++)
        if (has(s, n, *lits))
            return 1;
    return 0;
}

/* The end of the run of word characters (\w+; [a-z]+ with `letters`) from p: p when there is none. */
static Py_ssize_t
run(const char *s, Py_ssize_t n, Py_ssize_t p, int letters)
{
    while (p < n && (letters ? (s[p] >= 'a' && s[p] <= 'z') : is_word(s[p])))
        p++;
    return p;
}

/* a run (\w+ / [a-z]+) at p, then " " and one of `words` with a boundary (the run is maximal: what
 * could follow a shorter one is a word character, never the space) */
static int
run_then(const char *s, Py_ssize_t n, Py_ssize_t p, int letters, const char *const *words)
{
    Py_ssize_t e = run(s, n, p, letters);
    return e > p && e < n && s[e] == ' ' && one_of(s, n, e + 1, words);
}

/* `lit` somewhere as a whole word (\blit\b; `lit` begins and ends with a word character) */
static int
whole_word(const char *s, Py_ssize_t n, const char *lit)
{
    Py_ssize_t m = (Py_ssize_t)strlen(lit);
    for (const char *p = s; (p = find(p, s + n - p, lit, m)) != NULL; p++)
        if (before_word(s, p - s) && after_word(s, n, p - s + m))
            return 1;
    return 0;
}


/* _QUESTION_GATE.search */
static int
question_gate(const char *s, Py_ssize_t n)
{
    for (Py_ssize_t p = 0; p < n; p++) {
        if (!is_word(s[p]) || !before_word(s, p))
            continue;  /* every branch opens with a letter after \b */
        if (one_of(s, n, p, LIST("which", "best", "top", "nearest", "cheapest", "who", "where", "wer", "help",
                                 "thoughts", "available", "is there", "are there")))
            return 1;
        if (eat(s, n, p, "fav") >= 0)
            return 1;  /* fav\w*\b and favou?rite\b: the run of word characters always ends at a boundary */
        Py_ssize_t q = eat(s, n, p, "any ");
        if (q >= 0) {
            if (one_of(s, n, q, LIST("good", "decent", "nice", "reliable", "recommended", "cheap", "reasonable",
                                     "affordable", "private", "cheaper")))
                return 1;
            /* any [a-z]+(?: [a-z]+)? (?:in|near|around)\b */
            const char *const *near = LIST("in", "near", "around");
            if (run_then(s, n, q, 1, near))
                return 1;
            Py_ssize_t e = run(s, n, q, 1);
            if (e > q && e < n && s[e] == ' ' && run_then(s, n, e + 1, 1, near))
                return 1;
        }
        q = eat(s, n, p, "should ");
        if (q >= 0) {
            const char *const *verbs = LIST("buy", "get", "watch", "read", "play", "listen", "use", "try", "choose", "go",
                                            "visit", "hire", "download", "see");
            Py_ssize_t r = eat(s, n, q, "i ");
            if (r >= 0 && one_of(s, n, r, verbs))
                return 1;
            r = eat(s, n, q, "we ");
            if (r >= 0 && one_of(s, n, r, verbs))
                return 1;
        }
    }
    return 0;
}

/* "need"/"want" (+ optional s), a space, then one of `words` with a boundary, or (`run_words`) \w+ and one of those */
static int
verb_object(const char *s, Py_ssize_t n, const char *verb, const char *const *words, const char *const *run_words)
{
    Py_ssize_t m = (Py_ssize_t)strlen(verb);
    for (const char *at = s; (at = find(at, s + n - at, verb, m)) != NULL; at++) {
        Py_ssize_t q = at - s + m;
        for (int plural = 0; plural < 2; plural++) {
            Py_ssize_t q1 = plural ? eat(s, n, q, "s") : q;
            if (q1 < 0 || q1 >= n || s[q1] != ' ')
                continue;
            if (one_of(s, n, q1 + 1, words) || (run_words != NULL && run_then(s, n, q1 + 1, 0, run_words)))
                return 1;
        }
    }
    return 0;
}

/* The stems' gates (_STEM_GATES), each as its pattern reads, in the order of requests.ASK_HINTS (which
 * configure() checks): a gate runs only when its stem is in the text. */
static int
gate_rec(const char *s, Py_ssize_t n)  /* recomm?end|recc?om|\brecs?\b */
{
    return has(s, n, "recom") || has(s, n, "reccom") || whole_word(s, n, "rec") || whole_word(s, n, "recs");
}

static int
gate_need(const char *s, Py_ssize_t n)
{
    /* needs? (?:a|an|some|new|good|another|cheap|free|\w+ (?:in|near))\b|in need of|need to (?:find|buy|rent|hire) */
    return verb_object(s, n, "need", LIST("a", "an", "some", "new", "good", "another", "cheap", "free"), LIST("in", "near"))
           || any_of(s, n, LIST("in need of", "need to find", "need to buy", "need to rent", "need to hire"));
}

static int
gate_look(const char *s, Py_ssize_t n)  /* look(?:ing|in'?|ig) (?:for|4) */
{
    for (const char *p = s; (p = find(p, s + n - p, "look", 4)) != NULL; p++) {
        Py_ssize_t q = p - s + 4;
        for (const char *const *ends = LIST("ing", "in'", "in", "ig"); *ends != NULL; ends++) {
            Py_ssize_t r = eat(s, n, q, *ends);
            if (r >= 0 && (eat(s, n, r, " for") >= 0 || eat(s, n, r, " 4") >= 0))
                return 1;
        }
    }
    return 0;
}

static int
gate_know(const char *s, Py_ssize_t n)
{
    /* know (?:a|an|any|of|about|where|wer|were|who|which|some|if|\w+ (?:who|that) can)\b|let me know */
    for (const char *p = s; (p = find(p, s + n - p, "know ", 5)) != NULL; p++) {
        Py_ssize_t r = p - s + 5;
        if (one_of(s, n, r, LIST("a", "an", "any", "of", "about", "where", "wer", "were", "who", "which", "some", "if")))
            return 1;
        Py_ssize_t e = run(s, n, r, 0);
        if (e > r && (after_word(s, n, eat(s, n, e, " who can")) || after_word(s, n, eat(s, n, e, " that can"))))
            return 1;
    }
    return has(s, n, "let me know");
}

static int
gate_sugg(const char *s, Py_ssize_t n) { return has(s, n, "suggest") || has(s, n, "sugest"); }  /* sugg?est */

static int
gate_where(const char *s, Py_ssize_t n)
{
    /* where(?:'s| is| are|'re)? (?:can|could|do|does|should|would|to|is|are|r|i|we|the best|a good|\w+ (?:can|could))\b */
    for (const char *p = s; (p = find(p, s + n - p, "where", 5)) != NULL; p++) {
        Py_ssize_t q = p - s + 5;
        Py_ssize_t options[5] = {q, eat(s, n, q, "'s"), eat(s, n, q, " is"), eat(s, n, q, " are"), eat(s, n, q, "'re")};
        for (int o = 0; o < 5; o++) {
            Py_ssize_t q1 = options[o];
            if (q1 < 0 || q1 >= n || s[q1] != ' ')
                continue;
            if (one_of(s, n, q1 + 1, LIST("can", "could", "do", "does", "should", "would", "to", "is", "are", "r", "i",
                                          "we", "the best", "a good"))
                || run_then(s, n, q1 + 1, 0, LIST("can", "could")))
                return 1;
        }
    }
    return 0;
}

static int gate_idea(const char *s, Py_ssize_t n) { return whole_word(s, n, "idea") || whole_word(s, n, "ideas"); }
static int gate_advi(const char *s, Py_ssize_t n) { return has(s, n, "advice") || has(s, n, "advise"); }
static int gate_search(const char *s, Py_ssize_t n) { return any_of(s, n, LIST("search for", "searching for", "in search of")); }
static int gate_seek(const char *s, Py_ssize_t n) { return whole_word(s, n, "seeking"); }
static int gate_tips(const char *s, Py_ssize_t n) { return whole_word(s, n, "tips"); }
static int gate_hmu(const char *s, Py_ssize_t n) { return whole_word(s, n, "hmu"); }
static int gate_hunt(const char *s, Py_ssize_t n) { return any_of(s, n, LIST("hunt for", "hunting for", "on the hunt")); }
static int gate_point_me(const char *s, Py_ssize_t n) { return has(s, n, "point me"); }

static int
gate_to_find(const char *s, Py_ssize_t n)  /* (?:trying|need|want|wanting|hoping) to find */
{
    return any_of(s, n, LIST("trying to find", "need to find", "want to find", "wanting to find", "hoping to find"));
}

static int gate_tell_me(const char *s, Py_ssize_t n) { return has(s, n, "tell me"); }

static int
gate_any(const char *s, Py_ssize_t n)  /* any ?(?:one|body) (?:here )?(?:doing|offering|selling|teaching|providing)\b */
{
    for (const char *p = s; (p = find(p, s + n - p, "any", 3)) != NULL; p++) {
        Py_ssize_t q = p - s + 3;
        Py_ssize_t starts[2] = {q, eat(s, n, q, " ")};
        for (int k = 0; k < 2; k++) {
            Py_ssize_t r = eat(s, n, starts[k], "one");
            if (r < 0)
                r = eat(s, n, starts[k], "body");
            r = eat(s, n, r, " ");
            if (r < 0)
                continue;
            const char *const *doing = LIST("doing", "offering", "selling", "teaching", "providing");
            if (one_of(s, n, r, doing) || one_of(s, n, eat(s, n, r, "here "), doing))
                return 1;
        }
    }
    return 0;
}

static int
gate_want(const char *s, Py_ssize_t n)  /* wants? (?:a|an|some|another)\b|want to (?:buy|find|purchase|rent|hire) */
{
    return verb_object(s, n, "want", LIST("a", "an", "some", "another"), NULL)
           || any_of(s, n, LIST("want to buy", "want to find", "want to purchase", "want to rent", "want to hire"));
}

static int gate_to_buy(const char *s, Py_ssize_t n) { return has(s, n, "to buy"); }

static int
gate_wer(const char *s, Py_ssize_t n)  /* \bwer (?:can|could|do|to|i)\b */
{
    for (const char *p = s; (p = find(p, s + n - p, "wer ", 4)) != NULL; p++)
        if (before_word(s, p - s) && one_of(s, n, p - s + 4, LIST("can", "could", "do", "to", "i")))
            return 1;
    return 0;
}

static int
gate_inform(const char *s, Py_ssize_t n)  /* (?:please|pls|plz|kindly) inform */
{
    return any_of(s, n, LIST("please inform", "pls inform", "plz inform", "kindly inform"));
}

typedef struct {
    const char *stem;
    int (*gate)(const char *, Py_ssize_t);
} Gate;

static const Gate GATES[] = {
    {"rec", gate_rec}, {"sugg", gate_sugg}, {"advi", gate_advi}, {"idea", gate_idea}, {"tips", gate_tips},
    {"look", gate_look}, {"search", gate_search}, {"seek", gate_seek}, {"hunt", gate_hunt}, {"need", gate_need},
    {"know", gate_know}, {"where", gate_where}, {"wer ", gate_wer}, {"hmu", gate_hmu}, {"point me", gate_point_me},
    {"to find", gate_to_find}, {"tell me", gate_tell_me}, {"inform", gate_inform}, {"want", gate_want},
    {"any", gate_any}, {"to buy", gate_to_buy},
};
#define NGATES ((int)(sizeof(GATES) / sizeof(GATES[0])))

/* requests._might: a question with what a question-only ask needs, or a stem of asking whose gate passes
 * (`stems`: bit i set when GATES[i].stem is in the text) */
static int
might_request(const char *low, Py_ssize_t n, uint32_t stems)
{
    if (memchr(low, '?', (size_t)n) != NULL && question_gate(low, n))
        return 1;
    for (int i = 0; stems != 0; i++, stems >>= 1)
        if ((stems & 1) && GATES[i].gate(low, n))
            return 1;
    return 0;
}

void
scr_free_hints(Hints *h)
{
    if (h == NULL)
        return;
    for (Py_ssize_t i = 0; h->hints != NULL && i < h->n; i++) {
        Hint *hint = &h->hints[i];
        if (hint->group != G_ASK) {
            PyMem_Free(hint->lead.s);
            for (int k = 0; k < hint->natoms; k++)
                PyMem_Free(hint->atoms[k].lit.s);
        }
        PyMem_Free(hint->atoms);
    }
    PyMem_Free(h->hints);
    PyMem_Free(h->slots);
    PyMem_Free(h);
}

static inline int in_set(const Atom *a, char c) { return (unsigned char)c < 128 && a->set[(unsigned char)c]; }

/* Whether atoms[k:] match t at q (backtracking over .? and [..]+, as re does). */
static int
match_atoms(const Atom *atoms, int k, int natoms, const char *t, Py_ssize_t n, Py_ssize_t q)
{
    for (; k < natoms; k++) {
        const Atom *a = &atoms[k];
        switch (a->kind) {
        case A_LIT:
            if (q + a->lit.n > n || !same(t + q, a->lit.s, a->lit.n))
                return 0;
            q += a->lit.n;
            break;
        case A_CLASS:
            if (q >= n || !in_set(a, t[q]))
                return 0;
            q++;
            break;
        case A_ANY_OPT:  /* one character if the rest then matches, else none */
            if (q < n && t[q] != '\n' && match_atoms(atoms, k + 1, natoms, t, n, q + 1))
                return 1;
            break;
        default: {  /* A_CLASS_PLUS: the longest run first */
            Py_ssize_t e = q;
            while (e < n && in_set(a, t[e]))
                e++;
            for (; e > q; e--)
                if (match_atoms(atoms, k + 1, natoms, t, n, e))
                    return 1;
            return 0;
        }
        }
    }
    return 1;
}

/* The stems in the lower-cased text `low` (a mask: bit i for GATES[i], or for the i-th of the reader's stems),
 * and which groups of endorsement branches match (`groups`: 1 << G_QUICK, 1 << G_PREFILTER), `written` being
 * the text as written. */
static uint64_t
scan_hints(const Hints *h, const char *low, const char *written, Py_ssize_t n, int *groups)
{
    uint64_t stems = 0;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        int key = pair(low + i);
        if (!((h->any[key >> 6] >> (key & 63)) & 1))
            continue;
        for (uint32_t k = h->start[key]; k < h->start[key + 1]; k++) {
            const Hint *hint = &h->hints[h->slots[k]];
            if (hint->stem == 0 && (*groups >> hint->group) & 1)
                continue;  /* its group has matched already */
            const char *t = hint->cased ? written : low;
            if (i + hint->lead.n > n || !same(t + i, hint->lead.s, hint->lead.n))
                continue;
            if (hint->stem)
                stems |= hint->stem;
            else if (match_atoms(hint->atoms, 0, hint->natoms, t, n, i + hint->lead.n))
                *groups |= 1 << hint->group;
        }
    }
    return stems;
}

/* One endorsement branch from Python: (cased, lead, ((kind, text), ...)); 0 or -1 with an exception. */
static int
load_branch(PyObject *spec, int group, Hint *hint)
{
    int cased;
    PyObject *lead, *atoms;
    if (!PyArg_ParseTuple(spec, "pUO", &cased, &lead, &atoms))
        return -1;
    if (scr_copy_ascii(lead, &hint->lead) != 0 || hint->lead.n < 1) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "a branch's lead must be ASCII and not empty");
        return -1;
    }
    hint->cased = cased;
    hint->group = group;
    PyObject *fast = PySequence_Fast(atoms, "atoms");
    if (fast == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    hint->atoms = PyMem_Calloc((size_t)n + 1, sizeof(Atom));
    if (hint->atoms == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Atom *a = &hint->atoms[i];
        PyObject *text;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(fast, i), "iU", &a->kind, &text)
            || a->kind < A_LIT || a->kind > A_CLASS_PLUS || scr_copy_ascii(text, &a->lit) != 0) {
            Py_DECREF(fast);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "an atom is (kind, ASCII text)");
            return -1;
        }
        hint->natoms = (int)i + 1;
        for (Py_ssize_t c = 0; c < a->lit.n; c++)
            a->set[(unsigned char)a->lit.s[c]] = 1;
    }
    Py_DECREF(fast);
    return 0;
}

static inline int lower_char(char c) { return is_upper(c) ? c + 32 : (unsigned char)c; }

/* A table of hints: `asks` (T.ask_hints, which keep owning their strings) and the branches of `group`. */
static Hints *
build_hints(int asks, PyObject *branches, int group)
{
    Hints *h = PyMem_Calloc(1, sizeof(Hints));
    if (h == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    PyObject *fast = PySequence_Fast(branches, "branches");
    int ok = 0;
    if (fast == NULL)
        goto done;
    Py_ssize_t total = (asks ? T.ask_hints.n : 0) + PySequence_Fast_GET_SIZE(fast);
    if (total > 65535) {
        PyErr_SetString(PyExc_ValueError, "too many hints");
        goto done;
    }
    h->hints = PyMem_Calloc((size_t)total + 1, sizeof(Hint));
    if (h->hints == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; asks && i < T.ask_hints.n; i++) {
        Hint *hint = &h->hints[h->n++];
        hint->lead.s = T.ask_hints.items[i].s;  /* borrowed: not freed with the hints */
        hint->lead.n = T.ask_hints.items[i].n;
        hint->group = G_ASK;
        hint->stem = (uint64_t)1 << i;
        if (hint->lead.n < 2) {
            PyErr_SetString(PyExc_ValueError, "an ask hint needs at least two characters");
            goto done;
        }
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        Hint *hint = &h->hints[h->n++];
        if (load_branch(PySequence_Fast_GET_ITEM(fast, i), group, hint) < 0)
            goto done;
        if (group == G_STEM) {  /* a literal whose presence is reported, bit i */
            if (i >= 64 || hint->natoms != 0) {
                PyErr_SetString(PyExc_ValueError, "at most 64 stems, each a literal");
                goto done;
            }
            hint->stem = (uint64_t)1 << i;
        }
    }
    /* file each hint under the lower-cased pair its lead opens with (a one-character lead: every pair) */
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = pass ? PyMem_Calloc(65536, sizeof(uint32_t)) : NULL;
        if (pass && fill == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        if (pass) {
            for (int k = 0; k < 65536; k++)
                h->start[k + 1] += h->start[k];
            h->slots = PyMem_Calloc((size_t)h->start[65536] + 1, sizeof(uint16_t));
            if (h->slots == NULL) {
                PyMem_Free(fill);
                PyErr_NoMemory();
                goto done;
            }
        }
        for (Py_ssize_t i = 0; i < h->n; i++) {
            const Str *lead = &h->hints[i].lead;
            int first = lower_char(lead->s[0]);
            int from = lead->n >= 2 ? lower_char(lead->s[1]) : 0, to = lead->n >= 2 ? from : 255;
            for (int second = from; second <= to; second++) {
                int key = (first << 8) | second;
                if (pass) {
                    h->slots[h->start[key] + fill[key]++] = (uint16_t)i;
                    h->any[key >> 6] |= (uint64_t)1 << (key & 63);
                }
                else
                    h->start[key + 1]++;
            }
        }
        PyMem_Free(fill);
    }
    ok = 1;
done:
    Py_XDECREF(fast);
    if (!ok) {
        scr_free_hints(h);
        return NULL;
    }
    return h;
}

/* The tables (T.hints, T.quick, T.stems), after checking that the ask hints are the compiled gates' stems. */
int
scr_build_tables(PyObject *quick, PyObject *prefilter, PyObject *stems)
{
    int same_stems = T.ask_hints.n == NGATES;
    for (Py_ssize_t i = 0; same_stems && i < NGATES; i++)
        same_stems = strcmp(T.ask_hints.items[i].s, GATES[i].stem) == 0;
    if (!same_stems) {
        PyErr_SetString(PyExc_ValueError, "ask_hints differ from the compiled gates' stems: update _screen.c");
        return -1;
    }
    T.hints = build_hints(1, prefilter, G_PREFILTER);
    T.quick = T.hints == NULL ? NULL : build_hints(0, quick, G_QUICK);
    T.stems = T.quick == NULL ? NULL : build_hints(0, stems, G_STEM);
    return T.stems == NULL ? -1 : 0;
}

/* Which of the request reader's stems the lower-cased text holds (bit i: the i-th). */
uint64_t
scr_stems(const char *low, Py_ssize_t n)
{
    int groups = 0;
    return scan_hints(T.stems, low, low, n, &groups);
}

/* The prefilter flags of a post: MAY_REQUEST (requests._might) and MAY_ENDORSE (endorsements._quick), on the
 * text as the judges see it (not stripped). */
int
scr_prefilters(const Text *t)
{
    int code = 0;
    int groups = 0;
    uint32_t stems = (uint32_t)scan_hints(T.hints, t->low, t->s, t->n, &groups);
    if (might_request(t->low, t->n, stems))
        code |= MAY_REQUEST;
    if (groups) {  /* endorsements._quick: QUICK (or its literals) and PREFILTER, the rarer first */
        scan_hints(T.quick, t->low, t->s, t->n, &groups);
        if (groups == ((1 << G_QUICK) | (1 << G_PREFILTER)))
            code |= MAY_ENDORSE;
    }
    return code;
}
