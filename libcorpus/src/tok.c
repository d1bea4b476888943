/* CorpusTokenizer: token spans and classes, sentences and documents (docs/tokenization.md).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <utf8proc.h>

#include <corpus/error.h>
#include <corpus/tok.h>
#include <corpus/utf8.h>

#include "norm-private.h"

/* Character classes of the scanner. */
enum {
    C_SPACE,     /* white space and control characters */
    C_LF,        /* U+000A */
    C_CR,        /* U+000D */
    C_AR,        /* Arabic-script letter */
    C_TATWEEL,   /* U+0640 */
    C_MARK,      /* Mn, Mc, Me */
    C_FORMAT,    /* Cf: ZWNJ, ZWJ, bidi marks, U+FEFF, number signs */
    C_LETTER,    /* letter of another script (also Nl) */
    C_DIGIT,     /* Nd of any script */
    C_PUNCT,     /* P* */
    C_SYMBOL,    /* S*, No, private use, unassigned, U+FFFD */
    C_EMOJI,     /* pictographic, regional indicators */
    C_EMOJI_MOD, /* skin tone modifiers U+1F3FB-1F3FF */
};
#define C_MASK 0x0F
#define TOUCH 0x80 /* a chosen normalization step may change the character */

struct CorpusTokenizer {
    const CorpusNorm *norm;     /* NULL: no normalization */
    CorpusNormScratch *scratch; /* per-thread normalization space */
    CorpusDocsMode docs;
    guint8 table[0x10000]; /* class | TOUCH for the BMP */

    /* State of the current run. */
    CorpusTokenBatch *batch;
    const char *text;
    guint64 base;
    const GArray *anchors;
    guint32 pending_docs;  /* document starts since the last token */
    gboolean pending_sent; /* a sentence ended since the last token */
    gboolean after_ender;  /* the last token ended a sentence (more enders may follow) */
    gboolean after_initial; /* the last token was a single Latin letter ("U" of "U.S.") */
};

static const char *const class_names[CORPUS_TOK_N_CLASSES] = {
    "word", "latin", "number", "punct", "symbol", "url", "email", "mention", "hashtag", "emoji",
};

const char *corpus_tok_class_name(CorpusTokClass cls)
{
    return (guint)cls < CORPUS_TOK_N_CLASSES ? class_names[cls] : "?";
}

gboolean corpus_tok_parse_classes(const char *spec, CorpusTokClassSet *set, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    CorpusTokClassSet s = 0;

    if (!parts[0]) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --keep value '': expected all or a list of classes");
        return FALSE;
    }
    for (char **p = parts; *p; p++) {
        int found = -1;
        if (strcmp(*p, "all") == 0) {
            s |= CORPUS_TOK_ALL;
            continue;
        }
        for (int i = 0; i < CORPUS_TOK_N_CLASSES; i++)
            if (strcmp(*p, class_names[i]) == 0)
                found = i;
        if (found < 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "invalid --keep value '%s': unknown class '%s' (classes: all, word, "
                        "latin, number, punct, symbol, url, email, mention, hashtag, emoji)",
                        spec, *p);
            return FALSE;
        }
        s |= 1u << found;
    }
    *set = s;
    return TRUE;
}

gboolean corpus_tok_parse_docs(const char *name, CorpusDocsMode *mode, GError **error)
{
    static const char *const names[] = {"file", "line", "para"};

    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_strcmp0(name, names[i]) == 0) {
            *mode = (CorpusDocsMode)i;
            return TRUE;
        }
    }
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                "invalid --docs value '%s' (expected file, line or para)", name);
    return FALSE;
}

/* ---- Character classes ---------------------------------------------------------------- */

static gboolean is_arabic_script(gunichar c)
{
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0x0870 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10EC0 && c <= 0x10EFF) ||
           (c >= 0x1EE00 && c <= 0x1EEFF);
}

static gboolean is_emoji(gunichar c, const utf8proc_property_t *p)
{
    if (c >= 0x1F1E6 && c <= 0x1F1FF)
        return TRUE; /* regional indicators (flags) */
    if (p->boundclass != UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC &&
        p->boundclass != UTF8PROC_BOUNDCLASS_E_ZWG)
        return FALSE;
    /* Leave (c), (r), arrows and the like as symbols. */
    return c >= 0x1F000 || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || c == 0x3030 || c == 0x303D || c == 0x3297 ||
           c == 0x3299;
}

static guint8 char_class(gunichar c)
{
    const utf8proc_property_t *p;

    if (c == '\n')
        return C_LF;
    if (c == '\r')
        return C_CR;
    if (c == 0x0640)
        return C_TATWEEL;
    if (c >= 0x1F3FB && c <= 0x1F3FF)
        return C_EMOJI_MOD;
    if (corpus_norm_is_space(c))
        return C_SPACE;
    p = utf8proc_get_property((utf8proc_int32_t)c);
    if (is_emoji(c, p))
        return C_EMOJI;
    switch (p->category) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_SPACE;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_CF:
        return C_FORMAT;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return is_arabic_script(c) ? C_AR : C_LETTER;
    case UTF8PROC_CATEGORY_NL:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    default:
        return C_SYMBOL;
    }
}

static guint8 class_table[0x10000];

static gpointer build_class_table(gpointer unused)
{
    (void)unused;
    for (gunichar c = 0; c < 0x10000; c++)
        class_table[c] = (c >= 0xD800 && c <= 0xDFFF) ? C_SYMBOL : char_class(c);
    return NULL;
}

CorpusTokenizer *corpus_tokenizer_new(const CorpusNorm *norm, CorpusDocsMode docs)
{
    static GOnce once = G_ONCE_INIT;
    CorpusTokenizer *t = g_new0(CorpusTokenizer, 1);

    g_once(&once, build_class_table, NULL);
    t->norm = norm;
    t->scratch = corpus_norm_scratch_new();
    t->docs = docs;
    memcpy(t->table, class_table, sizeof t->table);
    if (norm) {
        for (gunichar c = 0; c < 0x10000; c++)
            if (corpus_norm_touches(norm, c))
                t->table[c] |= TOUCH;
    }
    return t;
}

void corpus_tokenizer_free(CorpusTokenizer *t)
{
    if (!t)
        return;
    corpus_norm_scratch_free(t->scratch);
    g_free(t);
}

/* ---- Scanning ------------------------------------------------------------------------- */

/* A scan over text[0..len): the class (with TOUCH) and length of the character at i. */
typedef struct {
    const CorpusTokenizer *tok;
    const guint8 *s;
    size_t len;
    gboolean touched; /* some character of the token being scanned has TOUCH */
} Scan;

static inline gunichar decode_at(const Scan *sc, size_t i, int *k)
{
    const guint8 *p = sc->s + i;
    size_t left = sc->len - i;

    if (p[0] < 0x80) {
        *k = 1;
        return p[0];
    }
    if (p[0] < 0xE0 && left >= 2) {
        *k = 2;
        return ((gunichar)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (p[0] < 0xF0 && left >= 3) {
        *k = 3;
        return ((gunichar)(p[0] & 0x0F) << 12) | ((gunichar)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    if (left >= 4) {
        *k = 4;
        return ((gunichar)(p[0] & 0x07) << 18) | ((gunichar)(p[1] & 0x3F) << 12) |
               ((gunichar)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
    *k = 1; /* not reached for valid UTF-8 */
    return 0xFFFD;
}

static inline guint8 info_of(const CorpusTokenizer *t, gunichar c)
{
    if (c < 0x10000)
        return t->table[c];
    guint8 v = char_class(c);
    if (t->norm && corpus_norm_touches(t->norm, c))
        v |= TOUCH;
    return v;
}

/* Class of the character at i (C_SPACE past the end); sets *c and *k. */
static inline int class_at(Scan *sc, size_t i, gunichar *c, int *k)
{
    if (i >= sc->len) {
        *c = 0;
        *k = 0;
        return C_SPACE;
    }
    *c = decode_at(sc, i, k);
    return info_of(sc->tok, *c) & C_MASK;
}

/* Consume the character at i into the token (records TOUCH); returns the next position. */
static inline size_t take(Scan *sc, size_t i, gunichar c, int k)
{
    if (info_of(sc->tok, c) & TOUCH)
        sc->touched = TRUE;
    return i + (size_t)k;
}

static inline gboolean is_ascii_alnum(gunichar c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static gboolean is_arabic_mark(gunichar c)
{
    return c >= 0x0600 && c <= 0x08FF;
}

/* Marks and format characters extend whatever token they follow. */
static size_t take_extenders(Scan *sc, size_t i)
{
    for (;;) {
        gunichar c;
        int k, cl = class_at(sc, i, &c, &k);
        if (cl != C_MARK && cl != C_FORMAT)
            return i;
        i = take(sc, i, c, k);
    }
}

#define WORD_CLASSES ((1u << C_AR) | (1u << C_TATWEEL) | (1u << C_MARK) | (1u << C_FORMAT))

static size_t scan_word(Scan *sc, size_t i)
{
    const guint8 *s = sc->s;
    const guint8 *table = sc->tok->table;
    guint8 seen = 0;

    for (;;) {
        /* Fast path: the two-byte characters that make up nearly all Arabic words. */
        while (i + 1 < sc->len && (s[i] & 0xE0) == 0xC0) {
            guint16 v;
            memcpy(&v, s + i, 2);
            v = GUINT16_FROM_LE(v);
            guint8 inf = table[((v & 0x1F) << 6) | ((v >> 8) & 0x3F)];
            if (!((1u << (inf & C_MASK)) & WORD_CLASSES))
                break;
            seen |= inf;
            i += 2;
        }
        gunichar c, d;
        int k, kd, cl = class_at(sc, i, &c, &k);
        if ((1u << cl) & WORD_CLASSES) {
            i = take(sc, i, c, k);
        } else if (c == '_' && class_at(sc, i + 1, &d, &kd) == C_AR) {
            i = take(sc, i, c, k);
        } else {
            break;
        }
    }
    if (seen & TOUCH)
        sc->touched = TRUE;
    return i;
}

static size_t scan_latin(Scan *sc, size_t i)
{
    for (;;) {
        gunichar c, d;
        int k, kd, cl = class_at(sc, i, &c, &k);
        if (cl == C_LETTER || cl == C_DIGIT || cl == C_MARK || cl == C_FORMAT) {
            i = take(sc, i, c, k);
        } else if ((c == '_' || c == '\'' || c == 0x2019) &&
                   class_at(sc, i + (size_t)k, &d, &kd) == C_LETTER) {
            i = take(sc, i, c, k);
        } else {
            return i;
        }
    }
}

static gboolean is_number_separator(gunichar c)
{
    return c == '.' || c == ',' || c == ':' || c == 0x066B || c == 0x066C || c == 0x060C;
}

static size_t scan_number(Scan *sc, size_t i)
{
    for (;;) {
        gunichar c, d;
        int k, kd, cl = class_at(sc, i, &c, &k);
        if (cl == C_DIGIT || cl == C_MARK || cl == C_FORMAT) {
            i = take(sc, i, c, k);
        } else if (is_number_separator(c) &&
                   class_at(sc, i + (size_t)k, &d, &kd) == C_DIGIT) {
            i = take(sc, i, c, k);
        } else {
            return i;
        }
    }
}

/* A run of one repeated character ("...", "======"), with extenders. */
static size_t scan_run(Scan *sc, size_t i, gunichar first)
{
    for (;;) {
        gunichar c;
        int k;
        i = take_extenders(sc, i);
        class_at(sc, i, &c, &k);
        if (k == 0 || c != first)
            return i;
        i = take(sc, i, c, k);
    }
}

static size_t scan_emoji(Scan *sc, size_t i, gunichar first)
{
    gboolean flag_half = first >= 0x1F1E6 && first <= 0x1F1FF;

    for (;;) {
        gunichar c, d;
        int k, kd, cl = class_at(sc, i, &c, &k);
        if (cl == C_MARK || cl == C_EMOJI_MOD) {
            i = take(sc, i, c, k);
        } else if (c == 0x200D && class_at(sc, i + (size_t)k, &d, &kd) == C_EMOJI) {
            i = take(sc, i, c, k);
            i = take(sc, i, d, kd);
        } else if (flag_half && c >= 0x1F1E6 && c <= 0x1F1FF) {
            i = take(sc, i, c, k);
            flag_half = FALSE;
        } else {
            return i;
        }
    }
}

static gboolean hashtag_char(int cl, gunichar c)
{
    return cl == C_AR || cl == C_LETTER || cl == C_DIGIT || cl == C_TATWEEL || cl == C_MARK ||
           cl == C_FORMAT || c == '_';
}

/* #name or @name starting at i (the sigil); 0 when the sigil is not followed by a name. */
static size_t scan_tag(Scan *sc, size_t i)
{
    size_t j = i + 1;
    gunichar c;
    int k, cl = class_at(sc, j, &c, &k);

    if (!hashtag_char(cl, c) || cl == C_MARK || cl == C_FORMAT)
        return 0;
    while (hashtag_char(cl, c)) {
        j = take(sc, j, c, k);
        cl = class_at(sc, j, &c, &k);
    }
    return j;
}

/* ASCII helpers for e-mail addresses and URLs. */
static size_t ascii_span(const Scan *sc, size_t i, const char *extra)
{
    while (i < sc->len && sc->s[i] < 0x80 &&
           (is_ascii_alnum(sc->s[i]) || (extra && strchr(extra, sc->s[i]))))
        i++;
    return i;
}

/* Host name labels from i: "a.b.c"; returns the end and sets *tld to the last label. */
static size_t scan_host(const Scan *sc, size_t i, size_t *tld_start, int *labels)
{
    size_t end = i;

    *labels = 0;
    for (;;) {
        size_t j = ascii_span(sc, i, "-");
        if (j == i)
            break;
        (*labels)++;
        *tld_start = i;
        end = j;
        if (j + 1 < sc->len && sc->s[j] == '.' && is_ascii_alnum(sc->s[j + 1]))
            i = j + 1;
        else
            break;
    }
    return end;
}

static gboolean alpha_label(const Scan *sc, size_t from, size_t to)
{
    if (to - from < 2)
        return FALSE;
    for (size_t i = from; i < to; i++)
        if (!g_ascii_isalpha(sc->s[i]))
            return FALSE;
    return TRUE;
}

static size_t scan_email(Scan *sc, size_t i)
{
    size_t at = ascii_span(sc, i, "._%+-"), tld = 0, end;
    int labels;

    if (at == i || at >= sc->len || sc->s[at] != '@' || !is_ascii_alnum(sc->s[i]))
        return 0;
    end = scan_host(sc, at + 1, &tld, &labels);
    if (labels < 2 || !alpha_label(sc, tld, end))
        return 0;
    return end;
}

static gboolean known_tld(const Scan *sc, size_t from, size_t to)
{
    static const char *const tlds[] = {
        "com", "net", "org", "edu", "gov", "info", "uk", "ae", "sa", "eg", "lb", "sy",
        "jo",  "iq",  "qa",  "kw",  "bh",  "om",   "ps", "ma", "dz", "tn", "ly", "sd", "ye",
    };
    for (guint k = 0; k < G_N_ELEMENTS(tlds); k++)
        if (strlen(tlds[k]) == to - from &&
            g_ascii_strncasecmp((const char *)sc->s + from, tlds[k], to - from) == 0)
            return TRUE;
    return FALSE;
}

static gboolean url_char(Scan *sc, size_t i, gunichar *c, int *k)
{
    int cl = class_at(sc, i, c, k);

    if (*k == 0)
        return FALSE;
    if (*c < 0x80)
        return *c > ' ' && *c < 0x7F && !strchr("\"<>\\^`{|}", (int)*c);
    return cl == C_AR || cl == C_LETTER || cl == C_DIGIT || cl == C_MARK;
}

static gboolean has_prefix_ci(const Scan *sc, size_t i, const char *p)
{
    size_t n = strlen(p);
    return sc->len - i >= n && g_ascii_strncasecmp((const char *)sc->s + i, p, n) == 0;
}

static size_t scan_url(Scan *sc, size_t i)
{
    size_t j = 0, tld = 0;
    int labels;

    if (has_prefix_ci(sc, i, "https://"))
        j = i + 8;
    else if (has_prefix_ci(sc, i, "http://"))
        j = i + 7;
    else if (has_prefix_ci(sc, i, "ftp://"))
        j = i + 6;
    else if (has_prefix_ci(sc, i, "www."))
        j = i + 4;
    if (j) {
        if (j >= sc->len || !is_ascii_alnum(sc->s[j]))
            return 0;
    } else {
        size_t end = scan_host(sc, i, &tld, &labels);
        if (labels < 2 || !alpha_label(sc, tld, end))
            return 0;
        gboolean path = end < sc->len && sc->s[end] == '/';
        if (!path && !known_tld(sc, tld, end))
            return 0;
        j = end;
    }
    /* The rest of the URL, then give back trailing punctuation and unbalanced brackets. */
    int parens = 0, brackets = 0;
    for (;;) {
        gunichar c;
        int k;
        if (!url_char(sc, j, &c, &k))
            break;
        parens += c == '(' ? 1 : c == ')' ? -1 : 0;
        brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
        j = take(sc, j, c, k);
    }
    while (j > i) {
        char last = (char)sc->s[j - 1];
        if (strchr(".,;:!?'", last) || (last == ')' && parens < 0) ||
            (last == ']' && brackets < 0)) {
            parens += last == ')';
            brackets += last == ']';
            j--;
        } else {
            break;
        }
    }
    return j;
}

/* Scan the token that starts at i (not a space or line end); sets *cls. */
static size_t scan_token(Scan *sc, size_t i, guint8 *cls)
{
    gunichar c;
    int k, cl = class_at(sc, i, &c, &k);
    size_t end;

    if (cl == C_FORMAT) {
        /* Invisible characters before a token belong to it; alone, they are a symbol. */
        i = take_extenders(sc, i);
        cl = class_at(sc, i, &c, &k);
        if (cl == C_SPACE || cl == C_LF || cl == C_CR) {
            *cls = CORPUS_TOK_SYMBOL;
            return i;
        }
    }
    switch (cl) {
    case C_AR:
    case C_TATWEEL:
        *cls = CORPUS_TOK_WORD;
        return scan_word(sc, i);
    case C_MARK:
        /* A mark with no base: an Arabic one starts a word, any other is a symbol. */
        if (is_arabic_mark(c)) {
            *cls = CORPUS_TOK_WORD;
            return scan_word(sc, i);
        }
        *cls = CORPUS_TOK_SYMBOL;
        return take_extenders(sc, i);
    case C_LETTER:
    case C_DIGIT:
        if (c < 0x80) {
            /* E-mail first: the local part of ahmad.info@gmail.com looks like a host name. */
            if ((end = scan_email(sc, i)) > i) {
                *cls = CORPUS_TOK_EMAIL;
                return end;
            }
            if ((end = scan_url(sc, i)) > i) {
                *cls = CORPUS_TOK_URL;
                return end;
            }
        }
        if (cl == C_DIGIT) {
            *cls = CORPUS_TOK_NUMBER;
            return scan_number(sc, i);
        }
        *cls = CORPUS_TOK_LATIN;
        return scan_latin(sc, i);
    case C_PUNCT:
        if ((c == '#' || c == '@') && (end = scan_tag(sc, i)) > i) {
            *cls = c == '#' ? CORPUS_TOK_HASHTAG : CORPUS_TOK_MENTION;
            return end;
        }
        *cls = CORPUS_TOK_PUNCT;
        return scan_run(sc, take(sc, i, c, k), c);
    case C_EMOJI:
        *cls = CORPUS_TOK_EMOJI;
        return take_extenders(sc, scan_emoji(sc, take(sc, i, c, k), c));
    default: /* C_SYMBOL, C_EMOJI_MOD */
        *cls = CORPUS_TOK_SYMBOL;
        return scan_run(sc, take(sc, i, c, k), c);
    }
}

/* ---- Sentences and tokens ------------------------------------------------------------- */

static gboolean all_in(const char *text, size_t len, gboolean (*pred)(gunichar))
{
    if (len == 0)
        return FALSE;
    for (size_t i = 0; i < len;) {
        gunichar c;
        int k = corpus_utf8_decode(text + i, len - i, &c);
        if (k < 0 || !pred(c))
            return FALSE;
        i += (size_t)k;
    }
    return TRUE;
}

static gboolean is_ender_char(gunichar c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026;
}

static gboolean is_closer_char(gunichar c)
{
    return c == ')' || c == ']' || c == '}' || c == 0x00BB || c == 0x201D || c == 0x2019 ||
           c == 0x203A;
}

gboolean corpus_tok_is_ender(const char *text, size_t len)
{
    return all_in(text, len, is_ender_char);
}

/* Append one final token.  text_off is an offset into the input (in_arena FALSE) or into the
 * batch arena; [raw_from, raw_to) is the token's span in the (cleaned) input. */
static void push_token(CorpusTokenizer *t, size_t text_off, gboolean in_arena, size_t len,
                       guint8 cls, size_t raw_from, size_t raw_to)
{
    CorpusTokenBatch *b = t->batch;
    const char *text = (in_arena ? b->arena.data : t->text) + text_off;
    guint8 flags = 0;

    if (cls == CORPUS_TOK_PUNCT) {
        /* A full stop after a single Latin letter is an abbreviation (U.S., J. Smith, e.g.),
         * not a sentence end. */
        if (all_in(text, len, is_ender_char) && !(t->after_initial && len == 1 && *text == '.'))
            flags |= CORPUS_TOKEN_ENDS;
        else if (all_in(text, len, is_closer_char))
            flags |= CORPUS_TOKEN_CLOSER;
    }
    t->after_initial = cls == CORPUS_TOK_LATIN && len == 1;
    if (t->after_ender && !(flags & (CORPUS_TOKEN_ENDS | CORPUS_TOKEN_CLOSER))) {
        t->pending_sent = TRUE;
        t->after_ender = FALSE;
    }
    if (t->pending_sent || t->pending_docs)
        flags |= CORPUS_TOKEN_SENT_START;
    if (flags & CORPUS_TOKEN_ENDS)
        t->after_ender = TRUE;

    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->tokens = g_renew(CorpusToken, b->tokens, b->cap);
    }
    CorpusToken *tk = &b->tokens[b->n++];
    size_t from = t->anchors ? corpus_utf8_map_offset(t->anchors, raw_from) : raw_from;
    size_t to = t->anchors ? corpus_utf8_map_end(t->anchors, raw_to) : raw_to;
    /* Arena offsets are stored with the top bit set and resolved when the batch is done. */
    tk->text = (const char *)(in_arena ? (text_off | ((size_t)1 << (sizeof(size_t) * 8 - 1)))
                                        : (uintptr_t)(t->text + text_off));
    tk->len = (guint32)len;
    tk->off = t->base + from;
    tk->raw_len = (guint32)(to - from);
    tk->doc_starts = t->pending_docs;
    tk->cls = cls;
    tk->flags = flags;
    t->pending_docs = 0;
    t->pending_sent = FALSE;
}

/* A token found in the input: normalize it if needed and re-split what normalization made. */
static void emit(CorpusTokenizer *t, size_t from, size_t to, guint8 cls, gboolean touched)
{
    CorpusBuf *arena = &t->batch->arena;

    if (touched && t->norm) {
        size_t a0 = arena->len;
        if (corpus_norm_apply(t->norm, t->scratch, t->text + from, to - from, arena)) {
            /* Normalized to nothing (a lone mark), the arena may still have no data at all. */
            if (arena->len == a0)
                return;
            Scan sub = {t, (const guint8 *)arena->data + a0, arena->len - a0, FALSE};
            const CorpusNorm *norm = t->norm;
            size_t i = 0;
            t->norm = NULL; /* the normalized text is a fixed point: no second pass */
            while (i < sub.len) {
                gunichar c;
                int k, cl = class_at(&sub, i, &c, &k);
                guint8 sub_cls;
                if (cl == C_SPACE || cl == C_LF || cl == C_CR) {
                    i += (size_t)k;
                    continue;
                }
                size_t end = scan_token(&sub, i, &sub_cls);
                push_token(t, a0 + i, TRUE, end - i, sub_cls, from, to);
                i = end;
            }
            t->norm = norm;
            return;
        }
        arena->len = a0;
    }
    push_token(t, from, FALSE, to - from, cls, from, to);
}

void corpus_token_batch_init(CorpusTokenBatch *b)
{
    memset(b, 0, sizeof *b);
}

void corpus_token_batch_clear(CorpusTokenBatch *b)
{
    g_free(b->tokens);
    corpus_buf_clear(&b->arena);
    corpus_buf_clear(&b->stems);
    corpus_token_batch_init(b);
}

void corpus_tokenizer_run(CorpusTokenizer *t, const char *text, size_t len, guint64 base,
                          const GArray *anchors, const CorpusTextStart *start,
                          CorpusTokenBatch *batch)
{
    Scan sc = {t, (const guint8 *)text, len, FALSE};
    gboolean line_content = start->mid_line && start->line_has_content;
    size_t i = 0;

    batch->n = 0;
    batch->arena.len = 0;
    t->batch = batch;
    t->text = text;
    t->base = base;
    t->anchors = anchors;
    t->pending_docs = 0;
    t->pending_sent = !start->mid_line;
    t->after_ender = start->mid_line && start->after_ender;
    t->after_initial = start->mid_line && start->after_initial;
    if (start->file_start && t->docs != CORPUS_DOCS_LINE)
        t->pending_docs++;
    if (t->docs == CORPUS_DOCS_LINE && !start->mid_line && len > 0)
        t->pending_docs++;

    while (i < len) {
        guint8 b = (guint8)text[i];
        if (b == '\n' || b == '\r') {
            if (b == '\r' && i + 1 < len && text[i + 1] == '\n')
                i++;
            i++;
            t->pending_sent = TRUE;
            t->after_ender = t->after_initial = FALSE;
            if (t->docs == CORPUS_DOCS_PARA && !line_content)
                t->pending_docs++;
            if (t->docs == CORPUS_DOCS_LINE && i < len)
                t->pending_docs++;
            line_content = FALSE;
            continue;
        }
        if (b == ' ' || b == '\t') {
            i++;
            continue;
        }
        gunichar c;
        int k, cl = class_at(&sc, i, &c, &k);
        if (cl == C_SPACE) {
            i += (size_t)k;
            continue;
        }
        guint8 cls = CORPUS_TOK_WORD;
        sc.touched = FALSE;
        /* Arabic words, most tokens, go straight to the word scanner. */
        size_t end = (cl == C_AR || cl == C_TATWEEL) ? scan_word(&sc, i) : scan_token(&sc, i, &cls);
        line_content = TRUE;
        emit(t, i, end, cls, sc.touched);
        i = end;
    }

    /* Resolve arena offsets now that the arena no longer moves. */
    const size_t top = (size_t)1 << (sizeof(size_t) * 8 - 1);
    for (size_t n = 0; n < batch->n; n++) {
        uintptr_t v = (uintptr_t)batch->tokens[n].text;
        if (v & top)
            batch->tokens[n].text = batch->arena.data + (v & ~top);
    }
    batch->tail_doc_starts = t->pending_docs;
    batch->tail_sent_end = t->pending_sent;
    batch->tail_after_ender = t->after_ender;
    batch->tail_after_initial = t->after_initial;
    batch->tail_line_content = line_content;
    t->batch = NULL;
}

/* ---- Cursor --------------------------------------------------------------------------- */

void corpus_tok_cursor_init(CorpusTokCursor *cur, CorpusDocsMode mode)
{
    memset(cur, 0, sizeof *cur);
    cur->mode = mode;
}

CorpusTokStep corpus_tok_cursor_advance(CorpusTokCursor *cur, const CorpusToken *t, size_t k)
{
    guint64 docs = t->doc_starts;
    gboolean sent = (t->flags & CORPUS_TOKEN_SENT_START) != 0;

    if (k == 0) {
        docs += cur->pending_docs;
        sent = sent || cur->pending_sent;
        cur->pending_docs = 0;
        cur->pending_sent = FALSE;
    }
    if (docs || cur->doc == 0) {
        cur->doc += cur->mode == CORPUS_DOCS_PARA ? 1 : MAX(docs, 1);
        cur->sent = cur->index = 1;
        return CORPUS_TOK_NEW_DOC;
    }
    if (sent) {
        cur->sent++;
        cur->index = 1;
        return CORPUS_TOK_NEW_SENTENCE;
    }
    cur->index++;
    return CORPUS_TOK_SAME_SENTENCE;
}

void corpus_tok_cursor_end_batch(CorpusTokCursor *cur, const CorpusTokenBatch *b)
{
    if (b->n > 0) {
        cur->pending_docs = b->tail_doc_starts;
        cur->pending_sent = b->tail_sent_end;
    } else {
        cur->pending_docs += b->tail_doc_starts;
        cur->pending_sent = cur->pending_sent || b->tail_sent_end;
    }
}
