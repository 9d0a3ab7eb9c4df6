/* What the three files of the compiled first pass of classify share (see _screen.c): the tables that
 * configure() loads, a post as the two judges of the pass read it, and small string helpers. */
#ifndef REFERRAL_ENGINE_SCREEN_H
#define REFERRAL_ENGINE_SCREEN_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define UNHANDLED 7
#define MAY_REQUEST 8
#define MAY_ENDORSE 16
#define REPOST 32

enum { PI, PO, CO, IN, OT };  /* kinds._KINDS order: pitch, promoting others, conversation, information, other */

typedef struct {
    char *s;
    Py_ssize_t n;
} Str;

typedef struct {
    Str key;
    int flags;
    int nsingles, nphrases;
    int *singles; /* entry numbers */
    int *phrases; /* entry numbers */
    uint64_t stamp; /* the post that last hit this form */
} Form;

typedef struct {
    Str *items;
    Py_ssize_t n;
} Strs;

/* What the prefilters look for, all in one pass over a text: the stems of asking (ask hints), and the
 * branches of the endorsement judge's two patterns (endorsements._quick: QUICK, then PREFILTER), each a
 * leading literal and a few atoms after it (screen.py translates the patterns). Each is filed under the
 * first two characters of its lead, lower-cased (a one-character lead under every pair it opens). */
enum { A_LIT, A_ANY_OPT, A_CLASS, A_CLASS_PLUS };  /* abc, .? (not a newline), [..], [..]+ */

typedef struct {
    int kind;
    Str lit;
    unsigned char set[128];
} Atom;

enum { G_ASK, G_QUICK, G_PREFILTER, G_STEM };  /* G_STEM: the request reader's stems (requests._ALL_STEMS) */

typedef struct {
    Str lead;  /* lower-case unless `cased` */
    int cased; /* matched on the text as written; else on the lower-cased text */
    Atom *atoms;
    int natoms;
    int group;
    uint64_t stem; /* an ask hint or a stem: its bit in the mask scan_hints returns (0 for a branch) */
} Hint;

typedef struct {
    Hint *hints;
    Py_ssize_t n;
    uint16_t *slots;       /* hint numbers, bucket after bucket */
    uint32_t start[65537]; /* bucket k is slots[start[k]:start[k + 1]] */
    uint64_t any[1024];    /* a bit per non-empty bucket (8 KB: stays in cache) */
} Hints;

typedef struct {
    int ready;
    Form *forms;
    size_t mask; /* table size - 1 (a power of two); empty slots have key.s == NULL */
    Str *phrases; /* by entry number (" a b"); single words too (unused) */
    int entries; /* entry numbers 0..entries-1; courtesy is one of them */
    unsigned char *kind, *praising, *thanks;
    int **shadows;
    int *nshadows;
    double *weights[3];
    double penalties[3][5];
    int courtesy;
    int we_flag, i_flag, cta_flag;
    Strs sign_offs, greetings, repost_marks, presenting, imperatives, ask_hints;
    Py_UCS4 *bail; /* the characters that leave a text to Python (read_char) */
    Py_ssize_t nbail;
    Hints *hints; /* the ask hints and PREFILTER's branches (PREFILTER matches far fewer posts than QUICK) */
    Hints *quick; /* QUICK's branches: scanned for only when PREFILTER matched */
    Hints *stems; /* the request reader's stems, for requests._judge (screen.stems) */
    int *found;       /* a post's entries, room for all (scr_kind) */
    uint64_t *in_set; /* by entry: the post whose entries hold it (scr_kind) */
    uint64_t post;    /* posts judged so far: the stamp of the current one */
} Tables;

/* The tables configure() loads, one set per process (_screen.c). */
extern Tables screen_tables;
#define T screen_tables


/* A post as the pass reads it (_screen.c prepares it; the prefilters and the kind read it). */
typedef struct {
    const char *s, *low;        /* as written, and lower-cased */
    const char *klow;           /* low with \u2019 as "'", as the post kind reads it (kinds.kind_of) */
    Py_ssize_t n;
    const char *stripped, *L;   /* both without the whitespace around (str.strip) */
    Py_ssize_t sn;
    const char *P;              /* " " + L + " " */
    Py_ssize_t pn;
    const Py_ssize_t *starts, *lens; /* its tokens (str.split) in klow */
    const uint64_t *hashes;     /* and their hashes (scr_hash) */
    Py_ssize_t words;
    int is_reply, is_repost;    /* what the platform says of the post */
    const char *handle;         /* its author's handle, lower-cased, without "@" (kinds.kind_of's `author`) */
    Py_ssize_t handle_n;        /* 0: none */
} Text;

/* --- small helpers --------------------------------------------------------------------- */

/* A text that is not ASCII is read one byte per character: its ASCII characters as they are, every other
 * character as one of these bytes, which stands for what the judges' patterns can tell of it (screen()
 * writes them; its tests check that Python tells no more). */
#define U_OTHER 0x80     /* neither \w nor whitespace (an emoji, a dash, a closing quote) */
#define U_WORD 0x81      /* \w: a letter, or a number that is no decimal digit */
#define U_DIGIT 0x82     /* \d (and \w) */
#define U_SPACE 0x83     /* whitespace to str.split, str.strip and \s */
#define U_LQUOTE 0x84    /* \u201c: a quotation to the post kind, and a prefix of the lexicon's forms */
#define U_CURRENCY 0x85  /* \u00a3 \u20ac \u00a5 \u20b9: a price to the post kind, with $ */
#define U_APOS 0x86      /* \u2019: "'" to the post kind, and an apostrophe to _POSSESSIVE */
#define U_GUILLEMET 0x87 /* \u00ab: a quotation to the post kind */

static inline int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (unsigned char)c == U_SPACE; }
static inline int is_digit(char c) { return (c >= '0' && c <= '9') || (unsigned char)c == U_DIGIT; }
static inline int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_word(char c) {
    return (c >= 'a' && c <= 'z') || is_upper(c) || is_digit(c) || c == '_' || (unsigned char)c == U_WORD;
}

/* memcmp(a, b, n) == 0 for the short strings compared here, without a call */
static inline int
same(const char *a, const char *b, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The first occurrence of needle in hay. A needle that opens with a space (the padded phrases, " @")
 * is looked for by its second character: spaces are the commonest character of a post. */
static inline const char *
find(const char *hay, Py_ssize_t n, const char *needle, Py_ssize_t m)
{
    if (m == 0)
        return hay;
    if (m > n)
        return NULL;
    Py_ssize_t lead = (m >= 2 && needle[0] == ' ') ? 1 : 0;
    const char *end = hay + n - m; /* the last place an occurrence may start */
    for (const char *p = hay + lead; p <= end + lead; p++) {
        p = memchr(p, needle[lead], (size_t)(end + lead - p + 1));
        if (p == NULL)
            return NULL;
        if (memcmp(p - lead, needle, (size_t)m) == 0)
            return p - lead;
    }
    return NULL;
}

static inline int has(const char *hay, Py_ssize_t n, const char *lit) { return find(hay, n, lit, (Py_ssize_t)strlen(lit)) != NULL; }
static inline int has_str(const char *hay, Py_ssize_t n, Str s) { return find(hay, n, s.s, s.n) != NULL; }

static inline int
equals_any(const char *s, Py_ssize_t n, const Strs *list)
{
    for (Py_ssize_t i = 0; i < list->n; i++)
        if (list->items[i].n == n && memcmp(list->items[i].s, s, (size_t)n) == 0)
            return 1;
    return 0;
}

static inline int
ends_with_any(const char *s, Py_ssize_t n, const Strs *list)
{
    for (Py_ssize_t i = 0; i < list->n; i++) {
        Str e = list->items[i];
        if (e.n <= n && memcmp(s + n - e.n, e.s, (size_t)e.n) == 0)
            return 1;
    }
    return 0;
}

/* The position after `lit` when s[p:] opens with it, else -1. */
static inline Py_ssize_t
eat(const char *s, Py_ssize_t n, Py_ssize_t p, const char *lit)
{
    if (p < 0 || p >= n || s[p] != lit[0])
        return lit[0] == 0 && p >= 0 ? p : -1;  /* most calls end here, on the first character */
    size_t m = strlen(lit);
    return p + (Py_ssize_t)m <= n && memcmp(s + p, lit, m) == 0 ? p + (Py_ssize_t)m : -1;
}

static inline int after_word(const char *s, Py_ssize_t n, Py_ssize_t p) { return p >= 0 && (p >= n || !is_word(s[p])); }
static inline int before_word(const char *s, Py_ssize_t p) { return p == 0 || !is_word(s[p - 1]); }

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

static inline int pair(const char *s) { return ((unsigned char)s[0] << 8) | (unsigned char)s[1]; }

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

/* _screen_prefilters.c: the prefilter flags of a post (MAY_REQUEST, MAY_ENDORSE); the hint tables */
int scr_prefilters(const Text *t);
int scr_build_tables(PyObject *quick, PyObject *prefilter, PyObject *stems);
uint64_t scr_stems(const char *low, Py_ssize_t n);
void scr_free_hints(Hints *h);

/* _screen_kind.c: the post kind of a post (its index; *repost set when it reads as a repost; *share its
 * score unrounded, unless share is NULL); the forms */
int scr_kind(const Text *t, int *repost, double *share);
uint64_t scr_hash(const char *s, Py_ssize_t n);
void scr_bloom_add(uint64_t h);
void scr_bloom_clear(void);

/* _screen.c */
int scr_copy_ascii(PyObject *o, Str *out);

#endif
