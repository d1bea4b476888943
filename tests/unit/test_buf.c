/* Unit tests of buf: the shortest round-trip form of doubles (corpus_buf_put_double), the
 * decimal form of 64-bit counts.
 * SPDX-License-Identifier: MIT */
#include <fenv.h>
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

/* Values whose shortest forms are known, from the definition (Python's repr gives the same
 * digits): decimal fractions that are not exact in binary keep their short spelling (0.1),
 * repeating fractions need 16 or 17 digits, and an exponent is written below 1e-4 and from
 * 1e16. */
static void test_known_values(void)
{
    ASSERT_DOUBLE(0.0, "0");
    ASSERT_DOUBLE(-0.0, "-0");
    ASSERT_DOUBLE(1.0, "1");
    ASSERT_DOUBLE(100.0, "100");
    ASSERT_DOUBLE(0.1, "0.1");
    ASSERT_DOUBLE(-2.5, "-2.5");
    ASSERT_DOUBLE(4.35, "4.35");
    ASSERT_DOUBLE(0.1 + 0.2, "0.30000000000000004");
    ASSERT_DOUBLE(1.0 / 3.0, "0.3333333333333333");
    ASSERT_DOUBLE(2.0 / 3.0, "0.6666666666666666");
    ASSERT_DOUBLE(0.0123456789 / 3.0, "0.0041152263");
    ASSERT_DOUBLE(log(2.0), "0.6931471805599453");
    ASSERT_DOUBLE(0x1.0000000000001p0, "1.0000000000000002"); /* the neighbours of 1 */
    ASSERT_DOUBLE(0x1.fffffffffffffp-1, "0.9999999999999999");
    ASSERT_DOUBLE(123456.0, "123456");
    ASSERT_DOUBLE(123456.7, "123456.7");
    ASSERT_DOUBLE(1e15, "1000000000000000");
    ASSERT_DOUBLE(9007199254740992.0, "9007199254740992"); /* 2^53 */
    ASSERT_DOUBLE(9007199254740993.0, "9007199254740992"); /* 2^53 + 1 is not a double */
    ASSERT_DOUBLE(9007199254740995.0, "9007199254740996"); /* a tie, to the even double */
    ASSERT_DOUBLE(9999999999999998.0, "9999999999999998"); /* the double below 1e16 */
    ASSERT_DOUBLE(1e16, "1e+16");
    ASSERT_DOUBLE(18014398509481984.0, "1.8014398509481984e+16"); /* 2^54 */
    ASSERT_DOUBLE(123456789012345680.0, "1.2345678901234568e+17");
    ASSERT_DOUBLE(9223372036854775808.0, "9.223372036854776e+18"); /* 2^63 */
    ASSERT_DOUBLE(1e21, "1e+21");
    ASSERT_DOUBLE(1e22, "1e+22");
    ASSERT_DOUBLE(1e23, "1e+23"); /* not exact: the double is 99999999999999991611392 */
    ASSERT_DOUBLE(1e100, "1e+100");
    ASSERT_DOUBLE(1.5e300, "1.5e+300");
    ASSERT_DOUBLE(0x1p1023, "8.98846567431158e+307");
    ASSERT_DOUBLE(1.7976931348623157e308, "1.7976931348623157e+308"); /* the largest double */
    ASSERT_DOUBLE(-1.7976931348623157e308, "-1.7976931348623157e+308");
    ASSERT_DOUBLE(0.0001, "0.0001");
    ASSERT_DOUBLE(0x1.a36e2eb1c432cp-14, "9.999999999999999e-05"); /* the double below 1e-4 */
    ASSERT_DOUBLE(0.00012, "0.00012");
    ASSERT_DOUBLE(0x1p-13, "0.0001220703125");
    ASSERT_DOUBLE(0x1p-14, "6.103515625e-05");
    ASSERT_DOUBLE(1e-5, "1e-05");
    ASSERT_DOUBLE(1e-7, "1e-07");
    ASSERT_DOUBLE(1e-300, "1e-300");
    /* Ties between the two nearest decimals of the shortest length: the even one.  Both doubles
     * lie exactly halfway, at ...24.25 and 1000000000000000.25, with an ulp of 1/8. */
    ASSERT_DOUBLE(1125899906842624.25, "1125899906842624.2");
    ASSERT_DOUBLE(1125899906842624.75, "1125899906842624.8");
    ASSERT_DOUBLE(1e15 + 0.3, "1000000000000000.2");
    /* Around the subnormals: 2^-1074 k, the largest subnormal, the smallest normal. */
    ASSERT_DOUBLE(5e-324, "5e-324");
    ASSERT_DOUBLE(0x1p-1074 * 2, "1e-323");
    ASSERT_DOUBLE(0x1p-1074 * 3, "1.5e-323");
    ASSERT_DOUBLE(-0x1p-1074 * 3, "-1.5e-323");
    ASSERT_DOUBLE(0x1p-1074 * 4, "2e-323");
    ASSERT_DOUBLE(0x1p-1074 * 5, "2.5e-323");
    ASSERT_DOUBLE(0x1p-1074 * 7, "3.5e-323");
    ASSERT_DOUBLE(0x1p-1074 * 10, "5e-323");
    ASSERT_DOUBLE(0x1p-1074 * 100, "4.94e-322");
    ASSERT_DOUBLE(0x1p-1023, "1.1125369292536007e-308");
    ASSERT_DOUBLE(0x1p-1022 - 0x1p-1074, "2.225073858507201e-308");
    ASSERT_DOUBLE(0x1p-1022, "2.2250738585072014e-308");
    /* Powers of two, where the gap to the double below is half the gap above: the shortest
     * decimal that reads back need not be the rounding of 2^n to as many digits.  2^-24 is
     * exactly 5.9604644775390625e-08; its 16-digit rounding (half to even) ...062e-08 reads
     * as the double below, but ...063e-08 reads back. */
    ASSERT_DOUBLE(0x1p-24, "5.960464477539063e-08");
    ASSERT_DOUBLE(0x1p-44, "5.684341886080802e-14");
    ASSERT_DOUBLE(0x1p89, "6.189700196426902e+26");
}

/* m 10^e as "<m>e<e>" into buf (32 bytes). */
static void spell(char *buf, guint64 m, int e)
{
    g_snprintf(buf, 32, "%" G_GUINT64_FORMAT "e%d", m, e);
}

/* Does m 10^e read back (strtod, to nearest) as v? */
static gboolean reads_back(guint64 m, int e, double v)
{
    char buf[32];
    spell(buf, m, e);
    return g_ascii_strtod(buf, NULL) == v;
}

/* The sign of m 10^e - v, exactly: strtod rounding down gives the largest double <= m 10^e,
 * rounding up the smallest double >= it. */
static int compare_decimal(guint64 m, int e, double v)
{
    char buf[32];
    spell(buf, m, e);
    fesetround(FE_DOWNWARD);
    double down = g_ascii_strtod(buf, NULL);
    fesetround(FE_UPWARD);
    double up = g_ascii_strtod(buf, NULL);
    fesetround(FE_TONEAREST);
    if (down >= v && up <= v)
        return 0;
    return up <= v ? -1 : 1;
}

/* The decimal that a form spells: its significant digits m (no zeros at either end), their
 * count and the exponent of the last one.  FALSE unless s has the form of buf.h: "-" for a
 * negative, no leading zero but the one of "0.", no trailing zero after a point, and
 * "d[.ddd]e" with a sign and two or three digits exactly when the first digit is below 1e-4 or
 * from 1e16. */
static gboolean parse_form(const char *s, guint64 *m, int *n_digits, int *last)
{
    const char *mantissa;
    int integer = 0, fraction = 0, exponent = 0, n = 0, trailing = 0;
    guint64 value = 0;

    if (*s == '-')
        s++;
    mantissa = s;
    for (; g_ascii_isdigit(*s); s++)
        integer++;
    if (*s == '.') {
        for (s++; g_ascii_isdigit(*s); s++)
            fraction++;
        if (fraction == 0 || s[-1] == '0')
            return FALSE;
    }
    gboolean has_exponent = *s == 'e';
    if (has_exponent) {
        const char *e = s + 1;
        if ((*e != '+' && *e != '-') || strspn(e + 1, "0123456789") != strlen(e + 1) ||
            strlen(e + 1) < 2 || strlen(e + 1) > 3)
            return FALSE;
        exponent = atoi(e + 1) * (*e == '-' ? -1 : 1);
    } else if (*s) {
        return FALSE;
    }
    if (integer == 0 || (integer > 1 && mantissa[0] == '0') ||
        (has_exponent && (integer > 1 || mantissa[0] == '0')))
        return FALSE;
    for (const char *d = mantissa; d < mantissa + integer + fraction + (fraction > 0); d++) {
        if (*d == '.' || (value == 0 && *d == '0'))
            continue;
        if (++n > 18)
            return FALSE; /* more than 17 digits, whatever else is wrong */
        value = value * 10 + (guint64)(*d - '0');
        trailing = *d == '0' ? trailing + 1 : 0;
    }
    if (value == 0)
        return FALSE;
    for (int i = 0; i < trailing; i++)
        value /= 10;
    *m = value;
    *n_digits = n - trailing;
    *last = exponent - fraction + trailing;
    int first = *last + *n_digits - 1;
    return has_exponent == (first < -4 || first >= 16);
}

typedef struct {
    int checked;   /* values checked */
    int bad;       /* values whose form failed a check */
    int neighbour; /* times a neighbour of the same length read back too */
} PropertyCount;

/* The definition, checked with strtod alone: the form of v > 0 reads back; no decimal with one
 * digit fewer does, for neither of the two around the form does (any other lies beyond one of
 * them, which would then lie between it and the form, where all decimals read back as v); and
 * the neighbours with as many digits that also read back are not nearer to v (on a tie the
 * last digit of the form is even). */
static void check_shortest(double v, PropertyCount *count)
{
    g_autofree char *got = fmt(v);
    g_autofree char *negated = fmt(-v);
    guint64 m;
    int n, last;
    const char *why = NULL;

    if (!parse_form(got, &m, &n, &last))
        why = "not a number of the documented form";
    else if (n > 17)
        why = "more than 17 digits";
    else if (g_ascii_strtod(got, NULL) != v)
        why = "does not read back";
    else if (n > 1 && (reads_back(m / 10, last + 1, v) || reads_back(m / 10 + 1, last + 1, v)))
        why = "one digit fewer reads back";
    else if (negated[0] != '-' || strcmp(negated + 1, got) != 0)
        why = "-v is not \"-\" and the form of v";
    if (!why && reads_back(m + 1, last, v)) {
        int side = compare_decimal(10 * m + 5, last - 1, v); /* the midpoint with m + 1 */
        if (side < 0 || (side == 0 && m % 2))
            why = "the next decimal of as many digits is nearer";
        count->neighbour++;
    }
    if (!why && m > 1 && reads_back(m - 1, last, v)) {
        int side = compare_decimal(10 * m - 5, last - 1, v);
        if (side > 0 || (side == 0 && m % 2))
            why = "the previous decimal of as many digits is nearer";
        count->neighbour++;
    }
    if (why && count->bad++ < 10)
        fprintf(stderr, "%a: %s: %s\n", v, got, why);
    count->checked++;
}

/* Check p and the k doubles on each side of it (positive and finite ones). */
static void check_neighbours(double p, int k, PropertyCount *count)
{
    double below = p, above = p;
    check_shortest(p, count);
    for (int i = 0; i < k; i++) {
        below = nextafter(below, 0);
        above = nextafter(above, INFINITY);
        if (below != 0)
            check_shortest(below, count);
        if (isfinite(above))
            check_shortest(above, count);
    }
}

/* The shortest-nearest property over a million doubles: random bit patterns (every exponent,
 * subnormals included), the doubles around each power of ten, where the decimal exponent
 * changes, and around each power of two, where the gap between doubles does. */
static void test_shortest_nearest(void)
{
    GRand *rand = g_rand_new_with_seed(20261123);
    PropertyCount count = {0, 0, 0};

    for (int i = 0; i < 700000; i++) {
        guint64 bits = (guint64)g_rand_int(rand) << 32 | g_rand_int(rand);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (isfinite(v) && v != 0)
            check_shortest(fabs(v), &count);
    }
    for (int e = -323; e <= 308; e++) {
        char buf[16];
        g_snprintf(buf, sizeof buf, "1e%d", e);
        check_neighbours(g_ascii_strtod(buf, NULL), 100, &count);
    }
    for (int e = -1074; e <= 1023; e++)
        check_neighbours(ldexp(1.0, e), 60, &count);
    UNIT_ASSERT_INT(count.bad, 0);
    CU_ASSERT(count.checked >= 1000000);
    CU_ASSERT(count.neighbour > 1000); /* the nearest check was not vacuous */
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
        UNIT_TEST(test_shortest_nearest),
        UNIT_TEST(test_locale),
        UNIT_TEST(test_u64),
    };
    return unit_run("buf", tests, G_N_ELEMENTS(tests));
}
