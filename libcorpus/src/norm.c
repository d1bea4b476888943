/* CorpusNorm: normalization steps over UTF-8 with a table-driven fast path.
 * Exact code point sets: docs/normalization.md (from ALGORITHMS.md section 1).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <utf8proc.h>

#include <corpus/error.h>
#include <corpus/norm.h>
#include <corpus/utf8.h>

#include "norm-private.h"

struct CorpusNorm {
    CorpusNormFlags flags;
    utf8proc_option_t uoptions; /* utf8proc options, 0 when neither nfkc nor lower is chosen */
    guint8 touch[0x10000 / 8];  /* bit per BMP code point: some step may change it */
    guint8 quick[0x10000 / 8];  /* bit per BMP code point: an explicit step deletes it and it
                                 * takes part in no composition, so deleting it needs no NFKC */
};

struct CorpusNormScratch {
    utf8proc_int32_t *cps; /* code points of the run being normalized */
    size_t cap;            /* entries in cps */
    CorpusBuf pass;        /* UTF-8 of the previous pass */
    CorpusBuf next;        /* UTF-8 of the current pass */
};

static const struct {
    const char *name;
    CorpusNormFlags flags;
} step_names[] = {
    {"nfkc", CORPUS_NORM_NFKC},       {"diacritics", CORPUS_NORM_DIACRITICS},
    {"tatweel", CORPUS_NORM_TATWEEL}, {"alef", CORPUS_NORM_ALEF},
    {"yeh", CORPUS_NORM_YEH},         {"teh", CORPUS_NORM_TEH},
    {"hamza", CORPUS_NORM_HAMZA},     {"digits", CORPUS_NORM_DIGITS},
    {"lower", CORPUS_NORM_LOWER},     {"bidi", CORPUS_NORM_BIDI},
    {"none", CORPUS_NORM_NONE},       {"basic", CORPUS_NORM_BASIC},
    {"search", CORPUS_NORM_SEARCH},
};

gboolean corpus_norm_parse(const char *spec, CorpusNormFlags *flags, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    CorpusNormFlags f = 0;

    if (!parts[0]) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --norm value '': expected a profile or a list of steps");
        return FALSE;
    }
    for (char **p = parts; *p; p++) {
        gboolean found = FALSE;
        for (guint i = 0; i < G_N_ELEMENTS(step_names) && !found; i++) {
            if (strcmp(*p, step_names[i].name) == 0) {
                f |= step_names[i].flags;
                found = TRUE;
            }
        }
        if (!found) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "invalid --norm value '%s': unknown step or profile '%s' (profiles: "
                        "none, basic, search; steps: nfkc, diacritics, tatweel, alef, yeh, teh, "
                        "hamza, digits, lower, bidi)",
                        spec, *p);
            return FALSE;
        }
    }
    *flags = f;
    return TRUE;
}

char *corpus_norm_describe(CorpusNormFlags flags)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; i < G_N_ELEMENTS(step_names); i++) {
        CorpusNormFlags f = step_names[i].flags;
        if (f && (f & (f - 1)) == 0 && (flags & f))
            g_string_append_printf(s, "%s%s", s->len ? "," : "", step_names[i].name);
    }
    if (s->len == 0)
        g_string_append(s, "none");
    return g_string_free(s, FALSE);
}

gboolean corpus_norm_is_diacritic(gunichar c)
{
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
           (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) ||
           (c >= 0x06E7 && c <= 0x06E8) || (c >= 0x06EA && c <= 0x06ED) ||
           (c >= 0x0898 && c <= 0x089F) || (c >= 0x08CA && c <= 0x08E1) ||
           (c >= 0x08E3 && c <= 0x08FF);
}

gboolean corpus_norm_is_invisible(gunichar c)
{
    return (c >= 0x200C && c <= 0x200F) || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/* The explicit (non-utf8proc) steps for one code point: the replacement, or -1 to delete. */
static gint32 map_steps(CorpusNormFlags f, gunichar c)
{
    if (c < 0x0600) {
        if ((f & CORPUS_NORM_BIDI) && corpus_norm_is_invisible(c))
            return -1;
        return (gint32)c;
    }
    if ((f & CORPUS_NORM_DIACRITICS) && corpus_norm_is_diacritic(c))
        return -1;
    if ((f & CORPUS_NORM_BIDI) && corpus_norm_is_invisible(c))
        return -1;
    switch (c) {
    case 0x0640:
        return (f & CORPUS_NORM_TATWEEL) ? -1 : 0x0640;
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
        return (f & CORPUS_NORM_ALEF) ? 0x0627 : (gint32)c;
    case 0x0649:
        return (f & CORPUS_NORM_YEH) ? 0x064A : 0x0649;
    case 0x0629:
        return (f & CORPUS_NORM_TEH) ? 0x0647 : 0x0629;
    case 0x0624:
        return (f & CORPUS_NORM_HAMZA) ? 0x0648 : 0x0624;
    case 0x0626:
        return (f & CORPUS_NORM_HAMZA) ? 0x064A : 0x0626;
    default:
        break;
    }
    if (f & CORPUS_NORM_DIGITS) {
        if (c >= 0x0660 && c <= 0x0669)
            return (gint32)('0' + (c - 0x0660));
        if (c >= 0x06F0 && c <= 0x06F9)
            return (gint32)('0' + (c - 0x06F0));
        /* The Arabic decimal and thousands separators go with the digits: ٣٫٥ -> 3.5. */
        if (c == 0x066B)
            return '.';
        if (c == 0x066C)
            return ',';
    }
    return (gint32)c;
}

/* Whether utf8proc (NFKC and/or case folding) may change c or its neighbours: c is not its own
 * normal form, or c has a nonzero combining class (reordering, composition with its base), or c
 * can be the second half of a composition although it is a starter. */
static gboolean utf8proc_touches(utf8proc_option_t options, gunichar c)
{
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
    utf8proc_int32_t buf[32];
    int last_class = -1;

    if (!options)
        return FALSE;
    if (p->combining_class != 0)
        return TRUE;
    /* Hangul syllables and jamo compose algorithmically; other starters that can be the second
     * half of a composition all lie above U+0900 (Indic vowel signs and the like). */
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xAC00 && c <= 0xD7A3))
        return TRUE;
    if (c >= 0x0900 && p->comb_index != UINT16_MAX)
        return TRUE;
    utf8proc_ssize_t n =
        utf8proc_decompose_char((utf8proc_int32_t)c, buf, 32, options, &last_class);
    if (n < 0 || n > 32)
        return TRUE;
    n = utf8proc_normalize_utf32(buf, n, options);
    return n != 1 || buf[0] != (utf8proc_int32_t)c;
}

static gboolean touches_slow(const CorpusNorm *n, gunichar c)
{
    return map_steps(n->flags, c) != (gint32)c || utf8proc_touches(n->uoptions, c);
}

CorpusNorm *corpus_norm_new(CorpusNormFlags flags)
{
    CorpusNorm *n = g_new0(CorpusNorm, 1);

    n->flags = flags;
    /* The diacritics step works on NFC text: composing first keeps a decomposed hamza or madda
     * (U+0653-0655 after its letter) on its letter instead of deleting it as a mark. */
    if (flags & (CORPUS_NORM_NFKC | CORPUS_NORM_LOWER | CORPUS_NORM_DIACRITICS))
        n->uoptions = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & CORPUS_NORM_NFKC)
        n->uoptions |= UTF8PROC_COMPAT;
    if (flags & CORPUS_NORM_LOWER)
        n->uoptions |= UTF8PROC_CASEFOLD;
    for (gunichar c = 0; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        if (touches_slow(n, c))
            n->touch[c >> 3] |= (guint8)(1u << (c & 7));
        if (map_steps(flags, c) < 0 && c != 0x200D &&
            utf8proc_get_property((utf8proc_int32_t)c)->comb_index == UINT16_MAX)
            n->quick[c >> 3] |= (guint8)(1u << (c & 7));
    }
    return n;
}

void corpus_norm_free(CorpusNorm *n)
{
    g_free(n);
}

CorpusNormFlags corpus_norm_flags(const CorpusNorm *n)
{
    return n->flags;
}

gboolean corpus_norm_touches(const CorpusNorm *n, gunichar c)
{
    if (c < 0x10000)
        return (n->touch[c >> 3] >> (c & 7)) & 1;
    return touches_slow(n, c);
}

CorpusNormScratch *corpus_norm_scratch_new(void)
{
    return g_new0(CorpusNormScratch, 1);
}

void corpus_norm_scratch_free(CorpusNormScratch *s)
{
    if (!s)
        return;
    g_free(s->cps);
    corpus_buf_clear(&s->pass);
    corpus_buf_clear(&s->next);
    g_free(s);
}

gboolean corpus_norm_is_space(gunichar c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0 || (c >= 0x1C && c <= 0x1F) ||
           c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static void reserve_cps(CorpusNormScratch *s, size_t n)
{
    if (s->cap < n) {
        s->cap = MAX(n, 2 * s->cap);
        s->cps = g_renew(utf8proc_int32_t, s->cps, s->cap);
    }
}

static gboolean is_pictographic(utf8proc_int32_t c)
{
    int b = utf8proc_get_property(c)->boundclass;
    return b == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || b == UTF8PROC_BOUNDCLASS_E_ZWG;
}

/* A ZWJ that joins two pictographs (an emoji sequence such as a family or a profession, where
 * the first may carry a variation selector or a skin tone) is part of the emoji, not a stray
 * joiner: the bidi step keeps it. */
static gboolean joins_emoji(const utf8proc_int32_t *cps, utf8proc_ssize_t n, utf8proc_ssize_t k)
{
    utf8proc_ssize_t j = k - 1;

    if (k + 1 >= n || !is_pictographic(cps[k + 1]))
        return FALSE;
    while (j >= 0 && (cps[j] == 0xFE0F || (cps[j] >= 0x1F3FB && cps[j] <= 0x1F3FF)))
        j--;
    return j >= 0 && is_pictographic(cps[j]);
}

/* One pass over s[0..len): utf8proc, then the explicit steps; result appended to out. */
static void normalize_pass(const CorpusNorm *n, CorpusNormScratch *s, const char *str, size_t len,
                           CorpusBuf *out)
{
    utf8proc_ssize_t count;

    if (n->uoptions) {
        reserve_cps(s, len + 8);
        count = utf8proc_decompose((const utf8proc_uint8_t *)str, (utf8proc_ssize_t)len, s->cps,
                                   (utf8proc_ssize_t)s->cap, n->uoptions);
        if (count > (utf8proc_ssize_t)s->cap) {
            reserve_cps(s, (size_t)count);
            count = utf8proc_decompose((const utf8proc_uint8_t *)str, (utf8proc_ssize_t)len, s->cps,
                                       (utf8proc_ssize_t)s->cap, n->uoptions);
        }
        /* The input is valid UTF-8, so utf8proc cannot fail here. */
        g_assert(count >= 0);
        count = utf8proc_normalize_utf32(s->cps, count, n->uoptions);
        g_assert(count >= 0);
    } else {
        reserve_cps(s, len);
        count = 0;
        for (size_t i = 0; i < len;) {
            gunichar c;
            i += (size_t)corpus_utf8_decode(str + i, len - i, &c);
            s->cps[count++] = (utf8proc_int32_t)c;
        }
    }
    corpus_buf_reserve(out, (size_t)count * 4);
    for (utf8proc_ssize_t k = 0; k < count; k++) {
        gint32 m = map_steps(n->flags, (gunichar)s->cps[k]);
        if (m < 0 && s->cps[k] == 0x200D && joins_emoji(s->cps, count, k))
            m = 0x200D;
        if (m >= 0)
            out->len += (size_t)corpus_utf8_encode((gunichar)m, out->data + out->len);
    }
}

/* Normalize a run to a fixed point (TRUE when it changed): deleting a mark can unblock a
 * composition, and NFKC can produce characters that the explicit steps map, so passes repeat until
 * nothing changes. */
static gboolean normalize_run(const CorpusNorm *n, CorpusNormScratch *s, const char *str,
                              size_t len, CorpusBuf *out)
{
    s->pass.len = 0;
    normalize_pass(n, s, str, len, &s->pass);
    /* The explicit steps alone are idempotent code point maps: one pass is a fixed point. */
    if (n->uoptions && !(s->pass.len == len && (len == 0 || memcmp(s->pass.data, str, len) == 0))) {
        for (int round = 0; round < 4; round++) {
            s->next.len = 0;
            normalize_pass(n, s, s->pass.data, s->pass.len, &s->next);
            if (s->next.len == s->pass.len &&
                (s->pass.len == 0 || memcmp(s->next.data, s->pass.data, s->pass.len) == 0))
                break;
            CorpusBuf t = s->pass;
            s->pass = s->next;
            s->next = t;
        }
    }
    if (s->pass.len)
        corpus_buf_append(out, s->pass.data, s->pass.len);
    return s->pass.len != len || (len > 0 && memcmp(s->pass.data, str, len) != 0);
}

static inline gboolean quick_delete(const CorpusNorm *n, gunichar c)
{
    return c < 0x10000 && ((n->quick[c >> 3] >> (c & 7)) & 1);
}

/* ASCII characters that end a run: the white space of corpus_norm_is_space below 0x80. */
static inline gboolean ascii_space(guint8 b)
{
    return b == ' ' || (b >= 0x09 && b <= 0x0D) || b == 0 || (b >= 0x1C && b <= 0x1F);
}

typedef enum { RUN_KEEP, RUN_QUICK, RUN_SLOW } RunKind;

gboolean corpus_norm_apply(const CorpusNorm *n, CorpusNormScratch *s, const char *str, size_t len,
                           CorpusBuf *out)
{
    const guint8 *p = (const guint8 *)str;
    const gboolean ascii_touched = (n->flags & CORPUS_NORM_LOWER) != 0;
    size_t i = 0, copied = 0; /* str[copied..i) is still to be copied verbatim */
    gboolean changed = FALSE;

    while (i < len) {
        /* White space between runs: copied, except a touched space (NBSP under nfkc), which is
         * normalized on its own. */
        if (p[i] < 0x80) {
            if (ascii_space(p[i])) {
                i++;
                continue;
            }
        } else {
            gunichar c;
            int k = corpus_utf8_decode(str + i, len - i, &c);
            if (corpus_norm_is_space(c)) {
                if (corpus_norm_touches(n, c)) {
                    corpus_buf_append(out, str + copied, i - copied);
                    changed |= normalize_run(n, s, str + i, (size_t)k, out);
                    copied = i + (size_t)k;
                }
                i += (size_t)k;
                continue;
            }
        }

        /* A run of non-space characters: find its end and what it needs. */
        size_t start = i;
        RunKind kind = RUN_KEEP;
        while (i < len) {
            if (p[i] < 0x80) {
                if (ascii_space(p[i]))
                    break;
                if (ascii_touched && p[i] >= 'A' && p[i] <= 'Z')
                    kind = RUN_SLOW;
                i++;
                continue;
            }
            gunichar c;
            int k = corpus_utf8_decode(str + i, len - i, &c);
            if (corpus_norm_is_space(c))
                break;
            if (corpus_norm_touches(n, c))
                kind = quick_delete(n, c) ? MAX(kind, RUN_QUICK) : RUN_SLOW;
            i += (size_t)k;
        }
        if (kind == RUN_KEEP)
            continue;
        corpus_buf_append(out, str + copied, start - copied);
        if (kind == RUN_SLOW) {
            changed |= normalize_run(n, s, str + start, i - start, out);
        } else {
            /* Only characters that are simply deleted: copy what lies between them. */
            size_t from = start;
            for (size_t j = start; j < i;) {
                gunichar c;
                int k = corpus_utf8_decode(str + j, i - j, &c);
                if (c >= 0x80 && quick_delete(n, c)) {
                    corpus_buf_append(out, str + from, j - from);
                    from = j + (size_t)k;
                }
                j += (size_t)k;
            }
            corpus_buf_append(out, str + from, i - from);
            changed = TRUE;
        }
        copied = i;
    }
    corpus_buf_append(out, str + copied, len - copied);
    return changed;
}
