/* Unit tests of stem: light10, light8 and ISRI on cases worked out by hand from the rules of
 * ALGORITHMS.md 2.1, 2.2 and 2.4 (through the public API and through the functions of
 * stem-private.h), agreement of ISRI and Snowball with the reference data of tests/data/stem
 * (argv[1] is that directory), the memo, --stem parsing, and one stemmer per thread.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/stem.h>

#include "stem-private.h"
#include "unit.h"

static const char *data_dir; /* tests/data/stem */

/* ---- Helpers --------------------------------------------------------------------------- */

/* Stem word with s and compare with want; the message names the algorithm, the input, what came
 * out and what was expected. */
static void check_stem(CorpusStemmer *s, CorpusStemAlgo algo, const char *word, const char *want,
                       unsigned line)
{
    size_t n = (size_t)-1;
    const char *got = corpus_stemmer_stem(s, word, strlen(word), &n);
    g_autofree char *in = unit_escape(word, strlen(word));
    g_autofree char *what = g_strdup_printf("%s of %s", corpus_stem_name(algo), in);

    unit_assert_mem(got, n, want, strlen(want), what, line, __FILE__, "check_stem");
}

/* The same through stem-private.h: decode, stem the code points, encode. */
static void check_private(CorpusStemAlgo algo, const char *word, const char *want, unsigned line)
{
    glong n = 0;
    gunichar *cps = g_utf8_to_ucs4_fast(word, -1, &n);
    size_t len = (size_t)n;
    g_autofree char *in = unit_escape(word, strlen(word));
    g_autofree char *what =
        g_strdup_printf("%s of %s",
                        algo == CORPUS_STEM_ISRI      ? "corpus_stem_isri"
                        : algo == CORPUS_STEM_LIGHT10 ? "corpus_stem_light (with_ll)"
                                                      : "corpus_stem_light (without ll)",
                        in);

    if (algo == CORPUS_STEM_ISRI)
        corpus_stem_isri(cps, &len);
    else
        corpus_stem_light(cps, &len, algo == CORPUS_STEM_LIGHT10);
    g_autofree char *got = g_ucs4_to_utf8(cps, (glong)len, NULL, NULL, NULL);
    unit_assert_mem(got, strlen(got), want, strlen(want), what, line, __FILE__, "check_private");
    g_free(cps);
}

/* ---- Light10 and Light8 ------------------------------------------------------------------ */

/* word, Light10 stem, Light8 stem.  Each result is derived by hand from ALGORITHMS.md 2.1:
 * normalize (أ إ آ -> ا, ة -> ه, ى -> ي; other code points of U+0600-06FF that are not letters
 * deleted; code points outside the block kept), drop و when the length is > 3, drop the first of
 * ال وال بال كال فال لل that leaves >= 2 letters, then one pass over ها ان ات ون ين يه ية ه ة ي
 * (length > 2 to start; each suffix leaves >= 2 letters).  Light8 has no لل. */
typedef struct {
    const char *word, *light10, *light8;
} LightCase;

static const LightCase light_cases[] = {
    /* The worked examples of 2.1. */
    {"الكتاب", "كتاب", "كتاب"},
    {"والمكتبة", "مكتب", "مكتب"},   /* والمكتبه, المكتبه, مكتبه, مكتب */
    {"وللمدرسة", "مدرس", "للمدرس"}, /* للمدرسه; Light8 keeps لل */
    {"وبالقلم", "قلم", "قلم"},      /* و, then بال */
    {"عمليات", "عمل", "عمل"},       /* ات, then ي */
    {"معلمين", "معلم", "معلم"},
    {"وحيد", "حيد", "حيد"}, /* over-stemming: the و of the root goes */
    {"وله", "ول", "ول"},    /* length 3: و stays; ه goes */
    {"أحمد", "احمد", "احمد"},
    {"الكاتبون", "كاتب", "كاتب"}, /* 2.3 */

    /* Waw: removed only when the length is > 3. */
    {"و", "و", "و"},
    {"وو", "وو", "وو"},
    {"ووو", "ووو", "ووو"},
    {"وووو", "ووو", "ووو"}, /* one و only */
    {"ولد", "ولد", "ولد"},
    {"وقت", "وقت", "وقت"},
    {"وهو", "وهو", "وهو"},
    {"وكتب", "كتب", "كتب"},
    {"وزير", "زير", "زير"},
    {"وردة", "رد", "رد"},     /* ورده, رده, then ه (length 3 > 2) */
    {"والد", "الد", "الد"},   /* و goes first, then الد is too short for ال */
    {"ولكن", "لكن", "لكن"},   /* لكن: 3 letters, no لل, no suffix */
    {"والقلم", "قلم", "قلم"}, /* و, then ال */
    {"والمعلمات", "معلم", "معلم"},
    {"ووالكتاب", "كتاب", "كتاب"}, /* و, then وال (the only way وال is reached) */
    {"ووالد", "والد", "والد"},    /* و, then وال would leave 1 letter */
    {"وإلى", "ال", "ال"},         /* والي, الي (3: no ال), then ي */
    {"ولي", "ول", "ول"},
    {"والي", "ال", "ال"},

    /* Articles: ال (length > 3). */
    {"ال", "ال", "ال"},
    {"الم", "الم", "الم"},
    {"الي", "ال", "ال"}, /* no article at length 3; ي goes */
    {"الف", "الف", "الف"},
    {"الفن", "فن", "فن"},
    {"القلم", "قلم", "قلم"},
    {"البيت", "بيت", "بيت"},
    {"الولد", "ولد", "ولد"},
    {"الله", "له", "له"}, /* 2 letters left: no suffix step */
    {"الى", "ال", "ال"},
    {"إلى", "ال", "ال"},
    {"الات", "ات", "ات"},
    {"الها", "ها", "ها"},
    {"اللغة", "لغ", "لغ"},  /* ال comes before لل */
    {"القرآن", "قر", "قر"}, /* القران, قران, then ان */
    {"الأولاد", "اولاد", "اولاد"},
    {"المكتبات", "مكتب", "مكتب"},
    /* بال (length > 4). */
    {"بال", "بال", "بال"},
    {"بالغ", "بالغ", "بالغ"},
    {"بالغة", "غه", "غه"}, /* بالغه, غه: too short for the suffixes */
    {"بالقلم", "قلم", "قلم"},
    {"بالها", "ها", "ها"},
    {"بالمدرسة", "مدرس", "مدرس"},
    {"بالكتابين", "كتاب", "كتاب"},
    {"وبالمكتبات", "مكتب", "مكتب"},
    /* كال. */
    {"كالح", "كالح", "كالح"},
    {"كالحر", "حر", "حر"},
    {"كالبحر", "بحر", "بحر"},
    {"كالطلاب", "طلاب", "طلاب"},
    {"كالمعلمين", "معلم", "معلم"},
    /* فال. */
    {"فالح", "فالح", "فالح"},
    {"فالحق", "حق", "حق"},
    {"فالعلم", "علم", "علم"},
    {"فالمعلمون", "معلم", "معلم"},
    {"فالطالبات", "طالب", "طالب"},
    /* At most one prefix, and only at the start. */
    {"فبالقلم", "فبالقلم", "فبالقلم"},
    {"لكتاب", "لكتاب", "لكتاب"},
    {"والمدارس", "مدارس", "مدارس"},

    /* لل: Light10 only (length > 3). */
    {"لل", "لل", "لل"},
    {"للب", "للب", "للب"},
    {"لله", "لل", "لل"}, /* too short for لل; ه goes */
    {"ولل", "ولل", "ولل"},
    {"ولله", "لل", "لل"},
    {"للعب", "عب", "للعب"},
    {"للتي", "تي", "للت"},
    {"للها", "ها", "لل"}, /* Light8: ها at length 4 */
    {"وللها", "ها", "لل"},
    {"للبيت", "بيت", "للبيت"},
    {"للكتاب", "كتاب", "للكتاب"},
    {"للطلاب", "طلاب", "للطلاب"},
    {"للأسف", "اسف", "للاسف"},
    {"للمدرسة", "مدرس", "للمدرس"},
    {"للمعلمين", "معلم", "للمعلم"},
    {"وللمعلمين", "معلم", "للمعلم"},
    {"لِلْمَدْرَسَةِ", "مدرس", "للمدرس"}, /* harakat go first */

    /* Each suffix. */
    {"كتابها", "كتاب", "كتاب"},
    {"كتابان", "كتاب", "كتاب"},
    {"معلمان", "معلم", "معلم"},
    {"كتابات", "كتاب", "كتاب"},
    {"معلمات", "معلم", "معلم"},
    {"معلمون", "معلم", "معلم"},
    {"مهندسون", "مهندس", "مهندس"},
    {"مهندسات", "مهندس", "مهندس"},
    {"كتابين", "كتاب", "كتاب"},
    {"كتبيه", "كتب", "كتب"},
    {"عليه", "عل", "عل"},
    {"عربية", "عرب", "عرب"}, /* عربيه: ية never matches after ة -> ه; يه does */
    {"كتابه", "كتاب", "كتاب"},
    {"بيته", "بيت", "بيت"},
    {"مدرسة", "مدرس", "مدرس"}, /* ة became ه */
    {"سيارة", "سيار", "سيار"},
    {"كتابي", "كتاب", "كتاب"},
    {"بيتي", "بيت", "بيت"},
    {"سيارتي", "سيارت", "سيارت"},
    {"عيني", "عين", "عين"},
    /* Not suffixes of Light10. */
    {"بيتهم", "بيتهم", "بيتهم"},
    {"كتابك", "كتابك", "كتابك"},
    {"كتابنا", "كتابنا", "كتابنا"},
    {"وكتابهما", "كتابهما", "كتابهما"},
    /* Several suffixes in one pass, in the order of the list. */
    {"كتابانها", "كتاب", "كتاب"},      /* ها, then ان */
    {"كتابهان", "كتاب", "كتاب"},       /* ان, then ه */
    {"عربيون", "عرب", "عرب"},          /* ون, then ي */
    {"فلسطينيين", "فلسطين", "فلسطين"}, /* ين, then ي */
    {"فلسطينيون", "فلسطين", "فلسطين"},
    {"كرهين", "كر", "كر"},           /* ين, then ه */
    {"عينيه", "عين", "عين"},         /* يه; ي is not reached again */
    {"عينيها", "عين", "عين"},        /* ها, then ي */
    {"ومكتباتها", "مكتب", "مكتب"},   /* و, ها, ات */
    {"معلمينه", "معلمين", "معلمين"}, /* ين is tried before ه goes */
    {"سياراته", "سيارات", "سيارات"}, /* ات is tried before ه goes */
    {"مدرستها", "مدرست", "مدرست"},
    {"حياتها", "حي", "حي"}, /* ها, ات; ي would leave one letter */
    {"عليها", "عل", "عل"},  /* ها, then ي at length 3 */
    /* The guard: at least two letters stay. */
    {"فيها", "في", "في"},
    {"بانها", "بان", "بان"}, /* ها; ان would leave one letter */
    {"ذاتها", "ذات", "ذات"},
    {"بيان", "بي", "بي"},
    {"يتها", "يت", "يت"},
    {"هاها", "ها", "ها"},
    {"إنها", "ان", "ان"},
    {"مها", "مها", "مها"},
    {"بان", "بان", "بان"},
    {"بات", "بات", "بات"},
    {"ذات", "ذات", "ذات"},
    {"كون", "كون", "كون"},
    {"بين", "بين", "بين"},
    {"فان", "فان", "فان"},
    {"فإن", "فان", "فان"},
    {"وإن", "وان", "وان"},
    {"فيه", "في", "في"}, /* يه needs length 4; ه goes */
    {"منه", "من", "من"},
    {"علي", "عل", "عل"},
    {"على", "عل", "عل"},
    /* One and two letters, and words that are only affixes. */
    {"له", "له", "له"},
    {"به", "به", "به"},
    {"لي", "لي", "لي"},
    {"في", "في", "في"},
    {"من", "من", "من"},
    {"مع", "مع", "مع"},
    {"ها", "ها", "ها"},
    {"ات", "ات", "ات"},
    {"ان", "ان", "ان"},
    {"ون", "ون", "ون"},
    {"ين", "ين", "ين"},
    {"يه", "يه", "يه"},
    {"ية", "يه", "يه"},
    {"ه", "ه", "ه"},
    {"ة", "ه", "ه"},
    {"ي", "ي", "ي"},
    {"ب", "ب", "ب"},
    {"ء", "ء", "ء"},
    {"أ", "ا", "ا"},
    {"إ", "ا", "ا"},
    {"آ", "ا", "ا"},
    {"ى", "ي", "ي"},

    /* Normalization: hamza forms, alef maksura, teh marbuta. */
    {"إسلام", "اسلام", "اسلام"},
    {"آمن", "امن", "امن"},
    {"أولاد", "اولاد", "اولاد"},
    {"أنهم", "انهم", "انهم"},
    {"مستشفى", "مستشف", "مستشف"}, /* مستشفي, then ي */
    {"موسى", "موس", "موس"},
    {"مسؤول", "مسؤول", "مسؤول"}, /* ؤ ئ ء are letters: kept */
    {"رئيس", "رئيس", "رئيس"},
    {"سماء", "سماء", "سماء"},
    {"شيء", "شيء", "شيء"},
    {"هؤلاء", "هؤلاء", "هؤلاء"},
    /* Harakat, shadda, sukun, dagger alef and tatweel are deleted. */
    {"ك\u064Eت\u064Eب\u064E", "كتب", "كتب"},
    {"م\u064Fد\u064Eر\u0651\u0650س\u064Eة\u064C", "مدرس", "مدرس"},
    {"ال\u0652ك\u0650ت\u064Eاب\u064F", "كتاب", "كتاب"},
    {"ه\u0670ذا", "هذا", "هذا"},
    {"كتـــاب", "كتاب", "كتاب"},
    {"ـالكتاب", "كتاب", "كتاب"},
    /* Arabic digits and punctuation are deleted; other Arabic-block letters too. */
    {"كتاب\u0661\u0662", "كتاب", "كتاب"},
    {"\u0661\u0662\u0663كتاب", "كتاب", "كتاب"},
    {"كتاب\u06F1\u06F2", "كتاب", "كتاب"},
    {"كتاب\u060C", "كتاب", "كتاب"},
    {"كتاب\u061F", "كتاب", "كتاب"},
    {"\u061Fكتاب\u061B", "كتاب", "كتاب"},
    {"\u0671لكتاب", "لكتاب", "لكتاب"}, /* alef wasla is deleted, not mapped */
    {"عل\u06CC", "عل", "عل"},          /* Farsi yeh is deleted */
    {"پدر", "پدر", "پدر"},             /* an extra letter of the table: kept */
    /* Code points outside U+0600-06FF are kept. */
    {"كتابx", "كتابx", "كتابx"},
    {"الكتاب123", "كتاب123", "كتاب123"},
    {"كتاب\u200Cها", "كتاب\u200C", "كتاب\u200C"},
};

/* Tokens without Arabic (Latin, ASCII digits, other scripts): every stemmer returns them
 * unchanged. */
static const char *const passthrough[] = {
    "",       "hello",  "Hello",     "123",    "3.14",   "e-mail",
    "x",      "ABC123", "caf\u00E9", "\u00AB", "\u2014", "\u05E9\u05DC\u05D5\u05DD",
    "\uFB4F",
};

static void test_light(void)
{
    g_autoptr(CorpusStemmer) l10 = corpus_stemmer_new(CORPUS_STEM_LIGHT10);
    g_autoptr(CorpusStemmer) l8 = corpus_stemmer_new(CORPUS_STEM_LIGHT8);

    for (size_t i = 0; i < G_N_ELEMENTS(light_cases); i++) {
        const LightCase *c = &light_cases[i];
        check_stem(l10, CORPUS_STEM_LIGHT10, c->word, c->light10, __LINE__);
        check_stem(l8, CORPUS_STEM_LIGHT8, c->word, c->light8, __LINE__);
    }
}

static void test_light_private(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(light_cases); i++) {
        const LightCase *c = &light_cases[i];
        check_private(CORPUS_STEM_LIGHT10, c->word, c->light10, __LINE__);
        check_private(CORPUS_STEM_LIGHT8, c->word, c->light8, __LINE__);
    }
}

/* Light8 differs from Light10 only where Light10 removed لل: whenever the two stems differ, the
 * Light8 stem still starts with لل. */
static void test_light8_differs_only_on_ll(void)
{
    guint differ = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(light_cases); i++) {
        const LightCase *c = &light_cases[i];
        if (strcmp(c->light10, c->light8) == 0)
            continue;
        differ++;
        g_autofree char *what = g_strdup_printf("light8 stem of %s starts with لل", c->word);
        unit_report(g_str_has_prefix(c->light8, "لل"), g_strdup(what), __LINE__, __FILE__,
                    __func__);
    }
    UNIT_ASSERT_INT(differ, 13);
}

/* ---- ISRI ---------------------------------------------------------------------------------- */

typedef struct {
    const char *word, *stem;
} StemCase;

/* Derived by hand from ALGORITHMS.md 2.4 (and confirmed with NLTK 3.8's ISRIStemmer). */
static const StemCase isri_cases[] = {
    /* The examples of 2.4. */
    {"الكتاب", "كتب"},
    {"والمكتبة", "كتب"},
    {"يكتبون", "كتب"},
    {"مدرسة", "درس"},
    {"استخدام", "خدم"},
    {"المعلمون", "علم"},
    {"أحمد", "حمد"},
    {"ك\u064Eت\u064Eب\u064E", "كتب"},
    {"الذي", "الذي"},
    {"ووصل", "وصل"},
    {"تفاعيل", "فعل"},
    {"بالقلم", "قلم"},
    {"للمدرسة", "درس"},
    {"مكتوب", "كتب"},
    {"سيكتبونها", "كبو"},
    {"وزارة", "وزر"},
    {"مستشفى", "شفى"},
    {"كتـــاب", "كتـــاب"}, /* tatweel stays: 7 code points, no s1 and no p1 */

    /* Three letters or fewer: only the initial hamza changes. */
    {"كتب", "كتب"},
    {"من", "من"},
    {"في", "في"},
    {"و", "و"},
    {"ب", "ب"},
    {"ء", "ء"},
    {"ة", "ة"},
    {"ى", "ى"},
    {"ال", "ال"},
    {"الم", "الم"},
    {"لله", "لله"},
    {"على", "على"},
    {"لهم", "لهم"},
    {"بها", "بها"},
    {"سأل", "سأل"},
    {"أ", "ا"},
    {"أب", "اب"},
    {"إلى", "الى"},
    {"آخر", "اخر"},
    {"آمن", "امن"},
    {"أكل", "اكل"},

    /* pre32: p3 (length >= 6). */
    {"كالبحر", "بحر"},
    {"وللبيت", "بيت"},
    {"والكتاب", "كتب"},
    {"وللمدرسة", "درس"},
    {"كالمدرسة", "درس"},
    {"والمعلمون", "علم"},
    {"والولد", "ولد"},
    {"والدة", "ولد"}, /* 5 letters: no وال; pro_w53 rule 14 */
    {"والد", "ولد"},  /* pro_w4 rule 2 */
    {"بالغة", "بلغ"}, /* no بال at 5; rule 14 */
    {"وللعب", "لعب"}, /* no ولل at 5; pre1 twice */
    /* pre32: p2 (length >= 5). */
    {"القلم", "قلم"},
    {"العلم", "علم"},
    {"الكتب", "كتب"},
    {"البيت", "بيت"},
    {"الولد", "ولد"},
    {"للبيت", "بيت"},
    {"الله", "الل"}, /* 4 letters: no ال; suf1 drops ه */
    {"البر", "لبر"}, /* no ال; pre1 drops ا */
    {"للعب", "لعب"},
    {"الأمير", "امر"}, /* ال, then the initial hamza, pro_w4 rule 3 */
    /* Not ISRI prefixes. */
    {"فالمستشفيات", "فالمستشفي"},
    {"وبالقلم", "قلم"}, /* 7: pre1 و, pro_w6 pre1 ب, pro_w53 pre1 ا, pro_w4 pre1 ل */

    /* suf32: s3 (length >= 6), tried before s2. */
    {"درستمل", "درس"},
    {"كتابهمل", "كتب"},
    {"كاتبتان", "كتب"},
    {"كاتبتين", "كتب"},
    {"مدرستين", "درس"},
    {"استكمل", "است"},
    {"بستان", "بست"}, /* 5 letters: ان, not تان */
    /* suf32: s2 (length >= 5). */
    {"معلمون", "علم"},
    {"معلمات", "علم"},
    {"معلمان", "علم"},
    {"معلمين", "علم"},
    {"مسكين", "مسك"},
    {"عطشان", "عطش"},
    {"تعاون", "تعا"},
    {"كتبتن", "كتب"},
    {"كتابكم", "كتب"},
    {"كتابهن", "كتب"},
    {"كتابنا", "كتب"},
    {"سوريا", "سور"},
    {"كتابها", "كتب"},
    {"كتبتم", "كتب"},
    {"كتابكن", "كتب"},
    {"علمني", "علم"},
    {"مباني", "مبا"},
    {"كتبوا", "كتب"},
    {"كتابهما", "كتب"}, /* ما, then pro_w53 suf1 ه, pro_w4 */
    {"كتابهم", "كتب"},
    {"دراهم", "درا"},
    {"بيتهم", "بيت"},
    {"منهم", "نهم"},   /* 4 letters: no هم; pro_w4 rule 1 */
    {"فيها", "فيه"},   /* 4 letters: no ها; suf1 drops ا */
    {"وكانوا", "وكن"}, /* the stop word وكان appears only after وا goes */

    /* waw (length >= 4, starts with وو). */
    {"ووجد", "وجد"},
    {"وولد", "ولد"},
    {"ووالد", "ولد"},
    {"ووو", "ووو"},
    {"وووو", "ووو"},

    /* The initial hamza, and only there. */
    {"أعمال", "عمل"},
    {"أشجار", "شجر"},
    {"إسلام", "سلم"},
    {"آمال", "امل"},
    {"إبراهيم", "راهيم"},
    {"أ\u064Fس\u0652ر\u064Eة", "اسر"},
    {"مسألة", "سأل"},
    {"مسؤول", "سؤل"},
    {"مسائل", "سئل"},
    {"رئيس", "رئس"},

    /* pro_w4. */
    {"مكتب", "كتب"}, /* 1: م */
    {"مدرس", "درس"},
    {"ملعب", "لعب"},
    {"مكان", "كان"}, /* rule 1 before rule 3 */
    {"مالك", "الك"},
    {"موسى", "وسى"}, /* ى is not normalized */
    {"كاتب", "كتب"}, /* 2: c1 = ا */
    {"عالم", "علم"},
    {"قادم", "قدم"},
    {"تاجر", "تجر"},
    {"كتاب", "كتب"}, /* 3: c2 in ا و ي */
    {"رسول", "رسل"},
    {"كبير", "كبر"},
    {"سعيد", "سعد"},
    {"شجرة", "شجر"}, /* 4: c3 = ة */
    {"غرفة", "غرف"},
    {"كتبت", "كتب"}, /* 5: suf1 */
    {"سمعك", "سمع"},
    {"كتبه", "كتب"},
    {"ذهبن", "ذهب"},
    {"جلسا", "جلس"},
    {"وصلت", "وصل"},
    {"يكتب", "كتب"}, /* 5: pre1 */
    {"تكتب", "كتب"},
    {"نكتب", "كتب"},
    {"جعفر", "جعفر"}, /* 5: neither */

    /* pro_w53, rule by rule. */
    {"اجتمع", "جمع"}, /* 1 */
    {"انتظر", "نظر"},
    {"اختار", "خار"},
    {"استمع", "سمع"},
    {"امارة", "مرة"}, /* 1 comes before 3 */
    {"مفتاح", "فتح"}, /* 2 */
    {"منديل", "ندل"},
    {"مشروع", "شرع"},
    {"تربية", "ربي"}, /* 3 */
    {"مكتبة", "كتب"},
    {"مجتمع", "جمع"}, /* 4 */
    {"يستمع", "سمع"},
    {"مستمر", "سمر"},
    {"مساجد", "سجد"}, /* 5 */
    {"تقابل", "قبل"},
    {"مقاهي", "قهي"},
    {"زراعة", "زرع"}, /* 6 */
    {"بطولة", "بطل"},
    {"انكسر", "كسر"}, /* 7 */
    {"منطلق", "طلق"},
    {"اعمال", "عمل"},  /* 8 */
    {"سكرانة", "سكر"}, /* 6 letters: suf1 ة, then rule 9 */
    {"تعليم", "علم"},  /* 10 */
    {"تصميم", "صمم"},
    {"قاموس", "قمس"}, /* 11 */
    {"حاسوب", "حسب"},
    {"جوانب", "جنب"}, /* 12 */
    {"كواكب", "ككب"},
    {"شوارع", "شرع"},
    {"رسائل", "رسل"}, /* 13 */
    {"فضائل", "فضل"},
    {"كاتبة", "كتب"}, /* 14 */
    {"عاملة", "عمل"},
    {"قاعدة", "قعد"},
    {"صحاري", "صحر"}, /* 15 */
    {"يدرسك", "درس"}, /* 16: suf1, then pro_w4 pre1 */
    {"فكتبت", "كتب"},
    {"جعفري", "جعفر"},
    {"سيكتب", "كتب"}, /* 16: pre1 */
    {"سفرجل", "رجل"},
    /* pro_w54 after rule 16. */
    {"مزركش", "زركش"}, /* 1: م */
    {"قنابل", "قنبل"}, /* 3: c2 = ا */
    {"عقارب", "عقرب"},
    {"جداول", "جدول"},
    {"خنفشر", "خنفشر"}, /* no rule */
    {"مصطفى", "صطفى"},

    /* pro_w6. */
    {"استعمل", "عمل"}, /* 1 */
    {"مستخدم", "خدم"},
    {"استقبل", "قبل"},
    {"مرجانة", "رجن"}, /* 2 */
    {"اجتماع", "جمع"}, /* 3 */
    {"انتخاب", "نخب"},
    {"احتلال", "حلل"},
    {"اعشوشب", "عشب"}, /* 4 */
    {"احدودب", "حدب"},
    {"تصاميم", "صمم"}, /* 5 */
    {"تقاليد", "قلد"},
    {"مكتبتي", "كبت"},    /* 6: suf1, then pro_w53 rule 4 */
    {"متدحرج", "دحرج"},   /* 6 without change, then pro_w64 rule 2 */
    {"مدحرجو", "مدحرجو"}, /* nothing applies */

    /* Seven letters. */
    {"سيستخدم", "خدم"},
    {"عنكبوتي", "عنكبو"},
    {"جمهورية", "جمهور"},
    {"جرعمشط", "جرعمشط"},
    /* Eight or more after the affixes: returned as they are. */
    {"استراتيجية", "استراتيجية"},
    {"استراتيجيات", "استراتيجي"},
    {"والمستشفيات", "شفي"},
    {"المستشفيات", "شفي"},

    /* Diacritics (U+064B-0652) go; tatweel and the dagger alef stay. */
    {"ال\u0652ك\u0650ت\u064Eاب\u064F", "كتب"},
    {"م\u064Fد\u064Eر\u0651\u0650س\u064Eة\u064C", "درس"},
    {"م\u064Eك\u0652ت\u064Fوب\u064C", "كتب"},
    {"ه\u0670ذا", "هٰذ"},
    {"كتـاب", "كتـاب"},
    {"ال\u0651\u064Eذ\u0650ي", "الذي"}, /* a vowelled stop word */

    /* NLTK's 49 stop words are returned as they are. */
    {"يكون", "يكون"},
    {"وليس", "وليس"},
    {"وكان", "وكان"},
    {"كذلك", "كذلك"},
    {"التي", "التي"},
    {"وبين", "وبين"},
    {"عليها", "عليها"},
    {"مساء", "مساء"},
    {"وكانت", "وكانت"},
    {"ولكن", "ولكن"},
    {"والتي", "والتي"},
    {"تكون", "تكون"},
    {"اليوم", "اليوم"},
    {"اللذين", "اللذين"},
    {"عليه", "عليه"},
    {"كانت", "كانت"},
    {"لذلك", "لذلك"},
    {"أمام", "أمام"},
    {"هناك", "هناك"},
    {"منها", "منها"},
    {"مازال", "مازال"},
    {"لازال", "لازال"},
    {"لايزال", "لايزال"},
    {"مايزال", "مايزال"},
    {"اصبح", "اصبح"},
    {"أصبح", "أصبح"},
    {"أمسى", "أمسى"},
    {"امسى", "امسى"},
    {"أضحى", "أضحى"},
    {"اضحى", "اضحى"},
    {"مابرح", "مابرح"},
    {"مافتئ", "مافتئ"},
    {"ماانفك", "ماانفك"},
    {"لاسيما", "لاسيما"},
    {"ولايزال", "ولايزال"},
    {"الحالي", "الحالي"},
    {"اليها", "اليها"},
    {"الذين", "الذين"},
    {"فانه", "فانه"},
    {"والذي", "والذي"},
    {"وهذا", "وهذا"},
    {"لهذا", "لهذا"},
    {"فكان", "فكان"},
    {"ستكون", "ستكون"},
    {"اليه", "اليه"},
    {"يمكن", "يمكن"},
    {"بهذا", "بهذا"},
    {"الذى", "الذى"},
};

static void test_isri(void)
{
    g_autoptr(CorpusStemmer) s = corpus_stemmer_new(CORPUS_STEM_ISRI);

    for (size_t i = 0; i < G_N_ELEMENTS(isri_cases); i++)
        check_stem(s, CORPUS_STEM_ISRI, isri_cases[i].word, isri_cases[i].stem, __LINE__);
}

static void test_isri_private(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(isri_cases); i++)
        check_private(CORPUS_STEM_ISRI, isri_cases[i].word, isri_cases[i].stem, __LINE__);
}

/* Tokens without an Arabic letter come back unchanged from every stemmer, and every stemmer of
 * "none" returns its input. */
static void test_passthrough(void)
{
    static const CorpusStemAlgo algos[] = {CORPUS_STEM_NONE, CORPUS_STEM_LIGHT10,
                                           CORPUS_STEM_LIGHT8, CORPUS_STEM_ISRI,
                                           CORPUS_STEM_SNOWBALL};

    for (size_t a = 0; a < G_N_ELEMENTS(algos); a++) {
        g_autoptr(CorpusStemmer) s = corpus_stemmer_new(algos[a]);
        for (size_t i = 0; i < G_N_ELEMENTS(passthrough); i++)
            check_stem(s, algos[a], passthrough[i], passthrough[i], __LINE__);
    }
    g_autoptr(CorpusStemmer) none = corpus_stemmer_new(CORPUS_STEM_NONE);
    for (size_t i = 0; i < G_N_ELEMENTS(light_cases); i++)
        check_stem(none, CORPUS_STEM_NONE, light_cases[i].word, light_cases[i].word, __LINE__);

    /* A string of the Arabic block without letters still goes to the stemmer, which does what
     * its reference does: Lemur's normalization deletes Arabic-Indic digits (empty stem),
     * Snowball folds them to ASCII (snowballstemmer 2.2.0: '123'), NLTK's ISRI keeps them. */
    g_autoptr(CorpusStemmer) light = corpus_stemmer_new(CORPUS_STEM_LIGHT10);
    g_autoptr(CorpusStemmer) snow = corpus_stemmer_new(CORPUS_STEM_SNOWBALL);
    g_autoptr(CorpusStemmer) isri = corpus_stemmer_new(CORPUS_STEM_ISRI);
    check_stem(light, CORPUS_STEM_LIGHT10, "\u0661\u0662\u0663", "", __LINE__);
    check_stem(snow, CORPUS_STEM_SNOWBALL, "\u0661\u0662\u0663", "123", __LINE__);
    check_stem(isri, CORPUS_STEM_ISRI, "\u0661\u0662\u0663", "\u0661\u0662\u0663", __LINE__);
    /* Tatweel only: snowballstemmer gives '', NLTK's ISRI keeps it. */
    check_stem(snow, CORPUS_STEM_SNOWBALL, "\u0640\u0640\u0640", "", __LINE__);
    check_stem(isri, CORPUS_STEM_ISRI, "\u0640", "\u0640", __LINE__);
}

/* ---- Reference data -------------------------------------------------------------------- */

/* One reference file: words and stems, as views into its text. */
typedef struct {
    char *text;
    GPtrArray *word, *stem; /* char * views, NUL-terminated in place */
} Reference;

static Reference refs[2]; /* isri, snowball */
static const char *const ref_files[] = {"isri.tsv", "snowball.tsv"};
static const CorpusStemAlgo ref_algos[] = {CORPUS_STEM_ISRI, CORPUS_STEM_SNOWBALL};

#define REFERENCE_WORDS 28374

/* Read a word<TAB>stem file; FALSE (with a failed assertion) when it is missing or malformed. */
static gboolean load_reference(Reference *r, const char *name)
{
    g_autofree char *path = g_build_filename(data_dir ? data_dir : ".", name, NULL);
    GError *error = NULL;
    gsize size = 0;

    if (r->text)
        return TRUE;
    if (!g_file_get_contents(path, &r->text, &size, &error)) {
        unit_report(FALSE, g_strdup_printf("reading %s: %s", path, error->message), __LINE__,
                    __FILE__, __func__);
        g_error_free(error);
        return FALSE;
    }
    r->word = g_ptr_array_new();
    r->stem = g_ptr_array_new();
    for (char *p = r->text, *end = r->text + size; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *tab = memchr(p, '\t', (size_t)((nl ? nl : end) - p));
        if (!nl || !tab) {
            unit_report(FALSE, g_strdup_printf("%s: malformed line %u", path, r->word->len + 1),
                        __LINE__, __FILE__, __func__);
            g_clear_pointer(&r->word, g_ptr_array_unref);
            g_clear_pointer(&r->stem, g_ptr_array_unref);
            g_clear_pointer(&r->text, g_free);
            return FALSE;
        }
        *tab = '\0';
        *nl = '\0';
        g_ptr_array_add(r->word, p);
        g_ptr_array_add(r->stem, tab + 1);
        p = nl + 1;
    }
    return TRUE;
}

static void free_references(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(refs); i++) {
        g_free(refs[i].text);
        if (refs[i].word)
            g_ptr_array_unref(refs[i].word);
        if (refs[i].stem)
            g_ptr_array_unref(refs[i].stem);
    }
}

/* Count the words of r whose stem by s differs from the reference; report the first few. */
static guint count_mismatches(CorpusStemmer *s, CorpusStemAlgo algo, const Reference *r,
                              guint report)
{
    guint bad = 0;

    for (guint i = 0; i < r->word->len; i++) {
        const char *w = r->word->pdata[i], *want = r->stem->pdata[i];
        size_t n = (size_t)-1, want_len = strlen(want);
        const char *got = corpus_stemmer_stem(s, w, strlen(w), &n);
        if (n == want_len && (n == 0 || memcmp(got, want, n) == 0))
            continue;
        if (bad++ < report) {
            g_autofree char *ew = unit_escape(w, strlen(w));
            g_autofree char *eg = unit_escape(got, n);
            g_autofree char *ex = unit_escape(want, want_len);
            fprintf(stderr, "%s: %s: got %s, expected %s\n", corpus_stem_name(algo), ew, eg, ex);
        }
    }
    return bad;
}

static void test_reference(void)
{
    g_autofree char *words_path = g_build_filename(data_dir ? data_dir : ".", "words.txt", NULL);
    g_autofree char *words = NULL;
    gsize words_size = 0;

    for (size_t k = 0; k < G_N_ELEMENTS(refs); k++) {
        if (!load_reference(&refs[k], ref_files[k]))
            return;
        UNIT_ASSERT_INT(refs[k].word->len, REFERENCE_WORDS);
        /* Twice with one stemmer: the second pass answers from the memo. */
        g_autoptr(CorpusStemmer) s = corpus_stemmer_new(ref_algos[k]);
        for (int pass = 0; pass < 2; pass++) {
            guint bad = count_mismatches(s, ref_algos[k], &refs[k], pass == 0 ? 10 : 0);
            if (bad)
                fprintf(stderr, "%s, pass %d: %u of %u words differ from %s\n",
                        corpus_stem_name(ref_algos[k]), pass + 1, bad, refs[k].word->len,
                        ref_files[k]);
            UNIT_ASSERT_INT(bad, 0);
        }
    }
    /* Both files list the words of words.txt in the same order. */
    CU_ASSERT_FATAL(g_file_get_contents(words_path, &words, &words_size, NULL));
    guint line = 0, differ = 0;
    for (char *p = words, *end = words + words_size; p < end; line++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        for (size_t k = 0; k < G_N_ELEMENTS(refs); k++)
            if (line >= refs[k].word->len || strlen(refs[k].word->pdata[line]) != len ||
                memcmp(refs[k].word->pdata[line], p, len) != 0)
                differ++;
        p += len + 1;
    }
    UNIT_ASSERT_INT(line, REFERENCE_WORDS);
    UNIT_ASSERT_INT(differ, 0);
}

/* ---- The memo ---------------------------------------------------------------------------- */

/* The same word twice, with other words between, gives the same bytes. */
static void test_memo_same_bytes(void)
{
    static const CorpusStemAlgo algos[] = {CORPUS_STEM_LIGHT10, CORPUS_STEM_LIGHT8,
                                           CORPUS_STEM_ISRI, CORPUS_STEM_SNOWBALL};
    static const char *const words[] = {"والمكتبة", "سيكتبونها", "الكتاب", "للمدرسة",
                                        "مستشفى",   "hello",     "",       "ك\u064Eت\u064Eب\u064E"};

    for (size_t a = 0; a < G_N_ELEMENTS(algos); a++) {
        g_autoptr(CorpusStemmer) s = corpus_stemmer_new(algos[a]);
        char *first[G_N_ELEMENTS(words)];
        size_t first_len[G_N_ELEMENTS(words)];

        for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
            const char *r = corpus_stemmer_stem(s, words[i], strlen(words[i]), &first_len[i]);
            first[i] = g_strndup(r, first_len[i]);
            /* At once again: the first level of the memo. */
            size_t n;
            r = corpus_stemmer_stem(s, words[i], strlen(words[i]), &n);
            UNIT_ASSERT_MEM(r, n, first[i], first_len[i]);
        }
        for (int round = 0; round < 3; round++)
            for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
                size_t n;
                /* The word from another buffer: the memo compares bytes, not pointers. */
                g_autofree char *copy = g_strdup(words[i]);
                const char *r = corpus_stemmer_stem(s, copy, strlen(copy), &n);
                UNIT_ASSERT_MEM(r, n, first[i], first_len[i]);
            }
        for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
            g_free(first[i]);
    }
}

/* Stems of a prefix of a word (len shorter than the string) are the stems of that prefix. */
static void test_memo_length(void)
{
    g_autoptr(CorpusStemmer) s = corpus_stemmer_new(CORPUS_STEM_LIGHT10);
    const char *w = "الكتابات";
    size_t n;

    /* الكتابات, then its prefixes الكتاب and الكت, then again. */
    for (int round = 0; round < 2; round++) {
        const char *r = corpus_stemmer_stem(s, w, strlen(w), &n);
        UNIT_ASSERT_MEM(r, n, "كتاب", strlen("كتاب"));
        r = corpus_stemmer_stem(s, w, strlen("الكتاب"), &n);
        UNIT_ASSERT_MEM(r, n, "كتاب", strlen("كتاب"));
        r = corpus_stemmer_stem(s, w, strlen("الكت"), &n);
        UNIT_ASSERT_MEM(r, n, "كت", strlen("كت"));
        r = corpus_stemmer_stem(s, w, 0, &n);
        UNIT_ASSERT_INT(n, 0);
    }
}

/* Words too long to be memoized, and words around the size of a memo line. */
static void test_memo_long_words(void)
{
    g_autoptr(CorpusStemmer) l10 = corpus_stemmer_new(CORPUS_STEM_LIGHT10);
    g_autoptr(CorpusStemmer) isri = corpus_stemmer_new(CORPUS_STEM_ISRI);
    g_autoptr(CorpusStemmer) none = corpus_stemmer_new(CORPUS_STEM_NONE);

    for (guint letters = 1; letters <= 200; letters += (letters < 40 ? 1 : 37)) {
        /* ال + ب × letters + ها: Light10 and ISRI both drop ال and ها once the word is long
         * enough. */
        GString *word = g_string_new("ال");
        GString *body = g_string_new(NULL);
        for (guint i = 0; i < letters; i++)
            g_string_append(body, "ب");
        g_string_append(word, body->str);
        g_string_append(word, "ها");

        /* Light10: بها keeps its ها (length 3). ISRI: from 8 letters on, only ال and ها go. */
        const char *want_l10 = letters >= 2 ? body->str : "بها";
        const char *want_isri = letters >= 8 ? body->str : NULL;
        for (int round = 0; round < 3; round++) {
            size_t n;
            const char *r;
            r = corpus_stemmer_stem(l10, word->str, word->len, &n);
            UNIT_ASSERT_MEM(r, n, want_l10, strlen(want_l10));
            if (want_isri) {
                r = corpus_stemmer_stem(isri, word->str, word->len, &n);
                UNIT_ASSERT_MEM(r, n, want_isri, strlen(want_isri));
            }
            r = corpus_stemmer_stem(none, word->str, word->len, &n);
            UNIT_ASSERT_MEM(r, n, word->str, word->len);
            /* A short word in between replaces the stemmer's buffer. */
            r = corpus_stemmer_stem(l10, "الكتاب", strlen("الكتاب"), &n);
            UNIT_ASSERT_MEM(r, n, "كتاب", strlen("كتاب"));
        }
        g_string_free(body, TRUE);
        g_string_free(word, TRUE);
    }
    /* ASCII words of 1..80 bytes through "none" and Light10: the memo line holds word + stem in
     * 58 bytes, so these cross the limit at 29 and 30 bytes. */
    for (size_t len = 1; len <= 80; len++) {
        char *w = g_strnfill(len, (gchar)('a' + len % 26));
        for (int round = 0; round < 2; round++) {
            size_t n;
            const char *r = corpus_stemmer_stem(none, w, len, &n);
            UNIT_ASSERT_MEM(r, n, w, len);
            r = corpus_stemmer_stem(l10, w, len, &n);
            UNIT_ASSERT_MEM(r, n, w, len);
        }
        g_free(w);
    }
}

/* Code points of w[0..len) into out (room for len). */
static size_t decode(const char *w, size_t len, gunichar *out)
{
    size_t n = 0;
    for (const char *p = w; p < w + len; p = g_utf8_next_char(p))
        out[n++] = g_utf8_get_char(p);
    return n;
}

/* Many distinct words: the API gives what the algorithm gives, on the first pass and again on
 * the second (200,000 words, more than the memo holds, so its lines are replaced). */
static void test_memo_many_words(void)
{
    static const char *const letters[] = {"ا", "ب", "ت", "س", "ل", "م", "ن", "ه",
                                          "و", "ي", "ة", "ك", "ع", "ر", "د", "ف"};
    static const char *const prefixes[] = {"", "و", "ال", "وال", "بال", "لل", "است", "سي"};
    static const char *const suffixes[] = {"", "ها", "ات", "ون", "ين", "ة", "ي", "هما"};
    enum { WORDS = 200000 };
    g_autoptr(CorpusStemmer) l10 = corpus_stemmer_new(CORPUS_STEM_LIGHT10);
    /* The words and their expected stems, one after the other in one buffer each. */
    GString *text = g_string_new(NULL), *stems = g_string_new(NULL);
    guint32 *word_at = g_new(guint32, WORDS + 1), *stem_at = g_new(guint32, WORDS + 1);
    guint bad[2] = {0, 0};

    for (guint i = 0; i < WORDS; i++) {
        guint v = i / G_N_ELEMENTS(prefixes);
        size_t start = text->len;
        word_at[i] = (guint32)start;
        g_string_append(text, prefixes[i % G_N_ELEMENTS(prefixes)]);
        /* The index in base 16, at least two letters: distinct words for distinct i. */
        do {
            g_string_append(text, letters[v % 16]);
            v /= 16;
        } while (v || text->len - start < 4);
        g_string_append(text, suffixes[(i / 7) % G_N_ELEMENTS(suffixes)]);
    }
    word_at[WORDS] = (guint32)text->len;
    for (int pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < WORDS; i++) {
            const char *w = text->str + word_at[i];
            size_t len = word_at[i + 1] - word_at[i], n;
            const char *r = corpus_stemmer_stem(l10, w, len, &n);
            if (pass == 0) {
                /* The algorithm itself, without the memo. */
                gunichar cps[64];
                size_t ncp = decode(w, len, cps);
                stem_at[i] = (guint32)stems->len;
                corpus_stem_light(cps, &ncp, TRUE);
                for (size_t k = 0; k < ncp; k++)
                    g_string_append_unichar(stems, cps[k]);
            }
            const char *want = stems->str + stem_at[i];
            size_t want_len =
                (i + 1 < WORDS && pass == 1 ? stem_at[i + 1] : stems->len) - stem_at[i];
            if (n != want_len || memcmp(r, want, n) != 0) {
                if (bad[pass]++ < 5)
                    fprintf(stderr, "light10, pass %d: %.*s: got %.*s, expected %.*s\n", pass + 1,
                            (int)len, w, (int)n, r, (int)want_len, want);
            }
        }
    }
    UNIT_ASSERT_INT(bad[0], 0);
    UNIT_ASSERT_INT(bad[1], 0);
    g_string_free(text, TRUE);
    g_string_free(stems, TRUE);
    g_free(word_at);
    g_free(stem_at);
}

/* ---- Names ------------------------------------------------------------------------------- */

static void test_parse_and_name(void)
{
    static const struct {
        const char *name;
        CorpusStemAlgo algo;
    } good[] = {
        {"none", CORPUS_STEM_NONE},         {"light10", CORPUS_STEM_LIGHT10},
        {"light8", CORPUS_STEM_LIGHT8},     {"isri", CORPUS_STEM_ISRI},
        {"snowball", CORPUS_STEM_SNOWBALL},
    };
    static const char *const bad[] = {"",      "Light10", "ISRI",   "light", "light9",
                                      " isri", "isri ",   "porter", "none,", "snowball2"};

    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        CorpusStemAlgo algo = (CorpusStemAlgo)99;
        GError *error = NULL;
        CU_ASSERT_TRUE(corpus_stem_parse(good[i].name, &algo, &error));
        CU_ASSERT_PTR_NULL(error);
        UNIT_ASSERT_INT(algo, good[i].algo);
        UNIT_ASSERT_STR(corpus_stem_name(good[i].algo), good[i].name);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        CorpusStemAlgo algo = CORPUS_STEM_ISRI;
        GError *error = NULL;
        CU_ASSERT_FALSE(corpus_stem_parse(bad[i], &algo, &error));
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        UNIT_ASSERT_INT(algo, CORPUS_STEM_ISRI); /* unchanged on failure */
        if (error) {
            g_autofree char *want = g_strdup_printf(
                "invalid --stem value '%s' (expected none, light10, light8, isri or snowball)",
                bad[i]);
            UNIT_ASSERT_STR(error->message, want);
            g_error_free(error);
        }
    }
    /* A failed parse with no GError wanted. */
    CorpusStemAlgo algo = CORPUS_STEM_NONE;
    CU_ASSERT_FALSE(corpus_stem_parse("porter", &algo, NULL));
    UNIT_ASSERT_STR(corpus_stem_name((CorpusStemAlgo)5), "?");
    UNIT_ASSERT_STR(corpus_stem_name((CorpusStemAlgo)-1), "?");
    corpus_stemmer_free(NULL);
}

/* ---- Threads ---------------------------------------------------------------------------- */

typedef struct {
    guint id;
    guint mismatches[2]; /* isri, snowball */
    guint words;
} ThreadJob;

static gpointer thread_main(gpointer data)
{
    ThreadJob *job = data;

    for (size_t k = 0; k < G_N_ELEMENTS(refs); k++) {
        g_autoptr(CorpusStemmer) s = corpus_stemmer_new(ref_algos[k]);
        const Reference *r = &refs[k];
        /* Each thread starts at a different place so that the threads are not in step. */
        for (guint j = 0; j < r->word->len; j++) {
            guint i = (j + job->id * 7001) % r->word->len;
            const char *w = r->word->pdata[i], *want = r->stem->pdata[i];
            size_t n;
            const char *got = corpus_stemmer_stem(s, w, strlen(w), &n);
            if (n != strlen(want) || (n && memcmp(got, want, n) != 0))
                job->mismatches[k]++;
            job->words++;
        }
    }
    return NULL;
}

static void test_threads(void)
{
    ThreadJob jobs[4];
    GThread *threads[4];

    for (size_t k = 0; k < G_N_ELEMENTS(refs); k++)
        if (!load_reference(&refs[k], ref_files[k]))
            return;
    for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
        jobs[t] = (ThreadJob){.id = t};
        threads[t] = g_thread_new("stem", thread_main, &jobs[t]);
    }
    for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
        g_thread_join(threads[t]);
        UNIT_ASSERT_INT(jobs[t].mismatches[0], 0);
        UNIT_ASSERT_INT(jobs[t].mismatches[1], 0);
        UNIT_ASSERT_INT(jobs[t].words, 2 * REFERENCE_WORDS);
    }
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_light),
        UNIT_TEST(test_light_private),
        UNIT_TEST(test_light8_differs_only_on_ll),
        UNIT_TEST(test_isri),
        UNIT_TEST(test_isri_private),
        UNIT_TEST(test_passthrough),
        UNIT_TEST(test_reference),
        UNIT_TEST(test_memo_same_bytes),
        UNIT_TEST(test_memo_length),
        UNIT_TEST(test_memo_long_words),
        UNIT_TEST(test_memo_many_words),
        UNIT_TEST(test_parse_and_name),
        UNIT_TEST(test_threads),
    };
    int status;

    data_dir = argc > 1 ? argv[1] : NULL;
    status = unit_run("stem", tests, G_N_ELEMENTS(tests));
    free_references();
    return status;
}
