/* UTF-8 decoding and the --on-invalid policies.
 * Decoding follows Unicode 15 ch. 3 (Table 3-7): overlong forms, surrogates (U+D800-DFFF) and
 * values above U+10FFFF are invalid; each maximal ill-formed subpart counts as one invalid
 * sequence (one U+FFFD under "replace"), as the W3C/WHATWG decoders do.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_UTF8_H
#define CORPUS_UTF8_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_INVALID_WARN,    /* replace with U+FFFD, one warning per file (default) */
    CORPUS_INVALID_FAIL,    /* stop with a located error */
    CORPUS_INVALID_REPLACE, /* replace with U+FFFD silently */
    CORPUS_INVALID_SKIP,    /* drop the invalid bytes silently */
} CorpusInvalidPolicy;

/* Parse "warn", "fail", "replace" or "skip"; CORPUS_ERROR_USAGE otherwise. */
CORPUS_API gboolean corpus_utf8_parse_policy(const char *name, CorpusInvalidPolicy *policy,
                                             GError **error);

/* Decode one code point from s[0..len), len >= 1.  Returns the number of bytes used (1-4) and
 * sets *cp; for an ill-formed sequence returns the negated length of its maximal ill-formed
 * subpart (-1..-3) and sets *cp to U+FFFD. */
CORPUS_API int corpus_utf8_decode(const char *s, size_t len, gunichar *cp);

/* Encode cp (a Unicode scalar value) into out; returns 1-4. */
CORPUS_API int corpus_utf8_encode(gunichar cp, char out[4]);

/* Length of the longest valid UTF-8 prefix of s (== len when all of s is valid). */
CORPUS_API size_t corpus_utf8_valid_prefix(const char *s, size_t len);

/* Where cleaned text and original bytes line up: from clean position `clean` on, clean text
 * maps to the original input at `orig` (both relative to the start of the chunk). */
typedef struct {
    size_t clean;
    size_t orig;
} CorpusOffsetAnchor;

/* Invalid sequences found in one piece of text (transparent value type). */
typedef struct {
    guint64 count;     /* invalid sequences */
    size_t first;      /* offset of the first one, relative to the text */
    guint8 bytes[4];   /* its bytes, then the byte that broke it when there is one */
    guint8 n_bytes;    /* bytes used in bytes[] */
    gboolean at_end;   /* the first one was cut off by the end of the text */
} CorpusUtf8Report;

/* Copy s to out with every invalid sequence replaced by U+FFFD (WARN, REPLACE) or removed
 * (SKIP), appending to anchors (a GArray of CorpusOffsetAnchor) one entry before and one after
 * each change, and
 * fill *report.  With FAIL, stops at the first invalid sequence and returns FALSE (report says
 * where); otherwise returns TRUE.  Callers use corpus_utf8_valid_prefix() first: valid text needs
 * no copy. */
CORPUS_API gboolean corpus_utf8_sanitize(const char *s, size_t len, CorpusInvalidPolicy policy,
                                         CorpusBuf *out, GArray *anchors,
                                         CorpusUtf8Report *report);

/* Map a position in cleaned text back to the original bytes using the anchors of
 * corpus_utf8_sanitize() (NULL or empty: identity).  Where bytes were skipped, a position has
 * two readings: corpus_utf8_map_offset() gives the later one (where something starts, after
 * the skipped bytes), corpus_utf8_map_end() the earlier one (where something ends, before
 * them). */
CORPUS_API size_t corpus_utf8_map_offset(const GArray *anchors, size_t clean);
CORPUS_API size_t corpus_utf8_map_end(const GArray *anchors, size_t clean);

/* Describe the bytes of a report as "0xC3 0x28" into buf (at least 32 bytes). */
CORPUS_API void corpus_utf8_describe_bytes(const CorpusUtf8Report *report, char *buf,
                                           size_t size);

G_END_DECLS

#endif
