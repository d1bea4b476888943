/* The shortest decimal digits of a double that read back (see dtoa-private.h), by Raffaello
 * Giulietti's Schubfach method ("The Schubfach way to render doubles", 2020): the bounds of the
 * interval of reals that round to v are scaled by a power of ten with one 128-bit product each,
 * and the shortest decimal in the interval is found among four candidates, with no loop over
 * digits and no big numbers.  The powers of ten are computed exactly once, at first use.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "dtoa-private.h"

typedef unsigned __int128 u128;

#define FRACTION_BITS 52
#define FRACTION_MASK ((G_GUINT64_CONSTANT(1) << FRACTION_BITS) - 1)
#define EXPONENT_BIAS 1075 /* v = c 2^(E - 1075) for a biased exponent E >= 1 */
#define Q_MIN (-1074)      /* the binary exponent of the subnormals and of E = 1 */

/* The decimal exponents k that the algorithm uses: floor(log10(2^q)) for q from -1074 to 971
 * (the exponents of doubles), and floor(log10(3/4 2^q)) for powers of two; the table holds
 * 10^-k for each. */
#define K_MIN (-324)
#define K_MAX 292

/* 10^-k = beta 2^r with 2^125 <= beta < 2^126, kept as g = floor(beta) + 1: an overestimate by
 * at most 1 in 2^125, which the Schubfach paper proves precise enough for every double. */
typedef struct {
    guint64 hi; /* g >> 64, below 2^62 */
    guint64 lo; /* g mod 2^64 */
    int log2;   /* floor(log2(10^-k)) = r + 125 */
} Pow10;

static Pow10 pow10_table[K_MAX - K_MIN + 1];

/* Exact non-negative integers for building the table: 10^324 has 1077 bits, and 2^SHIFT_BITS
 * (below) needs 1121. */
#define BIG_LIMBS 36
#define SHIFT_BITS 1120

typedef struct {
    guint32 limb[BIG_LIMBS]; /* little-endian */
    int n;                   /* limbs in use; limb[n - 1] != 0 */
} Big;

static void big_mul10(Big *x)
{
    guint64 carry = 0;

    for (int i = 0; i < x->n; i++) {
        guint64 t = (guint64)x->limb[i] * 10 + carry;
        x->limb[i] = (guint32)t;
        carry = t >> 32;
    }
    if (carry) {
        g_assert(x->n < BIG_LIMBS);
        x->limb[x->n++] = (guint32)carry;
    }
}

/* x = floor(x / 10) */
static void big_div10(Big *x)
{
    guint64 rem = 0;

    for (int i = x->n - 1; i >= 0; i--) {
        guint64 t = rem << 32 | x->limb[i];
        x->limb[i] = (guint32)(t / 10);
        rem = t % 10;
    }
    while (x->n > 0 && x->limb[x->n - 1] == 0)
        x->n--;
}

/* floor(x 2^(126 - b)) for x of b bits, that is its leading 126 bits (zeros appended to a
 * shorter x); b goes to *bits. */
static u128 big_top126(const Big *x, int *bits)
{
    int b = 32 * (x->n - 1) + (32 - __builtin_clz(x->limb[x->n - 1]));
    u128 r = 0;

    for (int i = b - 1; i >= b - 126; i--)
        r = r << 1 | (i >= 0 ? x->limb[i / 32] >> (i % 32) & 1 : 0);
    *bits = b;
    return r;
}

static void set_entry(int k, u128 beta_floor, int log2)
{
    u128 g = beta_floor + 1;

    pow10_table[k - K_MIN] = (Pow10){(guint64)(g >> 64), (guint64)g, log2};
}

/* 10^-k for k <= 0 from the exact powers 10^e, e = -k, of b bits: floor(log2(10^-k)) = b - 1
 * and beta = 10^e 2^(126 - b).  For k > 0 from y = floor(2^SHIFT_BITS / 10^k), by dividing by
 * ten k times (a floor of a floor is the floor of the whole quotient): with b the bits of y,
 * floor(log2(10^-k)) = b - 1 - SHIFT_BITS, beta = 2^SHIFT_BITS 10^-k 2^(126 - b), and its floor
 * is the floor of y 2^(126 - b), the leading 126 bits of y (b >= 126). */
static void build_table(void)
{
    Big x = {{1}, 1};
    int bits;

    for (int e = 0; e <= -K_MIN; e++) {
        u128 beta = big_top126(&x, &bits);
        set_entry(-e, beta, bits - 1);
        big_mul10(&x);
    }
    memset(&x, 0, sizeof x);
    x.limb[SHIFT_BITS / 32] = 1u << (SHIFT_BITS % 32);
    x.n = SHIFT_BITS / 32 + 1;
    for (int k = 1; k <= K_MAX; k++) {
        big_div10(&x);
        u128 beta = big_top126(&x, &bits);
        g_assert(bits >= 126);
        set_entry(k, beta, bits - 1 - SHIFT_BITS);
    }
}

static const Pow10 *pow10_get(int k)
{
    static gsize built;

    if (g_once_init_enter(&built)) {
        build_table();
        g_once_init_leave(&built, 1);
    }
    return &pow10_table[k - K_MIN];
}

/* floor(log10(2^q)) and floor(log10(3/4 2^q)) for |q| <= 1100, with log10(2) ~ 315653 / 2^20 and
 * log10(4/3) ~ 131008 / 2^20, both compared with the exact values for every q in that range.
 * The offset of 1024 keeps the shifted number positive, so the shift is a floor. */
static int floor_log10_pow2(int q)
{
    return ((q * 315653 + (1024 << 20)) >> 20) - 1024;
}

static int floor_log10_three_quarters_pow2(int q)
{
    return ((q * 315653 - 131008 + (1024 << 20)) >> 20) - 1024;
}

/* Round to odd of g x 2^-127 (the paper's "rop"): the integer part, with its lowest bit set when
 * the fraction is not zero.  The fraction is judged by bits 64-126 of the product g x only:
 * when x beta 2^-127 is an integer, the overestimate of g adds less than x < 2^64 to the product,
 * below those bits, so exact values stay exact.  The result is right for every comparison with
 * an even integer, which is all that the caller does with it. */
static guint64 round_to_odd(const Pow10 *p, guint64 x)
{
    u128 low = (u128)p->lo * x;
    u128 high = (u128)p->hi * x + (guint64)(low >> 64); /* the product >> 64 */

    return (guint64)(high >> 63) | (((guint64)high & (G_GUINT64_CONSTANT(-1) >> 1)) != 0);
}

/* "00" "01" ... "99", for writing two digits per division. */
static const char two_digits[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* The digits of x, which has exactly n of them, to p[0..n), two per division. */
static void write_small(char *p, guint32 x, int n)
{
    p += n;
    while (x >= 100) {
        p -= 2;
        memcpy(p, two_digits + 2 * (x % 100), 2);
        x /= 100;
    }
    if (x >= 10)
        memcpy(p - 2, two_digits + 2 * x, 2);
    else
        p[-1] = (char)('0' + x);
}

/* The digits of d (1 to 17 of them) to digits; returns how many.  The last eight are written
 * apart from the others, so that the two chains of divisions can run side by side; most
 * results have 16 or 17 digits. */
static int write_digits(guint64 d, char digits[17])
{
    static const guint32 pow10[10] = {1,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};
    guint32 high = d >= 100000000 ? (guint32)(d / 100000000) : (guint32)d;
    int n = 9;

    while (n > 1 && high < pow10[n - 1])
        n--;
    if (d < 100000000) {
        write_small(digits, high, n);
        return n;
    }
    guint32 low = (guint32)(d % 100000000);
    char *p = digits + n + 8;
    for (int i = 0; i < 4; i++) {
        p -= 2;
        memcpy(p, two_digits + 2 * (low % 100), 2);
        low /= 100;
    }
    write_small(digits, high, n);
    return n + 8;
}

/* The shortest decimal in R that is nearest to v, as d 10^k (d may end in zeros), from the
 * bounds and v in units of 10^k / 4 (round_to_odd), vbl and vbr already moved in by one when
 * R is open. */
static guint64 nearest_shortest(guint64 vbl, guint64 vb, guint64 vbr)
{
    guint64 s = vb >> 2; /* v lies in [s, s + 1) 10^k */

    /* The multiple of 10^(k+1) in R, if any, is the shortest: its digits without the trailing
     * zeros are fewer than those of any multiple of 10^k within 10^(k+1) of it, except for 10
     * against 1 to 9, one digit each, where the nearer wins.  Only for s < 10 (the smallest
     * subnormals) can one of 1 to 9 be nearer. */
    if (s >= 10) {
        guint64 sp10 = s / 10 * 10, tp10 = sp10 + 10;
        gboolean u_in = vbl <= sp10 << 2, w_in = tp10 << 2 <= vbr;
        if (u_in != w_in)
            return u_in ? sp10 : tp10;
    }
    /* Otherwise the shortest are the multiples of 10^k in R, all with as many digits, and the
     * nearest to v is s or s + 1, whichever is in R; if both are, the nearer (even on a tie). */
    gboolean u_in = vbl <= s << 2, w_in = (s + 1) << 2 <= vbr;
    if (u_in != w_in)
        return u_in ? s : s + 1;
    if (vb != (s << 2) + 2)
        return vb < (s << 2) + 2 ? s : s + 1;
    return s + (s & 1);
}

/* With v = c 2^q, the reals that round to v form the interval R from (c - 1/2) 2^q to
 * (c + 1/2) 2^q, closed when c is even (a tie rounds to the even c), open when it is odd; at a
 * power of two the gap below is half the gap above, so R starts at (c - 1/4) 2^q.  In units of
 * 2^q / 4 the bounds are the integers cbl and cbr around cb = 4c.  k is chosen so that R is at
 * least 10^k wide and less than 10^(k+1): R holds at least one multiple of 10^k and at most one
 * of 10^(k+1), and only these matter.  vbl, vb and vbr are the bounds and v in units of
 * 10^k / 4, rounded to odd, which compare with any even number as the exact values do: 4s
 * against vbl and vbr tells whether s 10^k lies in R, 4s + 2 against vb on which side of the
 * midpoint between s 10^k and (s + 1) 10^k v lies. */
int corpus_dtoa_shortest(double v, char digits[17], int *exponent)
{
    guint64 bits;
    memcpy(&bits, &v, sizeof bits);
    guint64 fraction = bits & FRACTION_MASK;
    int biased = (int)(bits >> FRACTION_BITS & 0x7ff);
    guint64 c = biased ? fraction | (G_GUINT64_CONSTANT(1) << FRACTION_BITS) : fraction;
    int q = biased ? biased - EXPONENT_BIAS : Q_MIN;

    g_assert(c != 0 && biased != 0x7ff);
    guint64 open = c & 1; /* the bounds of R do not round to v */
    guint64 cb = c << 2, cbr = cb + 2, cbl;
    int k;
    if (fraction != 0 || q == Q_MIN) {
        cbl = cb - 2;
        k = floor_log10_pow2(q);
    } else {
        cbl = cb - 1;
        k = floor_log10_three_quarters_pow2(q);
    }
    const Pow10 *p = pow10_get(k);
    /* 4 v 10^-k = cb 2^q g 2^(log2 - 125) = (cb << h) g 2^-127; 2^q 10^-k is below 16, so
     * h is at most 5 and cbr << h below 2^60. */
    int h = q + p->log2 + 2;
    guint64 vb = round_to_odd(p, cb << h);
    guint64 vbl = round_to_odd(p, cbl << h) + open; /* then "<=" tests the open bound too */
    guint64 vbr = round_to_odd(p, cbr << h) - open;
    guint64 d = nearest_shortest(vbl, vb, vbr);

    while (d % 10 == 0) {
        d /= 10;
        k++;
    }
    int n = write_digits(d, digits);
    *exponent = k + n - 1;
    return n;
}
