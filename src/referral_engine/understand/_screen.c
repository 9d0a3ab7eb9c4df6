/* The first pass of `refer classify`, compiled: for each post of a batch, its post kind (kinds.py's
 * kind_of, exactly) and whether the request or the endorsement judge could find anything in it (their
 * prefilters, exactly).
 *
 * Why (docs/benchmarks.md, "Classify"): in CPython the post kind alone costs about 4.5 µs a post
 * (lower-casing, splitting, a set intersection, phrase and pattern tests) and the two judges'
 * prefilters about 4 µs more, while the target is 5 µs a post with reading and writing. Here a
 * post costs about 1 µs; the judges run in Python only on the few posts this pass flags (some 7%
 * of tweets), and their decisions stay in the Python modules.
 *
 * What is defined where:
 *   - The lexicon and every list of words (the token forms with their flags, single-word entries and
 *     the phrases they open; the weights under each penalty; the shadowing of phrases; sign-offs,
 *     greetings, repost marks, presenting verbs, the imperatives; the stems of asking) come from the
 *     Python modules through configure() (understand/screen.py builds the arguments), so they are
 *     written once; so do the endorsement prefilter's two patterns, translated into branches of
 *     literals, ".?" and classes that match_atoms() reads.
 *   - kind_of's control flow and the five small patterns it runs (_PRICE, _PERCENT, _POSSESSIVE,
 *     _SPEAKER, _IMPERATIVE) are mirrored here, in the same order of additions, so
 *     that the totals are the same doubles; so are the request prefilter's question gate and stem
 *     gates (requests._QUESTION_GATE, _STEM_GATES). tests/test_screen.py checks every decision on
 *     every text of the dev data and on generated texts against Python.
 *
 * A text is read one byte per character: ASCII as it is, every other character as a byte that stands
 * for its class (a word character, a digit, a space, or none; and the few characters the post kind
 * names: ’ “ « and four currency signs; _screen.h). That is all the judges' patterns can tell of
 * it, except for the characters whose case Python reads specially (screen.LEFT_TO_PYTHON), and the
 * ASCII whitespace \v \f \x1c-\x1f: a post that holds one gets UNHANDLED and Python judges it whole.
 *
 * Result per post, one byte: bits 0-2 the kind's index in kinds._KINDS (7: not handled here), bit
 * 3 "a request may be there" (requests._might), bit 4 "an endorsement may be there" (endorsements.
 * _quick), bit 5 "read as a repost" ("RT @x …": the kind assumed no author; with one, Python judges
 * it, since sharing praise of oneself is a pitch).
 */
#include "_screen.h"

Tables screen_tables;

/* Character classes for the one pass over a text: whitespace to split on (what str.split and re's \s
 * agree on here), the rare other whitespace that sends a post to Python, capitals. */
enum { C_WS = 1, C_ODD = 2, C_UPPER = 4 };
static const unsigned char CLASS[256] = {
    ['\t'] = C_WS, ['\n'] = C_WS, ['\r'] = C_WS, [' '] = C_WS,
    ['\v'] = C_ODD, ['\f'] = C_ODD, [0x1c] = C_ODD, [0x1d] = C_ODD, [0x1e] = C_ODD, [0x1f] = C_ODD,
    ['A'] = C_UPPER, ['B'] = C_UPPER, ['C'] = C_UPPER, ['D'] = C_UPPER, ['E'] = C_UPPER, ['F'] = C_UPPER,
    ['G'] = C_UPPER, ['H'] = C_UPPER, ['I'] = C_UPPER, ['J'] = C_UPPER, ['K'] = C_UPPER, ['L'] = C_UPPER,
    ['M'] = C_UPPER, ['N'] = C_UPPER, ['O'] = C_UPPER, ['P'] = C_UPPER, ['Q'] = C_UPPER, ['R'] = C_UPPER,
    ['S'] = C_UPPER, ['T'] = C_UPPER, ['U'] = C_UPPER, ['V'] = C_UPPER, ['W'] = C_UPPER, ['X'] = C_UPPER,
    ['Y'] = C_UPPER, ['Z'] = C_UPPER, [U_SPACE] = C_WS,
};

/* The byte that stands for a character beyond ASCII (see _screen.h), or -1 for one that the pass leaves to
 * Python: those whose lower or upper case holds ASCII, or whose lower case is two characters (screen.py's
 * LEFT_TO_PYTHON; re's case-free matching and str.lower would see more in them than one byte tells). */
static int
read_char(Py_UCS4 ch)
{
    for (Py_ssize_t i = 0; i < T.nbail; i++)
        if (T.bail[i] == ch)
            return -1;
    switch (ch) {
    case 0x2019:
        return U_APOS;
    case 0x201C:
        return U_LQUOTE;
    case 0xAB:
        return U_GUILLEMET;
    case 0xA3: case 0x20AC: case 0xA5: case 0x20B9:
        return U_CURRENCY;
    default:
        break;
    }
    if (Py_UNICODE_ISSPACE(ch))
        return U_SPACE;
    if (Py_UNICODE_ISDECIMAL(ch))
        return U_DIGIT;
    return Py_UNICODE_ISALNUM(ch) ? U_WORD : U_OTHER;
}

/* `o` read one byte per character into `out` (n+1 bytes, NUL-terminated); *apos set when it holds \u2019.
 * Its length, or -1 when the pass leaves it to Python. */
static Py_ssize_t
read_text(PyObject *o, char *out, int *apos)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(o);
    int kind = PyUnicode_KIND(o);
    const void *data = PyUnicode_DATA(o);
    *apos = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 128) {
            out[i] = (char)ch;
            continue;
        }
        int read = read_char(ch);
        if (read < 0)
            return -1;
        out[i] = (char)read;
        *apos |= read == U_APOS;
    }
    out[n] = 0;
    return n;
}

/* --- one post ---------------------------------------------------------------------------- */

typedef struct {
    char *read;  /* a text beyond ASCII, one byte per character */
    char *low;   /* the whole text lower-cased */
    char *klow;  /* and with \u2019 as "'" (when it holds one) */
    char *pad;   /* " " + stripped lower-cased text + " " */
    Py_ssize_t *starts, *lens; /* the tokens (str.split) of low */
    uint64_t *hashes; /* and their hashes */
    Py_ssize_t cap;
} Buffers;

static int
grow(Buffers *b, Py_ssize_t n)
{
    if (n + 3 <= b->cap)
        return 0;
    size_t cap = (size_t)(n + 3) * 2;
    void *grown;
    /* each buffer to `cap` elements; one that cannot grow stays as it was (cap then stays too) */
#define GROW(field) ((grown = PyMem_Realloc(b->field, sizeof(*b->field) * cap)) != NULL ? (b->field = grown, 0) : -1)
    int failed = GROW(read) || GROW(low) || GROW(klow) || GROW(pad) || GROW(starts) || GROW(lens) || GROW(hashes);
#undef GROW
    if (failed) {
        PyErr_NoMemory();
        return -1;
    }
    b->cap = (Py_ssize_t)cap;
    return 0;
}

/* What screen() knows of a post beside its text. */
typedef struct {
    int is_reply, is_repost;
    const char *handle; /* its author's handle, read as the text is; NULL: none */
    Py_ssize_t handle_n;
} Context;

/* The code of one text read one byte per character (see screen(); `apos`: it holds \u2019); with `share`,
 * the post kind's score too. The caller has grown the buffers to n. */
static int
judge(const char *s, Py_ssize_t n, Buffers *b, double *share, int apos, const Context *context)
{
    /* one pass: lower-case, split into tokens, hash each token (as the post kind reads it: \u2019 as "'") */
    char *low = b->low, *klow = apos ? b->klow : low;
    Py_ssize_t words = 0, start = 0;
    int in_word = 0;
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char cls = CLASS[c];
        if (cls & C_WS) {
            low[i] = klow[i] = (char)c;
            if (in_word) {
                b->starts[words] = start;
                b->lens[words] = i - start;
                b->hashes[words++] = h;
                in_word = 0;
            }
            continue;
        }
        if (cls & C_ODD)
            return UNHANDLED;  /* whitespace to str.split but rare: Python takes it */
        char lc = (cls & C_UPPER) ? (char)(c + 32) : (char)c;
        low[i] = lc;
        if (apos) {
            if ((unsigned char)lc == U_APOS)
                lc = '\'';
            klow[i] = lc;
        }
        if (!in_word) {
            in_word = 1;
            start = i;
            h = FNV_OFFSET;
        }
        h = (h ^ (unsigned char)lc) * FNV_PRIME;
    }
    if (in_word) {
        b->starts[words] = start;
        b->lens[words] = n - start;
        b->hashes[words++] = h;
    }
    Text text = {s, low, klow, n, NULL, NULL, 0, NULL, 0, b->starts, b->lens, b->hashes, words,
                 context->is_reply, context->is_repost, context->handle, context->handle_n};
    /* stripped, lowered (L), padded (P) */
    Py_ssize_t a = 0, z = n;
    while (a < z && is_ws(s[a]))
        a++;
    while (z > a && is_ws(s[z - 1]))
        z--;
    text.stripped = s + a;
    text.sn = z - a;
    text.L = klow + a;
    char *P = b->pad;
    P[0] = ' ';
    memcpy(P + 1, text.L, (size_t)text.sn);
    P[text.sn + 1] = ' ';
    text.P = P;
    text.pn = text.sn + 2;
    int repost = 0;
    int kind = scr_kind(&text, &repost, share);
    return kind | scr_prefilters(&text) | (repost ? REPOST : 0);
}

/* --- configuration from Python ------------------------------------------------------------ */

static void
free_strs(Strs *l)
{
    for (Py_ssize_t i = 0; i < l->n; i++)
        PyMem_Free(l->items[i].s);
    PyMem_Free(l->items);
    l->items = NULL;
    l->n = 0;
}

static void
reset(void)
{
    if (T.forms != NULL) {
        for (size_t i = 0; i <= T.mask; i++) {
            PyMem_Free(T.forms[i].key.s);
            PyMem_Free(T.forms[i].singles);
            PyMem_Free(T.forms[i].phrases);
        }
        PyMem_Free(T.forms);
    }
    if (T.phrases != NULL)
        for (int i = 0; i < T.entries; i++)
            PyMem_Free(T.phrases[i].s);
    PyMem_Free(T.phrases);
    if (T.shadows != NULL)
        for (int i = 0; i < T.entries; i++)
            PyMem_Free(T.shadows[i]);
    PyMem_Free(T.shadows);
    PyMem_Free(T.nshadows);
    PyMem_Free(T.kind);
    PyMem_Free(T.praising);
    PyMem_Free(T.thanks);
    for (int r = 0; r < 3; r++)
        PyMem_Free(T.weights[r]);
    Strs *lists[] = {&T.sign_offs, &T.greetings, &T.repost_marks, &T.presenting, &T.imperatives, &T.ask_hints};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        free_strs(lists[i]);
    scr_free_hints(T.hints);
    scr_free_hints(T.quick);
    scr_free_hints(T.stems);
    PyMem_Free(T.bail);
    PyMem_Free(T.found);
    PyMem_Free(T.in_set);
    memset(&T, 0, sizeof(T));
    scr_bloom_clear();
}

/* `o` read as the pass reads texts (read_text) into a new string (0); 1 when the pass cannot read it, -1 on
 * error. For the lexicon's forms and phrases, which may hold \u201c or \u2019. */
static int
read_str(PyObject *o, Str *out)
{
    if (!PyUnicode_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(o);
    out->s = PyMem_Malloc((size_t)n + 1);
    if (out->s == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int apos;
    out->n = read_text(o, out->s, &apos);
    if (out->n < 0) {
        PyMem_Free(out->s);
        out->s = NULL;
        out->n = 0;
        return 1;
    }
    return 0;
}

/* A copy of an ASCII str (0), or 1 when it is not ASCII (such a form can never match), -1 on error. */
int
scr_copy_ascii(PyObject *o, Str *out)
{
    if (!PyUnicode_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
    if (!PyUnicode_IS_ASCII(o))
        return 1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(o);
    out->s = PyMem_Malloc((size_t)n + 1);
    if (out->s == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(out->s, PyUnicode_DATA(o), (size_t)n);
    out->s[n] = 0;
    out->n = n;
    return 0;
}

static int
to_strs(PyObject *seq, Strs *out, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (fast == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    out->items = PyMem_Calloc((size_t)n + 1, sizeof(Str));
    if (out->items == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Str s = {NULL, 0};
        int r = scr_copy_ascii(PySequence_Fast_GET_ITEM(fast, i), &s);
        if (r < 0) {
            Py_DECREF(fast);
            return -1;
        }
        if (r == 0)
            out->items[out->n++] = s;
    }
    Py_DECREF(fast);
    return 0;
}

static int
to_ints(PyObject *seq, int **out, int *count, int below)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of ints");
    if (fast == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    *out = PyMem_Calloc((size_t)n + 1, sizeof(int));
    if (*out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i);
        if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) > 0)
            item = PyTuple_GET_ITEM(item, 0);  /* (number, phrase): the number */
        long v = PyLong_AsLong(item);
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        if (v < 0 || v >= below) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_ValueError, "entry number out of range");
            return -1;
        }
        (*out)[i] = (int)v;
    }
    *count = (int)n;
    Py_DECREF(fast);
    return 0;
}

PyDoc_STRVAR(configure_doc,
"configure(forms, phrases, kinds, praising, thanks, shadows, weights, penalties, courtesy, flags,\n"
"          sign_offs, greetings, repost_marks, presenting, imperatives, ask_hints, quick, prefilter, bail,\n"
"          stems)\n"
"--\n\n"
"Load the tables of understand/kinds.py and the prefilters' literals (understand/screen.py builds\n"
"them). forms: {form: (flags, singles, phrases)}, singles entry numbers and phrases (number, text)\n"
"pairs or numbers; phrases: each entry's padded\n"
"text; kinds/praising/thanks: bytes, one per entry; shadows: the entries shadowing each entry;\n"
"weights: three sequences of floats, one per penalty regime; penalties: three of five floats;\n"
"flags: (we, i, cta); quick, prefilter: the branches of endorsements._quick's two patterns, each\n"
"(cased, lead, ((kind, text), ...)) with kind 0 a literal, 1 '.?', 2 a class, 3 a class with '+';\n"
"bail: the code points that leave a text to Python (screen.LEFT_TO_PYTHON); stems: the request\n"
"reader's stems (requests._ALL_STEMS), as (False, stem, ()) branches.");

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *forms, *phrases, *shadows, *weights, *penalties, *flags, *quick, *prefilter;
    PyObject *sign_offs, *greetings, *repost_marks, *presenting, *imperatives, *ask_hints, *bail, *stems;
    Py_buffer kinds, praising, thanks;
    int courtesy;
    if (!PyArg_ParseTuple(args, "O!Oy*y*y*OOOiOOOOOOOOOOO", &PyDict_Type, &forms, &phrases, &kinds, &praising,
                          &thanks, &shadows, &weights, &penalties, &courtesy, &flags, &sign_offs, &greetings,
                          &repost_marks, &presenting, &imperatives, &ask_hints, &quick, &prefilter, &bail, &stems))
        return NULL;
    reset();
    PyObject *result = NULL;
    {  /* first: how the texts below are read depends on it */
        PyObject *fast = PySequence_Fast(bail, "bail");
        if (fast == NULL)
            goto done;
        T.nbail = PySequence_Fast_GET_SIZE(fast);
        T.bail = PyMem_Calloc((size_t)T.nbail + 1, sizeof(Py_UCS4));
        for (Py_ssize_t i = 0; T.bail != NULL && i < T.nbail; i++) {
            long ch = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
            if (ch < 128 || ch > 0x10FFFF) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "bail: code points beyond ASCII");
                Py_DECREF(fast);
                goto done;
            }
            T.bail[i] = (Py_UCS4)ch;
        }
        Py_DECREF(fast);
        if (T.bail == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    Py_ssize_t entries = kinds.len;
    if (praising.len != entries || thanks.len != entries || courtesy < 0 || courtesy >= entries) {
        PyErr_SetString(PyExc_ValueError, "kinds, praising and thanks must give one byte per entry");
        goto done;
    }
    T.entries = (int)entries;
    T.courtesy = courtesy;
    T.kind = PyMem_Malloc((size_t)entries);
    T.praising = PyMem_Malloc((size_t)entries);
    T.thanks = PyMem_Malloc((size_t)entries);
    T.phrases = PyMem_Calloc((size_t)entries, sizeof(Str));
    T.shadows = PyMem_Calloc((size_t)entries, sizeof(int *));
    T.nshadows = PyMem_Calloc((size_t)entries, sizeof(int));
    T.in_set = PyMem_Calloc((size_t)entries, sizeof(uint64_t));
    if (!T.kind || !T.praising || !T.thanks || !T.phrases || !T.shadows || !T.nshadows || !T.in_set) {
        PyErr_NoMemory();
        goto done;
    }
    memcpy(T.kind, kinds.buf, (size_t)entries);
    memcpy(T.praising, praising.buf, (size_t)entries);
    memcpy(T.thanks, thanks.buf, (size_t)entries);
    for (Py_ssize_t i = 0; i < entries; i++)
        if (T.kind[i] > OT) {
            PyErr_SetString(PyExc_ValueError, "a kind is out of range");
            goto done;
        }
    if (PySequence_Size(phrases) != entries || PySequence_Size(shadows) != entries) {
        PyErr_SetString(PyExc_ValueError, "phrases and shadows must have one item per entry");
        goto done;
    }
    for (Py_ssize_t i = 0; i < entries; i++) {
        PyObject *p = PySequence_GetItem(phrases, i);
        if (p == NULL)
            goto done;
        int r = read_str(p, &T.phrases[i]);
        Py_DECREF(p);
        if (r < 0)
            goto done;
        if (r == 1) {  /* a phrase the pass cannot read: no text it reads holds byte 0xff */
            T.phrases[i].s = PyMem_Malloc(2);
            if (T.phrases[i].s == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            memcpy(T.phrases[i].s, "\xff", 2);
            T.phrases[i].n = 1;
        }
        PyObject *sh = PySequence_GetItem(shadows, i);
        if (sh == NULL)
            goto done;
        r = to_ints(sh, &T.shadows[i], &T.nshadows[i], (int)entries);
        Py_DECREF(sh);
        if (r < 0)
            goto done;
    }
    if (PySequence_Size(weights) != 3 || PySequence_Size(penalties) != 3) {
        PyErr_SetString(PyExc_ValueError, "weights and penalties need three regimes");
        goto done;
    }
    for (int r = 0; r < 3; r++) {
        PyObject *row = PySequence_GetItem(weights, r);
        PyObject *pen = PySequence_GetItem(penalties, r);
        PyObject *frow = row ? PySequence_Fast(row, "weights") : NULL;
        PyObject *fpen = pen ? PySequence_Fast(pen, "penalties") : NULL;
        Py_XDECREF(row);
        Py_XDECREF(pen);
        if (frow == NULL || fpen == NULL || PySequence_Fast_GET_SIZE(frow) != entries
            || PySequence_Fast_GET_SIZE(fpen) != 5) {
            Py_XDECREF(frow);
            Py_XDECREF(fpen);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "a weight per entry and five penalties per regime");
            goto done;
        }
        T.weights[r] = PyMem_Malloc(sizeof(double) * (size_t)entries);
        if (T.weights[r] == NULL) {
            Py_DECREF(frow);
            Py_DECREF(fpen);
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t i = 0; i < entries; i++)
            T.weights[r][i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(frow, i));
        for (int k = 0; k < 5; k++)
            T.penalties[r][k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fpen, k));
        Py_DECREF(frow);
        Py_DECREF(fpen);
        if (PyErr_Occurred())
            goto done;
    }
    if (!PyArg_ParseTuple(flags, "iii", &T.we_flag, &T.i_flag, &T.cta_flag))
        goto done;
    if (to_strs(sign_offs, &T.sign_offs, "sign_offs") < 0 || to_strs(greetings, &T.greetings, "greetings") < 0
        || to_strs(repost_marks, &T.repost_marks, "repost_marks") < 0
        || to_strs(presenting, &T.presenting, "presenting") < 0
        || to_strs(imperatives, &T.imperatives, "imperatives") < 0
        || to_strs(ask_hints, &T.ask_hints, "ask_hints") < 0
        || scr_build_tables(quick, prefilter, stems) < 0)
        goto done;
    /* the forms, in an open-addressing table at most half full */
    {
        size_t size = 16;
        while (size < (size_t)PyDict_Size(forms) * 2)
            size <<= 1;
        T.forms = PyMem_Calloc(size, sizeof(Form));
        if (T.forms == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        T.mask = size - 1;
        Py_ssize_t pos = 0, total = 0;
        PyObject *key, *value;
        while (PyDict_Next(forms, &pos, &key, &value)) {
            Str k = {NULL, 0};
            int r = read_str(key, &k);
            if (r < 0)
                goto done;
            if (r == 1)
                continue;  /* a form the pass cannot read: no token it reads can be it */
            uint64_t h = scr_hash(k.s, k.n);  /* as judge() hashes a token */
            scr_bloom_add(h);
            size_t at = (size_t)h & T.mask;
            while (T.forms[at].key.s != NULL)
                at = (at + 1) & T.mask;
            Form *f = &T.forms[at];
            f->key = k;
            PyObject *single, *phrase;
            if (!PyArg_ParseTuple(value, "iOO", &f->flags, &single, &phrase)
                || to_ints(single, &f->singles, &f->nsingles, (int)entries) < 0
                || to_ints(phrase, &f->phrases, &f->nphrases, (int)entries) < 0)
                goto done;
            total += f->nsingles + f->nphrases;
        }
        T.found = PyMem_Malloc(sizeof(int) * ((size_t)total + 2));
        if (T.found == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    T.ready = 1;
    result = Py_NewRef(Py_None);
done:
    if (result == NULL)
        reset();
    PyBuffer_Release(&kinds);
    PyBuffer_Release(&praising);
    PyBuffer_Release(&thanks);
    return result;
}

PyDoc_STRVAR(screen_doc,
"screen(texts, scores=None, context=None, handles=None) -> bytes\n"
"--\n\n"
"One byte per text: bits 0-2 the post kind's index (7: not judged here, Python judges the post\n"
"whole), bit 3 a request may be there, bit 4 an endorsement may be there, bit 5 read as a repost\n"
"with no author's handle to compare (a kind that assumed no author).\n"
"scores: a writable buffer of one double per text (an array('d')) to receive each judged post's\n"
"kind score, unrounded (kinds._decide rounds it to 4 places); the others' are left as they are.\n"
"context: one byte per text, bit 0 a reply, bit 1 a repost (what the platform says); handles: per\n"
"text its author's handle, lower-cased and without '@', or None (kinds.kind_of's `author`).");

static PyObject *
screen(PyObject *self, PyObject *args)
{
    PyObject *arg, *scores = Py_None, *context = Py_None, *handles = Py_None;
    if (!PyArg_ParseTuple(args, "O|OOO", &arg, &scores, &context, &handles))
        return NULL;
    if (!T.ready) {
        PyErr_SetString(PyExc_RuntimeError, "configure() first");
        return NULL;
    }
    PyObject *fast = PySequence_Fast(arg, "screen() takes a sequence of str");
    if (fast == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    const char *flags = NULL;
    if (context != Py_None) {
        if (!PyBytes_Check(context) || PyBytes_GET_SIZE(context) != n) {
            PyErr_SetString(PyExc_ValueError, "context must be bytes, one per text");
            Py_DECREF(fast);
            return NULL;
        }
        flags = PyBytes_AS_STRING(context);
    }
    PyObject *authors = NULL;
    if (handles != Py_None) {
        authors = PySequence_Fast(handles, "handles must be a sequence");
        if (authors == NULL || PySequence_Fast_GET_SIZE(authors) != n) {
            if (authors != NULL)
                PyErr_SetString(PyExc_ValueError, "handles: one per text");
            Py_XDECREF(authors);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_buffer view = {0};
    double *shares = NULL;
    if (scores != Py_None) {
        if (PyObject_GetBuffer(scores, &view, PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
            Py_DECREF(fast);
            return NULL;
        }
        if (view.format == NULL || strcmp(view.format, "d") != 0 || view.len != n * (Py_ssize_t)sizeof(double)) {
            PyErr_SetString(PyExc_ValueError, "scores must be a writable buffer of one double per text");
            PyBuffer_Release(&view);
            Py_DECREF(fast);
            return NULL;
        }
        shares = view.buf;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL) {
        if (shares != NULL)
            PyBuffer_Release(&view);
        Py_XDECREF(authors);
        Py_DECREF(fast);
        return NULL;
    }
    char *codes = PyBytes_AS_STRING(out);
    Buffers b = {0};
    char *handle_read = NULL;  /* a handle beyond ASCII, read one byte per character */
    Py_ssize_t handle_cap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "screen(): item %zd is not a str", i);
            Py_CLEAR(out);
            break;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (grow(&b, length) < 0) {
            Py_CLEAR(out);
            break;
        }
        const char *chars = (const char *)PyUnicode_DATA(text);
        int apos = 0;
        if (!PyUnicode_IS_ASCII(text)) {  /* read one byte per character, or left to Python */
            if (read_text(text, b.read, &apos) < 0) {
                codes[i] = UNHANDLED;
                continue;
            }
            chars = b.read;
        }
        Context post = {flags != NULL && (flags[i] & 1), flags != NULL && (flags[i] & 2), NULL, 0};
        PyObject *handle = authors != NULL ? PySequence_Fast_GET_ITEM(authors, i) : Py_None;
        if (handle != Py_None) {
            if (!PyUnicode_Check(handle)) {
                PyErr_Format(PyExc_TypeError, "screen(): handle %zd is not a str or None", i);
                Py_CLEAR(out);
                break;
            }
            post.handle_n = PyUnicode_GET_LENGTH(handle);
            post.handle = (const char *)PyUnicode_DATA(handle);
            if (!PyUnicode_IS_ASCII(handle)) {
                if (post.handle_n + 1 > handle_cap) {
                    char *grown = PyMem_Realloc(handle_read, (size_t)post.handle_n + 1);
                    if (grown == NULL) {
                        PyErr_NoMemory();
                        Py_CLEAR(out);
                        break;
                    }
                    handle_read = grown;
                    handle_cap = post.handle_n + 1;
                }
                int handle_apos;
                if (read_text(handle, handle_read, &handle_apos) < 0) {
                    codes[i] = UNHANDLED;
                    continue;
                }
                post.handle = handle_read;
            }
        }
        int code = judge(chars, length, &b, shares != NULL ? &shares[i] : NULL, apos, &post);
        if (code < 0) {
            Py_CLEAR(out);
            break;
        }
        codes[i] = (char)code;
    }
    PyMem_Free(handle_read);
    Py_XDECREF(authors);
    PyMem_Free(b.read);
    PyMem_Free(b.low);
    PyMem_Free(b.klow);
    PyMem_Free(b.pad);
    PyMem_Free(b.starts);
    PyMem_Free(b.lens);
    PyMem_Free(b.hashes);
    if (shares != NULL)
        PyBuffer_Release(&view);
    Py_DECREF(fast);
    return out;
}

PyDoc_STRVAR(stems_doc,
"stems(low) -> int | None\n"
"--\n\n"
"Which of the request reader's stems the lower-cased text holds, as a mask (bit i: requests._ALL_STEMS[i]);\n"
"None for a text the pass cannot read (screen.LEFT_TO_PYTHON).");

static PyObject *
stems(PyObject *self, PyObject *arg)
{
    if (!T.ready) {
        PyErr_SetString(PyExc_RuntimeError, "configure() first");
        return NULL;
    }
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "stems() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    if (PyUnicode_IS_ASCII(arg))
        return PyLong_FromUnsignedLongLong(scr_stems((const char *)PyUnicode_DATA(arg), n));
    char *read = PyMem_Malloc((size_t)n + 1);
    if (read == NULL)
        return PyErr_NoMemory();
    int apos;
    PyObject *result = read_text(arg, read, &apos) < 0 ? Py_NewRef(Py_None)
                                                        : PyLong_FromUnsignedLongLong(scr_stems(read, n));
    PyMem_Free(read);
    return result;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS, configure_doc},
    {"screen", screen, METH_VARARGS, screen_doc},
    {"stems", stems, METH_O, stems_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "referral_engine.understand._screen",
    .m_doc = "The compiled first pass of classify: each post's kind, and the two judges' prefilters.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__screen(void)
{
    return PyModule_Create(&module);
}
