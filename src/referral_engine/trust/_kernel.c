/* The trust kernels of trust/rank.py, compiled: the power iteration of global trust (_iterate,
 * below); the push of personal trust (_Push) is in _push.c.
 *
 * power_iterate runs the whole iteration in one call over the in-edge CSR that rank._walk
 * builds: row i holds damping * w(u, v) / strength(u) for each in-edge u -> v of node i, rows
 * with in-edges first.
 * Each step does in one pass what the numpy path does in four: the restart mass (the jump and
 * the dangling nodes' walkers), the product, the write of the new scores and the L1 change.
 *
 * Why compiled (docs/benchmarks.md, "Global trust"): on a 1M-node graph the product's random
 * reads of the 8 MB score vector, not the streamed matrix, are what an iteration costs. One pass
 * instead of four, two accumulators per row and the scores 64 edges ahead prefetched make a step
 * 1.2-1.6x faster than the numpy iteration there (1.45x on Higgs), the same scores to 1e-14.
 *
 * Memory safety does not rest on the caller: every buffer's type, size and alignment is checked,
 * the pointers must be non-decreasing and within the indices, and every column and dangling
 * index must be a node, before any loop reads through them. The GIL is released for the
 * checks and the iteration; the caller must not change the arrays from another thread meanwhile
 * (rank.py passes arrays it built and owns).
 */
#include "_kernel.h"

/* How many edges ahead the scores are prefetched: about six average rows of the 1M graph.
 * 32 to 256 measured alike; no prefetch was 1.3x slower in one run, as fast in another. */
#ifndef AHEAD
#define AHEAD 64
#endif

/* --- the iteration, for 32- and 64-bit row pointers ------------------------------------- */

/* The sum over one row's edges [a, b), reading x at the columns. With `prefetch`, the score an
 * edge AHEAD further on will read is requested now (the caller guarantees b + AHEAD <= edges). */
static inline double
row_sum(const int32_t *restrict ind, const double *restrict w, const double *restrict x, int64_t a, int64_t b,
        int prefetch)
{
    double s0 = 0.0, s1 = 0.0;
    int64_t j = a;
    for (; j + 1 < b; j += 2) {
        if (prefetch) {
            PREFETCH(&x[ind[j + AHEAD]]);
            PREFETCH(&x[ind[j + 1 + AHEAD]]);
        }
        s0 += w[j] * x[ind[j]];
        s1 += w[j + 1] * x[ind[j + 1]];
    }
    if (j < b) {
        if (prefetch)
            PREFETCH(&x[ind[j + AHEAD]]);
        s0 += w[j] * x[ind[j]];
    }
    return s0 + s1;
}

/* sum(x[index[k]]) in four partial sums: one chain of additions would cost their latency each. */
static inline double
gathered_sum(const double *restrict x, const int64_t *restrict index, Py_ssize_t count)
{
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    Py_ssize_t k = 0;
    for (; k + 3 < count; k += 4)
        for (int t = 0; t < 4; t++)
            s[t] += x[index[k + t]];
    for (; k < count; k++)
        s[0] += x[index[k]];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

/* Nodes [i, n) have no in-edges: y = restart · jump there. Returns their part of the L1 change,
 * in four partial sums (most of Higgs's nodes are here: a single chain would be half its step). */
static inline double
restart_only(const double *restrict x, double *restrict y, const double *restrict jump, Py_ssize_t i,
             Py_ssize_t n, double restart)
{
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    for (; i + 3 < n; i += 4)
        for (int t = 0; t < 4; t++) {
            double v = restart * jump[i + t];
            s[t] += fabs(x[i + t] - v);
            y[i + t] = v;
        }
    for (; i < n; i++) {
        double v = restart * jump[i];
        s[0] += fabs(x[i] - v);
        y[i] = v;
    }
    return (s[0] + s[1]) + (s[2] + s[3]);
}

/* Checks that the CSR and the dangling indices only point inside their arrays: 0 if they do. */
#define DEFINE_CHECK(NAME, PTR_T)                                                                        \
    static int NAME(const PTR_T *ptr, Py_ssize_t rows, const int32_t *ind, Py_ssize_t edges,            \
                    const int64_t *dangling, Py_ssize_t ndangling, Py_ssize_t n)                         \
    {                                                                                                    \
        if (ptr[0] != 0 || (int64_t)ptr[rows] > (int64_t)edges)                                          \
            return 1;                                                                                    \
        for (Py_ssize_t i = 0; i < rows; i++)                                                            \
            if (ptr[i + 1] < ptr[i])                                                                     \
                return 1;                                                                                \
        int64_t used = (int64_t)ptr[rows];                                                               \
        uint32_t bad = 0;                                                                                \
        for (int64_t j = 0; j < used; j++) /* branch-free: one pass at memory speed */                   \
            bad |= (uint32_t)(ind[j] < 0) | (uint32_t)((int64_t)ind[j] >= (int64_t)n);                   \
        for (Py_ssize_t k = 0; k < ndangling; k++)                                                       \
            bad |= (uint32_t)(dangling[k] < 0) | (uint32_t)(dangling[k] >= (int64_t)n);                   \
        return bad ? 2 : 0;                                                                              \
    }

/* Runs up to max_iter steps from x (normalised); x and y are the two score buffers, swapped
 * after each step. Returns the steps run; *residual is the last step's L1 change; *in_y tells
 * whether the final scores are in y. Mirrors rank._iterate_numpy step for step. */
#define DEFINE_ITERATE(NAME, PTR_T)                                                                      \
    static Py_ssize_t NAME(const PTR_T *restrict ptr, Py_ssize_t rows, const int32_t *restrict ind,     \
                           const double *restrict w, const double *restrict jump,                        \
                           const int64_t *restrict dangling, Py_ssize_t ndangling, double *x, double *y, \
                           Py_ssize_t n, double damping, double tol, Py_ssize_t max_iter,                \
                           double *residual, int *in_y)                                                  \
    {                                                                                                    \
        int64_t edges = (int64_t)ptr[rows];                                                              \
        /* Rows before `ahead` can prefetch AHEAD edges on without reading past the indices. */         \
        Py_ssize_t lo = 0, hi = rows;                                                                    \
        while (lo < hi) {                                                                                \
            Py_ssize_t mid = lo + (hi - lo) / 2;                                                         \
            if ((int64_t)ptr[mid + 1] + AHEAD <= edges)                                                  \
                lo = mid + 1;                                                                            \
            else                                                                                         \
                hi = mid;                                                                                \
        }                                                                                                \
        Py_ssize_t ahead = lo, steps = 0;                                                                \
        double change = INFINITY;                                                                        \
        *in_y = 0;                                                                                       \
        while (steps < max_iter) {                                                                       \
            /* What does not follow an edge restarts at the prior: the jump (1 - d) and the walkers  */ \
            /* on dangling nodes (d times their mass); sum(x) is taken as 1, so drift decays.        */ \
            double restart = 1.0 - damping * (1.0 - gathered_sum(x, dangling, ndangling));               \
            double sum = 0.0;                                                                            \
            Py_ssize_t i = 0;                                                                            \
            for (; i < ahead; i++) {                                                                     \
                double v = restart * jump[i] + row_sum(ind, w, x, ptr[i], ptr[i + 1], 1);                \
                sum += fabs(x[i] - v);                                                                   \
                y[i] = v;                                                                                \
            }                                                                                            \
            for (; i < rows; i++) {                                                                      \
                double v = restart * jump[i] + row_sum(ind, w, x, ptr[i], ptr[i + 1], 0);                \
                sum += fabs(x[i] - v);                                                                   \
                y[i] = v;                                                                                \
            }                                                                                            \
            sum += restart_only(x, y, jump, i, n, restart);                                              \
            double *spent = x;                                                                           \
            x = y;                                                                                       \
            y = spent;                                                                                   \
            *in_y = !*in_y;                                                                              \
            change = sum;                                                                                \
            steps++;                                                                                     \
            if (change < tol)                                                                            \
                break;                                                                                   \
        }                                                                                                \
        *residual = change;                                                                              \
        return steps;                                                                                    \
    }

DEFINE_CHECK(check32, int32_t)
DEFINE_CHECK(check64, int64_t)
DEFINE_ITERATE(iterate32, int32_t)
DEFINE_ITERATE(iterate64, int64_t)

/* --- the Python entry point ------------------------------------------------------------- */

PyDoc_STRVAR(power_iterate_doc,
             "power_iterate(indptr, indices, data, jump, dangling, x, y, damping, tol, max_iter)\n"
             "--\n\n"
             "Power iteration of PageRank with a prior over an in-edge CSR whose rows with in-edges\n"
             "come first (rank._walk's): indptr (int32 or int64, rows + 1 pointers), indices (int32),\n"
             "data (float64), jump (float64, n), dangling (int64 node numbers), x (float64, n, the\n"
             "normalised start, overwritten) and y (float64, n, scratch). Runs until the L1 change is\n"
             "below tol or max_iter steps. Returns (iterations, residual, in_y): in_y is True when the\n"
             "scores ended in y, else they are in x.");

static PyObject *
power_iterate(PyObject *self, PyObject *args)
{
    PyObject *objects[7];
    double damping, tol;
    Py_ssize_t max_iter;
    if (!PyArg_ParseTuple(args, "OOOOOOOddn:power_iterate", &objects[0], &objects[1], &objects[2], &objects[3],
                          &objects[4], &objects[5], &objects[6], &damping, &tol, &max_iter))
        return NULL;
    static const char *names[7] = {"indptr", "indices", "data", "jump", "dangling", "x", "y"};
    Py_buffer views[7];
    int held = 0;
    PyObject *result = NULL;

    /* indptr's width is the caller's: 4 or 8 bytes. */
    Py_ssize_t ptr_size = 4;
    {
        Py_buffer probe;
        if (PyObject_GetBuffer(objects[0], &probe, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            PyErr_SetString(PyExc_TypeError, "indptr: a contiguous buffer is required");
            return NULL;
        }
        ptr_size = probe.itemsize == 8 ? 8 : 4;
        PyBuffer_Release(&probe);
    }
    const char kinds[7] = {'i', 'i', 'f', 'f', 'i', 'f', 'f'};
    const Py_ssize_t sizes[7] = {ptr_size, 4, 8, 8, 8, 8, 8};
    for (; held < 7; held++)
        if (take(objects[held], &views[held], held >= 5, kinds[held], sizes[held], names[held]) < 0)
            goto done;

    Py_ssize_t rows = views[0].len / ptr_size - 1;
    Py_ssize_t edges = views[1].len / 4, n = views[3].len / 8, ndangling = views[4].len / 8;
    if (rows < 0 || rows > n || views[2].len / 8 != edges || views[5].len / 8 != n || views[6].len / 8 != n) {
        PyErr_SetString(PyExc_ValueError, "array lengths do not match: indptr has rows + 1 <= n + 1 entries, "
                                          "data as many as indices, jump, x and y n each");
        goto done;
    }
    if (n > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "more nodes than 32-bit column indices can number");
        goto done;
    }
    if (overlap(&views[5], &views[6])) {
        PyErr_SetString(PyExc_ValueError, "x and y must not overlap");
        goto done;
    }
    for (int k = 0; k < 5; k++)
        if (overlap(&views[k], &views[5]) || overlap(&views[k], &views[6])) {
            PyErr_Format(PyExc_ValueError, "x and y must not overlap %s", names[k]);
            goto done;
        }
    if (!(damping >= 0.0 && damping < 1.0) || isnan(tol)) {
        PyErr_SetString(PyExc_ValueError, "damping must be in [0, 1) and tol a number");
        goto done;
    }

    const int32_t *ind = (const int32_t *)views[1].buf;
    const double *w = (const double *)views[2].buf, *jump = (const double *)views[3].buf;
    const int64_t *dangling = (const int64_t *)views[4].buf;
    double *x = (double *)views[5].buf, *y = (double *)views[6].buf;
    double residual = INFINITY;
    int in_y = 0, bad;
    Py_ssize_t steps = 0;
    Py_BEGIN_ALLOW_THREADS
    if (ptr_size == 8) {
        const int64_t *ptr = (const int64_t *)views[0].buf;
        bad = check64(ptr, rows, ind, edges, dangling, ndangling, n);
        if (!bad)
            steps = iterate64(ptr, rows, ind, w, jump, dangling, ndangling, x, y, n, damping, tol, max_iter,
                              &residual, &in_y);
    }
    else {
        const int32_t *ptr = (const int32_t *)views[0].buf;
        bad = check32(ptr, rows, ind, edges, dangling, ndangling, n);
        if (!bad)
            steps = iterate32(ptr, rows, ind, w, jump, dangling, ndangling, x, y, n, damping, tol, max_iter,
                              &residual, &in_y);
    }
    Py_END_ALLOW_THREADS
    if (bad == 1)
        PyErr_SetString(PyExc_ValueError, "indptr must start at 0, never decrease, and end within the indices");
    else if (bad)
        PyErr_SetString(PyExc_ValueError, "a column or dangling index is not a node");
    else
        result = Py_BuildValue("(ndO)", steps, residual, in_y ? Py_True : Py_False);
done:
    while (held > 0)
        PyBuffer_Release(&views[--held]);
    return result;
}

static PyMethodDef methods[] = {
    {"power_iterate", power_iterate, METH_VARARGS, power_iterate_doc},
    {"personal_push", personal_push, METH_VARARGS, personal_push_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "referral_engine.trust._kernel",
    .m_doc = "The compiled kernels of trust: the power iteration of global trust, the push of personal trust.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__kernel(void)
{
    return PyModule_Create(&module);
}
