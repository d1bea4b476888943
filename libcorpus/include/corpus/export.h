/* Symbol visibility for libcorpus: CORPUS_API marks the public interface.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_EXPORT_H
#define CORPUS_EXPORT_H

#if defined(CORPUS_BUILDING) && defined(__GNUC__)
#define CORPUS_API __attribute__((visibility("default")))
#else
#define CORPUS_API
#endif

#endif
