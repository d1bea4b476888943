/* Helpers shared by the fuzz targets: valid UTF-8 from arbitrary bytes, a scratch file for the
 * parsers that read a path, and the check that turns a broken property into a crash.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_FUZZ_H
#define CORPUS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <corpus/corpus.h>

/* libFuzzer's entry point, declared for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when a documented property does not hold: libFuzzer records the input
 * as a crash. */
#define FUZZ_CHECK(cond)                                                                        \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #cond);      \
            abort();                                                                            \
        }                                                                                       \
    } while (0)

/* Make data[0..size) valid UTF-8 as the pipeline does under --on-invalid=replace.  Returns
 * data itself when it is valid, else clean->data (clean and anchors are reset first). */
static inline const char *fuzz_valid_utf8(const uint8_t *data, size_t size, CorpusBuf *clean,
                                          GArray *anchors, size_t *len)
{
    CorpusUtf8Report report;

    if (anchors)
        g_array_set_size(anchors, 0);
    if (corpus_utf8_valid_prefix((const char *)data, size) == size) {
        *len = size;
        return size ? (const char *)data : "";
    }
    memset(&report, 0, sizeof report);
    clean->len = 0;
    corpus_utf8_sanitize((const char *)data, size, CORPUS_INVALID_REPLACE, clean, anchors,
                         &report);
    *len = clean->len;
    return clean->len ? clean->data : "";
}

/* The scratch file: made once per process under $TMPDIR (else /tmp), removed at exit. */
static char *fuzz_file_path;

static void fuzz_file_remove(void)
{
    if (fuzz_file_path)
        unlink(fuzz_file_path);
}

/* Replace the scratch file's contents with data[0..size) and return its path. */
static inline const char *fuzz_write_file(const uint8_t *data, size_t size)
{
    if (!fuzz_file_path) {
        GError *error = NULL;
        int fd = g_file_open_tmp(NULL, &fuzz_file_path, &error);
        if (fd < 0) {
            fprintf(stderr, "fuzz: %s\n", error->message);
            abort();
        }
        close(fd);
        atexit(fuzz_file_remove);
    }
    FILE *f = fopen(fuzz_file_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(fuzz_file_path);
        abort();
    }
    return fuzz_file_path;
}

#endif
