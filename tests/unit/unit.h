/* Shared helpers of the CUnit suites: one registry with one suite per executable, and
 * assertions that print what they got and what they expected.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_UNIT_H
#define CORPUS_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <glib.h>

#include <corpus/error.h>

typedef struct {
    const char *name;
    CU_TestFunc func;
} UnitTest;

/* Printable form of bytes for failure messages: C escapes for ASCII controls, quotes and
 * backslashes; \u{XXXX} for invisible or combining characters (marks, format characters,
 * non-ASCII spaces), so that "ا" + U+0654 and "أ" look different; \xNN for bytes that are not
 * part of valid UTF-8.  Caller frees. */
static inline char *unit_escape(const void *p, size_t len)
{
    const char *s = p;
    GString *out;

    if (!s)
        return g_strdup("(null)");
    out = g_string_new("\"");
    for (size_t i = 0; i < len;) {
        guint8 c = (guint8)s[i];
        if (c < 0x80) {
            if (c == '\n')
                g_string_append(out, "\\n");
            else if (c == '\t')
                g_string_append(out, "\\t");
            else if (c == '"' || c == '\\')
                g_string_append_printf(out, "\\%c", c);
            else if (c < 0x20 || c == 0x7F)
                g_string_append_printf(out, "\\x%02X", c);
            else
                g_string_append_c(out, (char)c);
            i++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(s + i, (gssize)(len - i));
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02X", c);
            i++;
            continue;
        }
        switch (g_unichar_type(u)) {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_FORMAT:
        case G_UNICODE_CONTROL:
        case G_UNICODE_SPACE_SEPARATOR:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
        case G_UNICODE_UNASSIGNED:
        case G_UNICODE_PRIVATE_USE:
            g_string_append_printf(out, "\\u{%04X}", u);
            break;
        default:
            g_string_append_len(out, s + i, g_utf8_next_char(s + i) - (s + i));
            break;
        }
        i = (size_t)(g_utf8_next_char(s + i) - s);
    }
    g_string_append_c(out, '"');
    return g_string_free(out, FALSE);
}

static inline void unit_report(gboolean ok, char *msg, unsigned line, const char *file,
                               const char *func)
{
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, msg, file, func, CU_FALSE);
    if (!ok)
        fprintf(stderr, "%s:%u: %s: %s\n", file, line, func, msg);
    g_free(msg);
}

static inline void unit_assert_mem(const void *got, size_t got_len, const void *want,
                                   size_t want_len, const char *what, unsigned line,
                                   const char *file, const char *func)
{
    gboolean ok = got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0);
    char *msg;

    if (ok) {
        msg = g_strdup(what);
    } else {
        g_autofree char *g = unit_escape(got, got_len);
        g_autofree char *w = unit_escape(want, want_len);
        msg = g_strdup_printf("%s: got %s (%zu bytes), expected %s (%zu bytes)", what, g, got_len,
                              w, want_len);
    }
    unit_report(ok, msg, line, file, func);
}

static inline void unit_assert_i64(gint64 got, gint64 want, const char *what, unsigned line,
                                   const char *file, const char *func)
{
    gboolean ok = got == want;
    unit_report(ok,
                ok ? g_strdup(what)
                   : g_strdup_printf("%s: got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                                     what, got, want),
                line, file, func);
}

static inline void unit_assert_error(const GError *error, gint code, const char *what,
                                     unsigned line, const char *file, const char *func)
{
    gboolean ok = error && error->domain == CORPUS_ERROR && error->code == code;
    unit_report(ok,
                ok ? g_strdup(what)
                   : g_strdup_printf("%s: got %s (code %d: %s), expected CORPUS_ERROR code %d",
                                     what, error ? g_quark_to_string(error->domain) : "no error",
                                     error ? error->code : -1, error ? error->message : "", code),
                line, file, func);
}

/* Bytes: got[0..got_len) equals want[0..want_len). */
#define UNIT_ASSERT_MEM(got, got_len, want, want_len)                                              \
    unit_assert_mem((got), (got_len), (want), (want_len), #got " == " #want, __LINE__, __FILE__,   \
                    __func__)
/* NUL-terminated strings (NULL compares as an empty string that is shown as such). */
#define UNIT_ASSERT_STR(got, want)                                                                 \
    unit_assert_mem((got) ? (const char *)(got) : "", (got) ? strlen(got) : 0, (want),             \
                    strlen(want), #got " == " #want, __LINE__, __FILE__, __func__)
/* Integers (compared as 64-bit signed values). */
#define UNIT_ASSERT_INT(got, want)                                                                 \
    unit_assert_i64((gint64)(got), (gint64)(want), #got " == " #want, __LINE__, __FILE__, __func__)
/* A GError of CORPUS_ERROR with the given code. */
#define UNIT_ASSERT_ERROR(error, code)                                                             \
    unit_assert_error((error), (code), #error " is " #code, __LINE__, __FILE__, __func__)

/* Register the tests as one suite, run them and return the process exit status: 0 when every
 * assertion held and the framework reported no error. */
static inline int unit_run(const char *suite_name, const UnitTest *tests, size_t n)
{
    CU_pSuite suite;
    unsigned failures;
    CU_ErrorCode rc;

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "%s: %s\n", suite_name, CU_get_error_msg());
        return 2;
    }
    suite = CU_add_suite(suite_name, NULL, NULL);
    if (!suite) {
        fprintf(stderr, "%s: %s\n", suite_name, CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        if (!CU_add_test(suite, tests[i].name, tests[i].func)) {
            fprintf(stderr, "%s: %s\n", suite_name, CU_get_error_msg());
            CU_cleanup_registry();
            return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    rc = CU_basic_run_tests();
    failures = CU_get_number_of_failures();
    if (rc == CUE_SUCCESS)
        rc = CU_get_error();
    CU_cleanup_registry();
    return (rc != CUE_SUCCESS || failures > 0) ? 1 : 0;
}

/* got is within tol of want (printing both when not). */
#define ASSERT_NEAR(got, want, tol)                                                                \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (tol)))                                                             \
            fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g\n", __FILE__, __LINE__, #got, g_,  \
                    w_);                                                                           \
        CU_ASSERT(fabs(g_ - w_) <= (tol));                                                         \
    } while (0)

/* got is within rel * |want| of want. */
#define ASSERT_REL(got, want, rel)                                                                 \
    do {                                                                                           \
        double w2_ = (want);                                                                       \
        ASSERT_NEAR(got, w2_, (rel)*fabs(w2_));                                                    \
    } while (0)

/* An entry of a test table: {"test_name", test_name}. */
/* clang-format off */
#define UNIT_TEST(f) {#f, f}
/* clang-format on */

#endif
