/* What the two sources of the trust kernels share (_kernel.c: the module and the power iteration of
 * global trust; _push.c: the push of personal trust): includes, prefetching, and taking buffers. */
#ifndef REFERRAL_ENGINE_TRUST_KERNEL_H
#define REFERRAL_ENGINE_TRUST_KERNEL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch((address), 0, 3)
#else
#define PREFETCH(address) ((void)0)
#endif

/* --- buffers ---------------------------------------------------------------------------- */

/* A contiguous 1-d buffer of `itemsize`-byte items of `kind` ('i': signed integer, 'f': float),
 * native byte order, aligned. On failure a Python exception is set and nothing is held. */
static inline int
take(PyObject *obj, Py_buffer *view, int writable, char kind, Py_ssize_t itemsize, const char *name)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        PyErr_Format(PyExc_TypeError, "%s: a contiguous%s buffer is required", name, writable ? " writable" : "");
        return -1;
    }
    const char *format = view->format ? view->format : "B";
#if PY_LITTLE_ENDIAN
    if (*format == '@' || *format == '=' || *format == '<')
#else
    if (*format == '@' || *format == '=' || *format == '>' || *format == '!')
#endif
        format++;
    int ok = view->ndim <= 1 && view->itemsize == itemsize && format[0] != '\0' && format[1] == '\0';
    if (ok && kind == 'i')
        ok = strchr("bhilqn", format[0]) != NULL;
    else if (ok)
        ok = format[0] == 'd';
    if (ok && (uintptr_t)view->buf % (uintptr_t)itemsize != 0)
        ok = 0;
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "%s: an aligned array of %zd-byte %s is required", name, itemsize,
                     kind == 'i' ? "signed integers" : "floats (float64)");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static inline int
overlap(const Py_buffer *a, const Py_buffer *b)
{
    const char *p = (const char *)a->buf, *q = (const char *)b->buf;
    return a->len > 0 && b->len > 0 && p < q + b->len && q < p + a->len;
}

/* _push.c */
PyObject *personal_push(PyObject *self, PyObject *args);
extern const char personal_push_doc[];

#endif
