#include "_kernel.h"

/* --- personal trust: the push ------------------------------------------------------------- */

/* rank._Push.run in C: personalized PageRank from a few seeds by the push of Andersen, Chung and
 * Lang, in the same synchronous rounds. Each round takes every node whose residual r is at least
 * epsilon * max(out-degree, 1), zeroes those residuals, adds alpha * mass to their scores p, and
 * spreads (1 - alpha) * mass * w / strength along their out-edges; the mass of a node with no
 * out-weight restarts at the seeds. Only nodes that received mass in a round can be over their
 * threshold in the next one, so a round looks at those alone: no step is sized by the graph.
 *
 * Why compiled (docs/benchmarks.md, "Personal trust"): numpy's rounds spend a query's time on
 * np.unique, np.insert and searchsorted over the touched nodes; on the 1M-account graph a query
 * through personal_rank takes 2.4 ms at the median here against 9.8 ms there (4.3 against 15.4 at
 * p95, same run). What is left is random reads of the graph: a node's row pointers are read only
 * once its residual reaches epsilon (most nodes reached never do), and the row pointers and
 * strength of the candidates PUSH_AHEAD places on, and the rows of the pushed nodes, are
 * prefetched.
 *
 * Nodes get local numbers as they are reached; an open-addressing hash table of the touched
 * nodes maps a node to its number. A dense workspace of one int32 per node, kept between calls
 * and read as a sparse set, measured slower (1.50 against 1.38 ms at the median for the push
 * alone: its reads are spread over 4 MB, the table's over the neighbourhood) and would need a
 * lock and memory of the graph's size per concurrent query.
 *
 * Nothing here trusts the graph: each row pointer, column and weight is checked as it is read
 * and used as checked (the graph is too large to check whole per query; an array changed by
 * another thread meanwhile gives wrong scores, never a read out of bounds), and the scores' sum
 * is watched, so an out_strength below a row's weight sum, which would make mass grow without
 * end, stops the call.
 * The numbers differ from numpy's only by the order of float additions. */

#ifndef PUSH_AHEAD
#define PUSH_AHEAD 8
#endif
/* Hash table entries per local number allocated: at most half full. 4 measured no faster. */
#ifndef TABLE_PER_NODE
#define TABLE_PER_NODE 2
#endif

enum { PUSH_OK, PUSH_ROW, PUSH_COLUMN, PUSH_WEIGHT, PUSH_STRENGTH, PUSH_SEED, PUSH_GROWS, PUSH_MEMORY };

typedef struct {
    int64_t node, local;
} Entry;

typedef struct {
    const void *ptr, *ind;     /* indptr and indices, 4- or 8-byte signed integers */
    int ptr_wide, ind_wide;
    const double *w, *strength; /* strength: NULL when each row's weights are summed here */
    int64_t n, edges;
    double alpha, epsilon;
    /* per local number, `cap` of each, `size` in use */
    int64_t *node, *start, *end;
    double *p, *r, *threshold;
    uint32_t *stamp; /* the last round that gave the node mass */
    int32_t *now, *next; /* this round's candidates; those of the next round */
    double *mass, *flow; /* of this round's pushed nodes: the mass taken, the row's strength */
    Py_ssize_t size, cap;
    /* local numbers by node: a hash table of `mask + 1` entries (node -1: empty), each entry's
     * node and number side by side, so that a look-up reads one cache line */
    Entry *table;
    uint64_t mask;
    int shift;
} Push;

static inline int64_t
load(const void *array, int wide, int64_t i)
{
    return wide ? ((const int64_t *)array)[i] : (int64_t)((const int32_t *)array)[i];
}

static int
grow_to(void **array, Py_ssize_t count, size_t item)
{
    void *grown = PyMem_RawRealloc(*array, (size_t)count * item);
    if (grown == NULL)
        return -1;
    *array = grown;
    return 0;
}

static int
push_grow(Push *P)
{
    Py_ssize_t cap = P->cap ? 2 * P->cap : 1024;
    if (cap > INT32_MAX)
        return -1;
    void **arrays[] = {(void **)&P->node, (void **)&P->start, (void **)&P->end, (void **)&P->p, (void **)&P->r,
                       (void **)&P->threshold, (void **)&P->mass, (void **)&P->flow};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++)
        if (grow_to(arrays[k], cap, 8) < 0)
            return -1;
    if (grow_to((void **)&P->stamp, cap, 4) < 0 || grow_to((void **)&P->now, cap, 4) < 0 ||
        grow_to((void **)&P->next, cap, 4) < 0)
        return -1;
    P->cap = cap;
    return 0;
}

static inline uint64_t
bucket(const Push *P, int64_t node)
{
    return ((uint64_t)node * UINT64_C(0x9E3779B97F4A7C15)) >> P->shift;
}

/* A table of TABLE_PER_NODE * cap entries (a power of two) for the first `size` nodes. */
static int
hash_build(Push *P)
{
    uint64_t entries = 1;
    int bits = 0;
    while (entries < TABLE_PER_NODE * (uint64_t)P->cap) {
        entries <<= 1;
        bits++;
    }
    PyMem_RawFree(P->table);
    P->table = PyMem_RawMalloc(entries * sizeof(Entry));
    if (P->table == NULL)
        return -1;
    memset(P->table, 0xff, entries * sizeof(Entry)); /* node -1: empty */
    P->mask = entries - 1;
    P->shift = 64 - bits;
    for (Py_ssize_t i = 0; i < P->size; i++) {
        uint64_t h = bucket(P, P->node[i]);
        while (P->table[h].node >= 0)
            h = (h + 1) & P->mask;
        P->table[h].node = P->node[i];
        P->table[h].local = i;
    }
    return 0;
}

/* The local number of `node` (0 <= node < n, checked by the caller), numbering it if it is new
 * (`*fresh` set); -1 with *error set when memory runs out. */
static inline Py_ssize_t
reach(Push *P, int64_t node, int *fresh, int *error)
{
    uint64_t h = bucket(P, node);
    for (; P->table[h].node >= 0; h = (h + 1) & P->mask)
        if (P->table[h].node == node)
            return P->table[h].local;
    if (P->size == P->cap) {
        if (push_grow(P) < 0 || hash_build(P) < 0) {
            *error = PUSH_MEMORY;
            return -1;
        }
        for (h = bucket(P, node); P->table[h].node >= 0; h = (h + 1) & P->mask) /* in the new table */
            ;
    }
    Py_ssize_t k = P->size++;
    P->table[h].node = node;
    P->table[h].local = k;
    P->node[k] = node;
    P->start[k] = -1; /* row not read yet: most nodes reached never hold epsilon */
    P->p[k] = 0.0;
    P->r[k] = 0.0;
    P->stamp[k] = 0;
    *fresh = 1;
    return k;
}

/* The strength of local node k's row: the caller's, or its weights summed (left to right). */
static inline int
row_strength(const Push *P, Py_ssize_t k, double *out)
{
    if (P->strength) {
        double s = P->strength[P->node[k]];
        *out = s;
        return isfinite(s) && s >= 0.0 ? PUSH_OK : PUSH_STRENGTH;
    }
    double s = 0.0;
    for (int64_t j = P->start[k]; j < P->end[k]; j++) {
        double w = P->w[j];
        if (!(isfinite(w) && w >= 0.0))
            return PUSH_WEIGHT;
        s += w;
    }
    *out = s;
    return PUSH_OK;
}

/* The rounds, from `seeds` (distinct nodes) with normalised `seed_mass`: fills P's local arrays. */
static int
push_run(Push *P, const int64_t *seeds, const double *seed_mass, Py_ssize_t nseeds)
{
    int error = PUSH_OK, fresh = 0;
    while (P->cap < nseeds)
        if (push_grow(P) < 0)
            return PUSH_MEMORY;
    if (hash_build(P) < 0)
        return PUSH_MEMORY;
    for (Py_ssize_t i = 0; i < nseeds; i++) { /* seed i gets local number i */
        if (seeds[i] < 0 || seeds[i] >= P->n)
            return PUSH_SEED;
        fresh = 0;
        Py_ssize_t k = reach(P, seeds[i], &fresh, &error);
        if (k < 0)
            return error;
        if (!fresh)
            return PUSH_SEED;
        P->r[k] = seed_mass[i];
        P->now[i] = (int32_t)k;
    }
    Py_ssize_t candidates = nseeds;
    double seeded = 0.0, scored = 0.0, keep = 1.0 - P->alpha;
    for (Py_ssize_t i = 0; i < nseeds; i++)
        seeded += seed_mass[i];
    for (uint32_t round = 1; candidates > 0; round++) {
        /* Take every candidate over its threshold at once (synchronous: this round's spreading
         * adds to the residuals after all of them were taken). */
        Py_ssize_t pushed = 0;
        double stuck = 0.0;
        for (Py_ssize_t c = 0; c < candidates; c++) {
            if (c + PUSH_AHEAD < candidates) { /* the random reads of a candidate further on */
                Py_ssize_t later = P->now[c + PUSH_AHEAD];
                if (P->r[later] >= P->epsilon) {
                    int64_t node = P->node[later];
                    if (P->start[later] < 0)
                        PREFETCH(P->ptr_wide ? (const void *)((const int64_t *)P->ptr + node)
                                             : (const void *)((const int32_t *)P->ptr + node));
                    if (P->strength)
                        PREFETCH(P->strength + node);
                }
            }
            Py_ssize_t k = P->now[c];
            double m = P->r[k];
            if (!(m >= P->epsilon)) /* below every threshold: its row need not be read */
                continue;
            if (P->start[k] < 0) {
                int64_t a = load(P->ptr, P->ptr_wide, P->node[k]), b = load(P->ptr, P->ptr_wide, P->node[k] + 1);
                if (a < 0 || b < a || b > P->edges)
                    return PUSH_ROW;
                P->start[k] = a;
                P->end[k] = b;
                P->threshold[k] = P->epsilon * (b > a ? (double)(b - a) : 1.0);
            }
            if (!(m >= P->threshold[k]))
                continue;
            double s;
            if ((error = row_strength(P, k, &s)) != PUSH_OK)
                return error;
            P->r[k] = 0.0;
            P->p[k] += P->alpha * m;
            scored += P->alpha * m;
            P->now[pushed] = (int32_t)k; /* the pushed ones, in place of the candidates */
            P->mass[pushed] = m;
            P->flow[pushed++] = s;
            if (!(s > 0.0))
                stuck += m;
        }
        /* The scores sum to at most the seeds' mass (to rounding): more means mass was made. */
        if (scored > seeded * (1.0 + 1e-9))
            return PUSH_GROWS;
        Py_ssize_t reached = 0;
        if (stuck != 0.0) /* walkers on a node without out-weight restart at the seeds */
            for (Py_ssize_t i = 0; i < nseeds; i++) {
                P->r[i] += keep * stuck * seed_mass[i];
                if (P->stamp[i] != round) {
                    P->stamp[i] = round;
                    P->next[reached++] = (int32_t)i;
                }
            }
        for (Py_ssize_t q = 0; q < pushed; q++) {
            if (q + PUSH_AHEAD < pushed) { /* the row of a pushed node further on */
                int64_t ahead = P->start[P->now[q + PUSH_AHEAD]];
                PREFETCH(P->ind_wide ? (const void *)((const int64_t *)P->ind + ahead)
                                     : (const void *)((const int32_t *)P->ind + ahead));
                PREFETCH(P->w + ahead);
            }
            if (!(P->flow[q] > 0.0))
                continue;
            double share = keep * P->mass[q] / P->flow[q];
            int32_t from = P->now[q];
            for (int64_t j = P->start[from], end = P->end[from]; j < end; j++) {
                int64_t to = load(P->ind, P->ind_wide, j);
                double w = P->w[j];
                if (to < 0 || to >= P->n)
                    return PUSH_COLUMN;
                if (!(isfinite(w) && w >= 0.0))
                    return PUSH_WEIGHT;
                if (w == 0.0) /* carries nothing: numpy reaches the node, but never scores it */
                    continue;
                Py_ssize_t k = reach(P, to, &fresh, &error);
                if (k < 0)
                    return error;
                P->r[k] += share * w;
                if (P->stamp[k] != round) {
                    P->stamp[k] = round;
                    P->next[reached++] = (int32_t)k;
                }
            }
        }
        int32_t *swap = P->now;
        P->now = P->next;
        P->next = swap;
        candidates = reached;
    }
    return PUSH_OK;
}

static void
push_free(Push *P)
{
    void *arrays[] = {P->node, P->start, P->end, P->p,    P->r,    P->threshold, P->stamp,
                      P->now,  P->next,  P->mass, P->flow, P->table};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++)
        PyMem_RawFree(arrays[k]);
}

const char personal_push_doc[] =
             "personal_push(indptr, indices, weights, out_strength, seeds, seed_mass, alpha, epsilon)\n"
             "--\n\n"
             "Personalized PageRank from seeds by the push, in rank._Push.run's synchronous rounds, over\n"
             "a CSR of out-edges: indptr (int32 or int64, n + 1), indices (int32 or int64), weights\n"
             "(float64), out_strength (float64, n; or None: each pushed row's weights are summed),\n"
             "seeds (int64, distinct nodes), seed_mass (float64, non-negative, normally summing to 1),\n"
             "alpha in (0, 1], epsilon > 0. Returns (nodes, scores): bytes of int64 and float64, every\n"
             "node pushed at least once and its score, in the order they were reached.";

PyObject *
personal_push(PyObject *self, PyObject *args)
{
    PyObject *objects[6];
    double alpha, epsilon;
    if (!PyArg_ParseTuple(args, "OOOOOOdd:personal_push", &objects[0], &objects[1], &objects[2], &objects[3],
                          &objects[4], &objects[5], &alpha, &epsilon))
        return NULL;
    static const char *names[6] = {"indptr", "indices", "weights", "out_strength", "seeds", "seed_mass"};
    const char kinds[6] = {'i', 'i', 'f', 'f', 'i', 'f'};
    Py_ssize_t sizes[6] = {4, 4, 8, 8, 8, 8};
    Py_buffer views[6];
    int given[6] = {0};
    PyObject *result = NULL;
    Push P;
    memset(&P, 0, sizeof P);

    for (int k = 0; k < 2; k++) { /* the index arrays' widths are the caller's: 4 or 8 bytes */
        Py_buffer probe;
        if (PyObject_GetBuffer(objects[k], &probe, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            PyErr_Format(PyExc_TypeError, "%s: a contiguous buffer is required", names[k]);
            return NULL;
        }
        sizes[k] = probe.itemsize == 8 ? 8 : 4;
        PyBuffer_Release(&probe);
    }
    for (int k = 0; k < 6; k++) {
        if (k == 3 && objects[k] == Py_None)
            continue;
        if (take(objects[k], &views[k], 0, kinds[k], sizes[k], names[k]) < 0)
            goto done;
        given[k] = 1;
    }
    Py_ssize_t n = views[0].len / sizes[0] - 1, edges = views[1].len / sizes[1], nseeds = views[4].len / 8;
    if (n < 0 || views[2].len / 8 != edges || (given[3] && views[3].len / 8 != n) || views[5].len / 8 != nseeds) {
        PyErr_SetString(PyExc_ValueError, "array lengths do not match: indptr has n + 1 entries, weights as many "
                                          "as indices, out_strength n, seed_mass as many as seeds");
        goto done;
    }
    if (!(alpha > 0.0 && alpha <= 1.0) || !(epsilon > 0.0 && isfinite(epsilon))) {
        PyErr_SetString(PyExc_ValueError, "alpha must be in (0, 1] and epsilon positive");
        goto done;
    }
    const double *seed_mass = (const double *)views[5].buf;
    for (Py_ssize_t i = 0; i < nseeds; i++)
        if (!(isfinite(seed_mass[i]) && seed_mass[i] >= 0.0)) {
            PyErr_SetString(PyExc_ValueError, "seed_mass must be finite and non-negative");
            goto done;
        }
    P.ptr = views[0].buf;
    P.ptr_wide = sizes[0] == 8;
    P.ind = views[1].buf;
    P.ind_wide = sizes[1] == 8;
    P.w = (const double *)views[2].buf;
    P.strength = given[3] ? (const double *)views[3].buf : NULL;
    P.n = n;
    P.edges = edges;
    P.alpha = alpha;
    P.epsilon = epsilon;
    int status = PUSH_OK;
    if (load(P.ptr, P.ptr_wide, 0) != 0 || load(P.ptr, P.ptr_wide, n) != edges)
        status = PUSH_ROW;
    else if (nseeds > 0) {
        Py_BEGIN_ALLOW_THREADS
        status = push_run(&P, (const int64_t *)views[4].buf, seed_mass, nseeds);
        Py_END_ALLOW_THREADS
    }
    static const char *errors[] = {
        [PUSH_ROW] = "indptr must start at 0, end at the number of edges, and never decrease",
        [PUSH_COLUMN] = "an edge points outside the graph",
        [PUSH_WEIGHT] = "weights must be finite and non-negative",
        [PUSH_STRENGTH] = "out_strength must be finite and non-negative",
        [PUSH_SEED] = "seeds must be distinct nodes of the graph",
        [PUSH_GROWS] = "the scores passed the seeds' mass: out_strength is below a row's weight sum",
    };
    if (status == PUSH_MEMORY)
        PyErr_NoMemory();
    else if (status != PUSH_OK)
        PyErr_SetString(PyExc_ValueError, errors[status]);
    else {
        Py_ssize_t scored = 0;
        for (Py_ssize_t k = 0; k < P.size; k++)
            scored += P.p[k] > 0.0;
        PyObject *nodes = PyBytes_FromStringAndSize(NULL, scored * 8);
        PyObject *scores = PyBytes_FromStringAndSize(NULL, scored * 8);
        if (nodes && scores) {
            int64_t *out_node = (int64_t *)PyBytes_AS_STRING(nodes);
            double *out_score = (double *)PyBytes_AS_STRING(scores);
            for (Py_ssize_t k = 0, i = 0; k < P.size; k++)
                if (P.p[k] > 0.0) {
                    out_node[i] = P.node[k];
                    out_score[i++] = P.p[k];
                }
            result = PyTuple_Pack(2, nodes, scores);
        }
        Py_XDECREF(nodes);
        Py_XDECREF(scores);
    }
done:
    push_free(&P);
    for (int k = 0; k < 6; k++)
        if (given[k])
            PyBuffer_Release(&views[k]);
    return result;
}

