/* Unit tests of buf: the shortest round-trip form of doubles (corpus_buf_put_double), the
 * decimal form of 64-bit counts.
 * SPDX-License-Identifier: MIT */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>

#include "unit.h"

static char *fmt(double v)
{
    CorpusBuf b = CORPUS_BUF_INIT;
    corpus_buf_put_double(&b, v);
    char *s = g_strndup(b.data, b.len);
    corpus_buf_clear(&b);
    return s;
}

#define ASSERT_DOUBLE(v, want)                                                                     \
    do {                                                                                           \
        g_autofree char *got_ = fmt(v);                                                            \
        UNIT_ASSERT_STR(got_, want);                                                               \
    } while (0)

/* Values whose shortest forms are known: decimal fractions that are not exact in binary keep
 * their short spelling (0.1), repeating fractions need 16 or 17 digits, and an exponent is
 * written below 1e-4 and from 1e16. */
static void test_known_values(void)
{
    ASSERT_DOUBLE(0.0, "0");
    ASSERT_DOUBLE(-0.0, "-0");
    ASSERT_DOUBLE(1.0, "1");
    ASSERT_DOUBLE(100.0, "100");
    ASSERT_DOUBLE(0.1, "0.1");
    ASSERT_DOUBLE(-2.5, "-2.5");
    ASSERT_DOUBLE(0.1 + 0.2, "0.30000000000000004");
    ASSERT_DOUBLE(1.0 / 3.0, "0.3333333333333333");
    ASSERT_DOUBLE(2.0 / 3.0, "0.6666666666666666");
    ASSERT_DOUBLE(1e-5, "1e-05");
    ASSERT_DOUBLE(0.0001, "0.0001");
    ASSERT_DOUBLE(123456.0, "123456");
    ASSERT_DOUBLE(1e21, "1e+21");
    ASSERT_DOUBLE(9007199254740993.0, "9007199254740992"); /* 2^53 + 1 is not a double */
    ASSERT_DOUBLE(5e-324, "5e-324"); /* the smallest subnormal: one digit reads back */
    ASSERT_DOUBLE(1e15, "1000000000000000");
    ASSERT_DOUBLE(1e16, "1e+16");
    ASSERT_DOUBLE(123456.7, "123456.7");
    ASSERT_DOUBLE(0.00012, "0.00012");
    ASSERT_DOUBLE(1.7976931348623157e308, "1.7976931348623157e+308");
    ASSERT_DOUBLE(log(2.0), "0.6931471805599453");
}

/* The definition, by a linear search: the smallest P from 1 for which "%.{P}g" reads back;
 * then the exponent form below 1e-4 and from 1e16, and for 1e-4 <= |v| < 1e16 the plain form
 * with all integer digits. */
static char *shortest_by_search(double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE], format[8];
    int p = 1;
    for (; p <= 17; p++) {
        g_snprintf(format, sizeof format, "%%.%dg", p);
        g_ascii_formatd(buf, sizeof buf, format, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    double a = fabs(v);
    if (a != 0 && (a < 1e-4 || a >= 1e16)) {
        /* The exponent form: %e with P digits, without trailing zeros in the mantissa. */
        g_snprintf(format, sizeof format, "%%.%de", p - 1);
        g_ascii_formatd(buf, sizeof buf, format, v);
        char *e = strchr(buf, 'e'), *end = e;
        while (end > buf && end[-1] == '0' && strchr(buf, '.') && strchr(buf, '.') < end)
            end--;
        if (end > buf && end[-1] == '.')
            end--;
        memmove(end, e, strlen(e) + 1);
    } else if (a >= 1e-4 && a < 1e16) {
        char integer[32];
        g_snprintf(integer, sizeof integer, "%.0f", floor(a));
        int integer_digits = a < 1 ? 1 : (int)strlen(integer);
        if (integer_digits > p) {
            g_snprintf(format, sizeof format, "%%.%dg", integer_digits);
            g_ascii_formatd(buf, sizeof buf, format, v);
        }
    }
    return g_strdup(buf);
}

/* Random bit patterns (every exponent, subnormals included): the same form as the linear
 * search, and it reads back. */
static void test_random_round_trip(void)
{
    GRand *rand = g_rand_new_with_seed(20261123);
    int bad = 0, checked = 0;
    for (int i = 0; i < 100000; i++) {
        guint64 bits = (guint64)g_rand_int(rand) << 32 | g_rand_int(rand);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        g_autofree char *got = fmt(v);
        g_autofree char *want = shortest_by_search(v);
        if (strcmp(got, want) != 0 || g_ascii_strtod(got, NULL) != v) {
            if (bad++ < 5)
                fprintf(stderr, "%a: %s, expected %s\n", v, got, want);
        }
        checked++;
    }
    UNIT_ASSERT_INT(bad, 0);
    CU_ASSERT(checked > 99000);
    g_rand_free(rand);
}

/* The form does not depend on the locale's decimal separator. */
static void test_locale(void)
{
    const char *locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "ar_EG.UTF-8"};
    for (size_t i = 0; i < G_N_ELEMENTS(locales); i++) {
        if (!setlocale(LC_ALL, locales[i]))
            continue; /* not installed: nothing to check with it */
        ASSERT_DOUBLE(2.5, "2.5");
        ASSERT_DOUBLE(1234567.125, "1234567.125");
    }
    setlocale(LC_ALL, "C");
}

static void test_u64(void)
{
    CorpusBuf b = CORPUS_BUF_INIT;
    corpus_buf_put_u64(&b, 0);
    corpus_buf_putc(&b, ' ');
    corpus_buf_put_u64(&b, 10);
    corpus_buf_putc(&b, ' ');
    corpus_buf_put_u64(&b, G_MAXUINT64);
    UNIT_ASSERT_MEM(b.data, b.len, "0 10 18446744073709551615", 25);
    corpus_buf_clear(&b);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_known_values),
        UNIT_TEST(test_random_round_trip),
        UNIT_TEST(test_locale),
        UNIT_TEST(test_u64),
    };
    return unit_run("buf", tests, G_N_ELEMENTS(tests));
}
