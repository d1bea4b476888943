/* UTF-8 decoding, validation and the --on-invalid policies (Unicode 15 ch. 3, Table 3-7).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/error.h>
#include <corpus/utf8.h>

gboolean corpus_utf8_parse_policy(const char *name, CorpusInvalidPolicy *policy, GError **error)
{
    static const char *const names[] = {"warn", "fail", "replace", "skip"};

    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_strcmp0(name, names[i]) == 0) {
            *policy = (CorpusInvalidPolicy)i;
            return TRUE;
        }
    }
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                "invalid --on-invalid value '%s' (expected warn, fail, replace or skip)", name);
    return FALSE;
}

/* Range of the second byte allowed after lead byte b (Table 3-7); lo > hi for a bad lead. */
static void second_byte_range(guint8 b, guint8 *lo, guint8 *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (b == 0xE0)
        *lo = 0xA0;
    else if (b == 0xED)
        *hi = 0x9F;
    else if (b == 0xF0)
        *lo = 0x90;
    else if (b == 0xF4)
        *hi = 0x8F;
}

int corpus_utf8_decode(const char *s, size_t len, gunichar *cp)
{
    const guint8 *p = (const guint8 *)s;
    guint8 b = p[0], lo, hi;
    int need;
    gunichar c;

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        c = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        c = b & 0x07;
    } else {
        *cp = 0xFFFD;
        return -1;
    }
    second_byte_range(b, &lo, &hi);
    for (int i = 1; i <= need; i++) {
        if ((size_t)i >= len || p[i] < lo || p[i] > hi) {
            *cp = 0xFFFD;
            return -i;
        }
        c = (c << 6) | (p[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return need + 1;
}

int corpus_utf8_encode(gunichar cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Eight bytes at a time for text made of ASCII and two-byte sequences (all of Arabic): returns
 * how many leading bytes of s[0..len) are certainly valid, stopping early (never late) at
 * anything else, so the exact decoder takes over there. */
static size_t valid_prefix_swar(const guint8 *p, size_t len)
{
    const guint64 hi = 0x8080808080808080ull;
    size_t i = 0;

    while (i + 9 <= len) {
        guint64 w;
        memcpy(&w, p + i, 8);
        if (!(w & hi)) {
            i += 8;
            continue;
        }
        /* Per byte, in bit 7 of the byte: b7 = 1x, b6 = x1, b5 = xx1 of the top bits. */
        guint64 b7 = w & hi, b6 = (w << 1) & hi, b5 = (w << 2) & hi;
        guint64 cont = b7 & ~b6;        /* 10xxxxxx */
        guint64 lead2 = b7 & b6 & ~b5;  /* 110xxxxx */
        if (b7 & b6 & b5)
            break; /* three- or four-byte lead: exact path */
        /* C0 and C1 are overlong leads: bits 4..1 all zero. */
        guint64 t = w & 0x1E1E1E1E1E1E1E1Eull;
        guint64 zero = (t - 0x0101010101010101ull) & ~t & hi;
        if (zero & lead2)
            break;
        /* Every continuation byte follows a lead (little-endian: the next byte is 8 bits up);
         * a lead in the last byte needs the first byte of the next word. */
        guint64 expect = lead2 << 8;
        if (i > 0 && p[i - 1] >= 0xC0 && p[i - 1] < 0xE0)
            expect |= 0x80;
        if (cont != expect)
            break;
        if (lead2 >> 56) {
            if ((p[i + 8] & 0xC0) != 0x80)
                break;
        }
        i += 8;
    }
    /* Back off to a character boundary: never end right after a lead byte. */
    while (i > 0 && p[i - 1] >= 0xC0)
        i--;
    return i;
}

size_t corpus_utf8_valid_prefix(const char *s, size_t len)
{
    const guint8 *p = (const guint8 *)s;
    size_t i = 0;

    while (i < len) {
        i += valid_prefix_swar(p + i, len - i);
        if (i >= len)
            break;
        guint8 b = p[i];
        if (b < 0x80) {
            i++;
        } else if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
        } else {
            gunichar cp;
            int n = corpus_utf8_decode(s + i, len - i, &cp);
            if (n < 0)
                return i;
            i += (size_t)n;
        }
    }
    return len;
}

static void note_invalid(CorpusUtf8Report *report, const char *s, size_t len, size_t at, int bad)
{
    if (report->count++ > 0)
        return;
    report->first = at;
    report->n_bytes = 0;
    for (int k = 0; k < bad; k++)
        report->bytes[report->n_bytes++] = (guint8)s[at + (size_t)k];
    if (at + (size_t)bad < len) {
        /* A sequence begun by a valid lead byte broke at the next byte: show that byte too. */
        guint8 lead = (guint8)s[at];
        if (lead >= 0xC2 && lead <= 0xF4 && report->n_bytes < 4)
            report->bytes[report->n_bytes++] = (guint8)s[at + (size_t)bad];
        report->at_end = FALSE;
    } else {
        report->at_end = bad > 1 || ((guint8)s[at] >= 0xC2 && (guint8)s[at] <= 0xF4);
    }
}

gboolean corpus_utf8_sanitize(const char *s, size_t len, CorpusInvalidPolicy policy,
                              CorpusBuf *out, GArray *anchors, CorpusUtf8Report *report)
{
    size_t i = 0;

    while (i < len) {
        size_t ok = corpus_utf8_valid_prefix(s + i, len - i);
        corpus_buf_append(out, s + i, ok);
        i += ok;
        if (i >= len)
            break;
        gunichar cp;
        int bad = -corpus_utf8_decode(s + i, len - i, &cp);
        note_invalid(report, s, len, i, bad);
        if (policy == CORPUS_INVALID_FAIL)
            return FALSE;
        CorpusOffsetAnchor at = {out->len, i};
        g_array_append_val(anchors, at);
        if (policy != CORPUS_INVALID_SKIP)
            corpus_buf_append(out, "\xEF\xBF\xBD", 3);
        i += (size_t)bad;
        CorpusOffsetAnchor after = {out->len, i};
        g_array_append_val(anchors, after);
    }
    return TRUE;
}

/* Number of anchors with a.clean < clean (inclusive: a.clean <= clean); anchors are sorted by
 * clean. */
static size_t anchors_before(const CorpusOffsetAnchor *a, size_t n, size_t clean,
                             gboolean inclusive)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].clean < clean || (inclusive && a[mid].clean == clean))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t corpus_utf8_map_offset(const GArray *anchors, size_t clean)
{
    if (!anchors || anchors->len == 0)
        return clean;
    const CorpusOffsetAnchor *a = (const CorpusOffsetAnchor *)(const void *)anchors->data;
    size_t k = anchors_before(a, anchors->len, clean, TRUE); /* the last with a.clean <= clean */
    return k == 0 ? clean : a[k - 1].orig + (clean - a[k - 1].clean);
}

size_t corpus_utf8_map_end(const GArray *anchors, size_t clean)
{
    if (!anchors || anchors->len == 0)
        return clean;
    const CorpusOffsetAnchor *a = (const CorpusOffsetAnchor *)(const void *)anchors->data;
    size_t k = anchors_before(a, anchors->len, clean, FALSE); /* the first with a.clean >= clean */
    if (k < anchors->len && a[k].clean == clean)
        return a[k].orig;
    return k == 0 ? clean : a[k - 1].orig + (clean - a[k - 1].clean);
}

void corpus_utf8_describe_bytes(const CorpusUtf8Report *report, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (guint i = 0; i < report->n_bytes && used + 6 < size; i++)
        used += (size_t)g_snprintf(buf + used, size - used, "%s0x%02X", i ? " " : "",
                                   report->bytes[i]);
}
