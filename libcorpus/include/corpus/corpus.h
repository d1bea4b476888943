/* libcorpus: corpus statistics over Arabic text.  Umbrella header.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_CORPUS_H
#define CORPUS_CORPUS_H

#include <corpus/assoc.h>
#include <corpus/buf.h>
#include <corpus/cli.h>
#include <corpus/colloc.h>
#include <corpus/counter.h>
#include <corpus/docterms.h>
#include <corpus/error.h>
#include <corpus/export.h>
#include <corpus/fit.h>
#include <corpus/merge.h>
#include <corpus/keyness.h>
#include <corpus/kwic.h>
#include <corpus/ngram.h>
#include <corpus/norm.h>
#include <corpus/out.h>
#include <corpus/pipeline.h>
#include <corpus/reader.h>
#include <corpus/report.h>
#include <corpus/runs.h>
#include <corpus/stats.h>
#include <corpus/stem.h>
#include <corpus/stopwords.h>
#include <corpus/svg.h>
#include <corpus/table.h>
#include <corpus/tableread.h>
#include <corpus/tfidf.h>
#include <corpus/tok.h>
#include <corpus/tokstream.h>
#include <corpus/tokwrite.h>
#include <corpus/utf8.h>
#include <corpus/vocab.h>

#endif
