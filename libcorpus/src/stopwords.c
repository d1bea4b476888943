/* CorpusStopwords: the built-in Arabic list and stop word files.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/error.h>
#include <corpus/reader.h>
#include <corpus/stopwords.h>
#include <corpus/utf8.h>

#include "norm-private.h"

/* A word as bytes: the keys of the set, and the probe of a lookup (on the stack). */
typedef struct {
    const char *p;
    size_t len;
} Key;

struct CorpusStopwords {
    GHashTable *words; /* Key * (owning its bytes) -> itself */
};

static guint key_hash(gconstpointer k)
{
    const Key *key = k;
    guint h = 5381;
    for (size_t i = 0; i < key->len; i++)
        h = h * 33 + (guint8)key->p[i];
    return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const Key *x = a, *y = b;
    return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

/* Function words of Modern Standard Arabic, compiled for this project (docs/stopwords.md):
 * prepositions, conjunctions, particles, pronouns, demonstratives, relatives, interrogatives,
 * auxiliary verbs, and the most frequent of them with a proclitic و ف ب ل. */
static const char *const arabic[] = {
    /* prepositions */
    "في", "من", "إلى", "الى", "على", "علي", "عن", "مع", "حتى", "منذ", "مذ", "لدى", "عند", "بين",
    "خلال", "حول", "دون", "ضد", "نحو", "عبر", "وفق", "تحت", "فوق", "أمام", "وراء", "خلف", "قبل",
    "بعد", "أثناء", "سوى", "غير", "إلا", "لكل", "كل",
    /* with a pronoun */
    "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "عليه", "عليها", "عليهم", "إليه", "إليها",
    "إليهم", "له", "لها", "لهم", "لنا", "لي", "لك", "به", "بها", "بهم", "عنه", "عنها", "عنهم",
    "معه", "معها", "معهم", "بينهم", "لديه", "عندما",
    /* conjunctions and particles */
    "و", "ف", "ثم", "أو", "أم", "بل", "لكن", "لكنّ", "حيث", "إذ", "إذا", "إن", "أن", "إنّ", "أنّ",
    "كي", "لكي", "لأن", "لأنّ", "كما", "بينما", "لما", "حين", "حينما", "كلما", "لا", "لم", "لن",
    "ما", "قد", "لقد", "سوف", "هل", "نعم", "كلا", "لو", "لولا", "يا", "إنما", "أما", "إما", "أي",
    "أيضا", "فقط", "جدا", "ليس", "ليست", "مثل", "أكثر", "أقل", "ذات", "ذو", "ذي", "عدة", "بعض",
    "جميع", "أحد", "إحدى", "الآن", "كذلك", "هكذا", "لذلك", "أنه", "أنها", "إنه", "إنها", "أنهم",
    /* pronouns */
    "أنا", "نحن", "أنت", "أنتم", "أنتن", "أنتما", "هو", "هي", "هم", "هن", "هما",
    /* demonstratives */
    "هذا", "هذه", "هذان", "هاتان", "هؤلاء", "ذلك", "تلك", "أولئك", "هنا", "هناك", "هنالك", "ثمة",
    /* relatives */
    "الذي", "التي", "اللذان", "اللتان", "الذين", "اللذين", "اللاتي", "اللواتي", "اللائي",
    /* interrogatives */
    "ماذا", "متى", "أين", "كيف", "لماذا", "كم",
    /* auxiliary verbs */
    "كان", "كانت", "كانوا", "يكون", "تكون", "يكن", "أصبح", "أصبحت", "صار", "مازال", "لايزال",
    "يزال", "تزال", "ظل",
    /* frequent forms with a proclitic */
    "وفي", "ومن", "وإلى", "وعلى", "وعن", "ومع", "وهو", "وهي", "وهم", "ولا", "ولم", "ولن", "وما",
    "وقد", "وأن", "وإن", "وكان", "وكانت", "وهذا", "وهذه", "وذلك", "والتي", "والذي", "وبين",
    "فإن", "فقد", "فلا", "فما", "بأن", "بما", "وبعد", "وقبل", "وكل", "ولكن",
    NULL,
};

const char *const *corpus_stopwords_arabic(void)
{
    return arabic;
}

static gboolean add_word(CorpusStopwords *sw, const CorpusNorm *norm, CorpusNormScratch *scratch,
                         const char *w, size_t len)
{
    CorpusBuf b = CORPUS_BUF_INIT;

    if (norm)
        corpus_norm_apply(norm, scratch, w, len, &b);
    else
        corpus_buf_append(&b, w, len);
    if (b.len == 0) {
        corpus_buf_clear(&b);
        return FALSE;
    }
    /* The key and its bytes in one block, freed with g_free. */
    Key *key = g_malloc(sizeof(Key) + b.len);
    memcpy(key + 1, b.data, b.len);
    key->p = (const char *)(key + 1);
    key->len = b.len;
    g_hash_table_add(sw->words, key);
    corpus_buf_clear(&b);
    return TRUE;
}

/* One line of a stop word file: TRUE when fine (a word, a comment, or blank). */
static gboolean load_line(CorpusStopwords *sw, const CorpusNorm *norm, CorpusNormScratch *scratch,
                          const char *line, size_t len, const char *path, guint lineno,
                          GError **error)
{
    size_t a = 0, b = len;

    if (corpus_utf8_valid_prefix(line, b) < b) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE, "%s:%u: invalid UTF-8", path, lineno);
        return FALSE;
    }
    while (a < b && (line[a] == ' ' || line[a] == '\t'))
        a++;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
        b--;
    if (a == b || line[a] == '#')
        return TRUE;
    for (size_t i = a; i < b;) {
        gunichar c;
        int k = corpus_utf8_decode(line + i, b - i, &c);
        if (corpus_norm_is_space(c)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s:%u: expected one word per line", path, lineno);
            return FALSE;
        }
        i += (size_t)k;
    }
    if (!add_word(sw, norm, scratch, line + a, b - a)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "%s:%u: the word is empty after normalization", path, lineno);
        return FALSE;
    }
    return TRUE;
}

CorpusStopwords *corpus_stopwords_load(const char *spec, const CorpusNorm *norm, GError **error)
{
    g_autoptr(CorpusStopwords) sw = NULL;
    g_autoptr(CorpusNormScratch) scratch = corpus_norm_scratch_new();

    if (!spec || strcmp(spec, "none") == 0)
        return NULL;
    sw = g_new0(CorpusStopwords, 1);
    sw->words = g_hash_table_new_full(key_hash, key_equal, g_free, NULL);
    if (strcmp(spec, "ar") == 0) {
        for (const char *const *w = arabic; *w; w++)
            add_word(sw, norm, scratch, *w, strlen(*w));
        return g_steal_pointer(&sw);
    }

    g_autofree char *text = NULL;
    gsize size = 0;
    GError *e = NULL;
    if (!corpus_reader_check(spec, error))
        return NULL;
    if (!g_file_get_contents(spec, &text, &size, &e)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s", e->message);
        g_error_free(e);
        return NULL;
    }
    const char *p = text, *end = text + size;
    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    for (guint lineno = 1; p < end; lineno++) {
        /* A line ends at LF, CR LF or a lone CR. */
        size_t len = 0;
        while (p + len < end && p[len] != '\n' && p[len] != '\r')
            len++;
        if (!load_line(sw, norm, scratch, p, len, spec, lineno, error))
            return NULL;
        p += len;
        if (p < end && *p == '\r') {
            p++;
            if (p < end && *p == '\n')
                p++;
        } else if (p < end && *p == '\n') {
            p++;
        }
    }
    return g_steal_pointer(&sw);
}

void corpus_stopwords_free(CorpusStopwords *sw)
{
    if (!sw)
        return;
    if (sw->words)
        g_hash_table_unref(sw->words);
    g_free(sw);
}

gboolean corpus_stopwords_contains(const CorpusStopwords *sw, const char *word, size_t len)
{
    Key probe = {word, len};
    return sw && g_hash_table_contains(sw->words, &probe);
}

guint corpus_stopwords_size(const CorpusStopwords *sw)
{
    return sw ? g_hash_table_size(sw->words) : 0;
}
