#!/usr/bin/env bash
# Benchmark harness, run by `make bench`: times the corpus tools against baselines on generated
# Arabic text and prints the results as Markdown.
# Usage: bench/run.sh [BUILD_DIR]            (BUILD_DIR defaults to build)
# Environment:
#   BENCH_SIZE      size of the generated input, with a K, M or G suffix [100M]
#   BENCH_REPEAT    timed runs per command [5]
#   BENCH_FILTER    run only the benchmarks whose title contains this string
#   BENCH_CORPORA   directory of the *.txt texts the generator learns from [corpora/news]
#   BENCH_DATA_DIR  where the generated input is cached [BUILD_DIR/bench-data]
#   BENCH_NGRAM_LARGE  size of a second, larger input for the n-gram tables, e.g. 1G [unset:
#                   none]: the unigram and bigram tables again at that size (unless it is
#                   BENCH_SIZE), and the 5-gram table with --memory=512M against no --memory
#   BENCH_COLLOC_SIZE  size of the input on which corpus-colloc is compared with NLTK [10M];
#                   corpus-colloc alone also runs on the BENCH_SIZE input
#   BENCH_LARGE_REPEAT  timed runs, at the BENCH_NGRAM_LARGE size, of the slow baselines (the
#                   sort pipelines and Python), at most BENCH_REPEAT; 0 leaves them out [1].
#                   At 1G they need minutes a run and several GB of memory (sort -S 50%, and
#                   Python's Counter of bigrams)
# The input is generated once by corpus-bench-gen into BENCH_DATA_DIR/gen-SIZE.txt, and again
# only when the generator or a corpus text is newer.  Every command reads that file and writes
# to /dev/null; it runs once untimed (warm-up, peak RSS through /usr/bin/time), then REPEAT
# timed runs, the commands of a table taking turns so that noise from the machine spreads
# over all of them.  Tables report the median wall time; ratios are baseline median / median
# (how many times faster than the baseline), measured in the same invocation.  The n-gram
# tables compare corpus-ngram with 1 thread too, so that the ratio column against it gives the
# speed-up of 2 threads.  The hash table is corpus-hashbench (bench/hashbench.c), which times
# counting bigrams of token ids in GHashTable and in CorpusCounter and prints its own table.
# The TF-IDF table reads documents of about 2 KB: BENCH_DATA_DIR/gen-SIZE-docs.txt holds one
# per line (consecutive lines of gen-SIZE.txt joined by spaces until the line passes 2000
# bytes), read by corpus-tfidf --docs=line; scikit-learn reads gen-SIZE-docs-tok.txt, the same
# documents tokenized by corpus-tok (one per line, tokens separated by spaces).  Both files are
# made once, untimed, and again only when their input, corpus-tok or this script is newer.
# Exit status: 0, or 1 when a command fails or a same-output check finds a difference.
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2016 # command strings and Markdown backquotes are single-quoted on purpose
set -euo pipefail

die() {
    echo "run.sh: $*" >&2
    exit 1
}

bench_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname -- "$bench_dir")
build=${1:-build}
[[ -d $build ]] || die "$build: no such build directory (configure and build first)"
build=$(cd -- "$build" && pwd)
SIZE=${BENCH_SIZE:-100M}
REPEAT=${BENCH_REPEAT:-5}
LARGE=${BENCH_NGRAM_LARGE:-}
LARGE_REPEAT=${BENCH_LARGE_REPEAT:-1}
FILTER=${BENCH_FILTER:-}
corpora=${BENCH_CORPORA:-$root/corpora/news}
data_dir=${BENCH_DATA_DIR:-$build/bench-data}
# The commands below refer to "$BIN", "$FILE" and "$SCRATCH" (a temporary directory, removed
# at exit), the TF-IDF table to "$TOKENS" and the collocation table to "$SENTENCES" too; the
# Python baselines are the scripts in PY_UNIGRAMS, PY_BIGRAMS, PY_TFIDF and PY_COLLOC.
export BIN=$build/bin FILE SCRATCH TOKENS SENTENCES PY_UNIGRAMS PY_BIGRAMS PY_TFIDF PY_COLLOC
failures=0

[[ $SIZE =~ ^[0-9]+[KMGkmg]?$ ]] || die "BENCH_SIZE=$SIZE: expected a number with an optional K, M or G"
[[ -z $LARGE || $LARGE =~ ^[0-9]+[KMGkmg]?$ ]] ||
    die "BENCH_NGRAM_LARGE=$LARGE: expected a number with an optional K, M or G"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT=$REPEAT: expected a positive integer"
[[ $LARGE_REPEAT =~ ^[0-9]+$ ]] || die "BENCH_LARGE_REPEAT=$LARGE_REPEAT: expected a non-negative integer"
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or later is needed (EPOCHREALTIME)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: install the Debian package time"

# prepare_data SIZE: set FILE to the generated input of SIZE, and FILE_BYTES to its size;
# generate it unless an up-to-date copy is cached.
prepare_data() {
    local size=$1 gen=$BIN/corpus-bench-gen stale=0 f
    local -a inputs
    [[ -x $gen ]] || die "$gen: not built (cmake --build $build --target corpus-bench-gen)"
    inputs=("$corpora"/*.txt)
    [[ -f ${inputs[0]} ]] || die "$corpora: no *.txt texts to learn from"
    FILE=$data_dir/gen-$size.txt
    [[ -f $FILE && ! $gen -nt $FILE ]] || stale=1
    for f in "${inputs[@]}"; do
        if [[ $f -nt $FILE ]]; then stale=1; fi
    done
    if ((stale)); then
        echo "run.sh: generating $FILE from ${#inputs[@]} texts in $corpora" >&2
        mkdir -p -- "$data_dir"
        "$gen" --size="$size" -- "${inputs[@]}" >"$FILE.tmp" || die "corpus-bench-gen failed"
        mv -- "$FILE.tmp" "$FILE"
    fi
    FILE_BYTES=$(stat -c %s "$FILE")
}

# prepare_tfidf_data: from the generated input $FILE, set DOCS_FILE to its documents of about
# 2 KB, one per line, DOCS_BYTES to its size, and TOKENS to the same documents tokenized by
# corpus-tok, one per line; make either file unless an up-to-date copy is cached.
prepare_tfidf_data() {
    local tok=$BIN/corpus-tok
    [[ -x $tok ]] || die "$tok: not built (cmake --build $build --target corpus-tok)"
    DOCS_FILE=${FILE%.txt}-docs.txt
    TOKENS=${FILE%.txt}-docs-tok.txt
    if [[ ! -f $DOCS_FILE || $FILE -nt $DOCS_FILE || $bench_dir/run.sh -nt $DOCS_FILE ]]; then
        echo "run.sh: making $DOCS_FILE (documents of about 2 KB, one per line)" >&2
        # Blank lines (the ends of paragraphs) add nothing; the last document may be shorter.
        LC_ALL=C awk 'NF { doc = doc == "" ? $0 : doc " " $0 }
            length(doc) > 2000 { print doc; doc = "" }
            END { if (doc != "") print doc }' "$FILE" >"$DOCS_FILE.tmp" ||
            die "could not make $DOCS_FILE"
        mv -- "$DOCS_FILE.tmp" "$DOCS_FILE"
    fi
    if [[ ! -f $TOKENS || $DOCS_FILE -nt $TOKENS || $tok -nt $TOKENS ]]; then
        echo "run.sh: making $TOKENS (corpus-tok --docs=line, a document per line)" >&2
        # corpus-tok writes a sentence per line and a blank line between documents; awk's
        # paragraph mode joins the lines of each document.  --keep: corpus-tfidf's default.
        "$tok" --docs=line --keep=word,latin,number,url,email,mention,hashtag "$DOCS_FILE" |
            LC_ALL=C awk 'BEGIN { RS = ""; FS = "\n" } { $1 = $1; print }' >"$TOKENS.tmp" ||
            die "could not make $TOKENS"
        mv -- "$TOKENS.tmp" "$TOKENS"
    fi
    DOCS_BYTES=$(stat -c %s "$DOCS_FILE")
}

# Evaluate command string $2 (default $1) with the output discarded; on failure show its
# standard error and stop, naming command $1.
run_cmd() {
    if ! eval "${2:-$1}" </dev/null >/dev/null 2>"$tmp/stderr"; then
        cat "$tmp/stderr" >&2
        die "command failed: $1"
    fi
}

# Set REPLY to the wall time of one run of command string $1, in microseconds.
time_us() {
    local start=${EPOCHREALTIME/[.,]/} end
    run_cmd "$1"
    end=${EPOCHREALTIME/[.,]/}
    REPLY=$((end - start))
}

# Set REPLY to the peak resident set size of one run of command string $1, in KiB.
rss_kib() {
    run_cmd "$1" "/usr/bin/time -f %M -o \"\$tmp/rss\" bash -c $(printf %q "$1")"
    REPLY=$(tail -n 1 "$tmp/rss")
}

median() {
    printf '%s\n' "$@" | LC_ALL=C sort -n |
        awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

selected() { [[ -z $FILTER || $1 == *"$FILTER"* ]]; }

# bench_table TITLE BASELINES NAME CMD [NAME CMD]...
# Time each command string CMD (which may use "$FILE", "$BIN" and "$SCRATCH") and print a
# table row per NAME.  BASELINES lists, separated by commas, the NAMEs to compare every row
# against (one ratio column each; may be empty).  The rows whose NAME is in the
# comma-separated list slow_rows (a variable the caller may set, local to it) get only
# slow_repeat timed runs when that is fewer than REPEAT.  Skipped unless TITLE contains
# BENCH_FILTER.
bench_table() {
    local title=$1 baselines=$2 i r b few=
    shift 2
    selected "$title" || return 0
    (($# > 0 && $# % 2 == 0)) || die "bench_table $title: expected NAME CMD pairs"
    local -a names=() cmds=() runs=() times=() rss=() med=() base=()
    while (($#)); do
        names+=("$1") cmds+=("$2")
        shift 2
    done
    IFS=, read -r -a base <<<"$baselines"
    for b in "${base[@]}"; do
        index_of "$b" "${names[@]}" >/dev/null || die "bench_table $title: no row named '$b'"
    done
    for i in "${!names[@]}"; do
        runs[i]=$REPEAT
        if [[ ,${slow_rows:-}, == *",${names[i]},"* ]] && ((${slow_repeat:-$REPEAT} < REPEAT)); then
            runs[i]=$slow_repeat
            few+="${few:+, }\`${names[i]}\`"
        fi
    done
    echo "run.sh: $title: ${#names[@]} commands, 1 + $REPEAT runs each${few:+ (fewer for some)}" >&2
    for i in "${!cmds[@]}"; do # warm-up run, which also measures the peak RSS
        rss_kib "${cmds[i]}"
        rss[i]=$REPLY
    done
    for ((r = 0; r < REPEAT; r++)); do
        for i in "${!cmds[@]}"; do
            ((r < runs[i])) || continue
            time_us "${cmds[i]}"
            times[i]+=" $REPLY"
        done
    done
    for i in "${!cmds[@]}"; do
        # shellcheck disable=SC2086 # times[i] is a list of numbers
        med[i]=$(median ${times[i]})
    done

    printf '\n## %s\n\n' "$title"
    if [[ -n $few ]]; then
        printf 'Timed runs: %s for %s; %s for the others.\n\n' "$slow_repeat" "$few" "$REPEAT"
    fi
    printf '| command | median s | MB/s |'
    # A | in a cell, even in a code span, must be written \| (GitHub Markdown).
    for b in "${base[@]}"; do printf ' × vs `%s` |' "${b//|/\\|}"; done
    printf ' peak RSS MiB |\n|---|--:|--:|'
    for b in "${base[@]}"; do printf -- '--:|'; done
    printf -- '--:|\n'
    for i in "${!names[@]}"; do
        printf '| `%s` | %s | %s |' "${names[i]//|/\\|}" \
            "$(awk -v t="${med[i]}" 'BEGIN { printf "%.3f", t / 1e6 }')" \
            "$(awk -v t="${med[i]}" -v n="$FILE_BYTES" 'BEGIN { printf "%.0f", n / t }')"
        for b in "${base[@]}"; do
            printf ' %s |' "$(awk -v b="${med[$(index_of "$b" "${names[@]}")]}" -v t="${med[i]}" \
                'BEGIN { printf "%.2f", b / t }')"
        done
        printf ' %s |\n' "$(awk -v k="${rss[i]}" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
}

# Print the position of $1 among the remaining arguments; fail when it is not there.
index_of() {
    local want=$1 i=0 name
    shift
    for name; do
        [[ $name == "$want" ]] && { echo "$i"; return 0; }
        i=$((i + 1))
    done
    return 1
}

# bench_same TITLE NAME1 CMD1 NAME2 CMD2
# Run both command strings once, untimed, and report whether their outputs are identical:
# same CRC and byte count (cksum), so that no output is kept, however large.  Their standard
# errors stay in $tmp/stderr1 and $tmp/stderr2.
bench_same() {
    local title=$1 sum1 sum2 result
    selected "$title" || return 0
    run_cmd "$3" "{ $3; } | cksum >\"\$tmp/sum1\""
    mv -- "$tmp/stderr" "$tmp/stderr1"
    run_cmd "$5" "{ $5; } | cksum >\"\$tmp/sum2\""
    mv -- "$tmp/stderr" "$tmp/stderr2"
    read -r sum1 <"$tmp/sum1"
    read -r sum2 <"$tmp/sum2"
    if [[ $sum1 == "$sum2" ]]; then
        result="OK (${sum1#* } bytes)"
    else
        result=DIFFER
        failures=$((failures + 1))
    fi
    printf '\nSame output, `%s` and `%s`: **%s**\n' "$2" "$4" "$result"
}

print_header() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    printf '# corpus benchmarks\n\n'
    printf -- '- input: `%s`, %s bytes (corpus-bench-gen --size=%s)\n' "$FILE" "$FILE_BYTES" "$SIZE"
    printf -- '- machine: %s, %s processors, %s\n' "${cpu:-unknown CPU}" "$(nproc)" "$(uname -sr)"
    printf -- '- %s timed runs per command after one warm-up run, interleaved; ' "$REPEAT"
    printf 'output to /dev/null; MB = 10^6 bytes\n'
    printf -- '- ratios: baseline median time / median time (above 1: faster than the baseline)\n'
    if [[ -n $LARGE ]]; then
        printf -- '- tables marked %s input: `%s`, %s bytes (corpus-bench-gen --size=%s)' \
            "$LARGE" "$LARGE_FILE" "$LARGE_BYTES" "$LARGE"
        if ((LARGE_REPEAT == 0)); then
            printf '; their sort pipelines and Python left out\n'
        else
            printf '; their sort pipelines and Python: %s timed run(s)\n' \
                "$((LARGE_REPEAT < REPEAT ? LARGE_REPEAT : REPEAT))"
        fi
    fi
}

# Python baselines: collections.Counter over the words of str.split(), read line by line (so
# that memory holds the counts, not the text; bigrams stay inside a line), written in count
# order (most_common(), as corpus-ngram's default order).
PY_UNIGRAMS='import collections, sys
counts = collections.Counter()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        counts.update(line.split())
sys.stdout.writelines(f"{w}\t{n}\n" for w, n in counts.most_common())'
PY_BIGRAMS='import collections, sys
counts = collections.Counter()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        words = line.split()
        counts.update(zip(words, words[1:]))
sys.stdout.writelines(f"{a} {b}\t{n}\n" for (a, b), n in counts.most_common())'
# Python baseline of the TF-IDF table: scikit-learn's TfidfVectorizer on the tokens of
# corpus-tok, a document per line (str.split and no lowercasing: the terms are the tokens), the
# lines fed from the file; it prints the rows, columns and non-zero entries of the matrix.
PY_TFIDF='import sys
from sklearn.feature_extraction.text import TfidfVectorizer
vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)
with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
    m = vectorizer.fit_transform(f)
print(m.shape[0], m.shape[1], m.nnz)'

# ngram_title N LABEL: the title of the table of N-grams (1 or 2) on the input of size LABEL.
ngram_title() {
    case $1 in
    1) echo "N-grams: corpus-ngram, unigram counting ($2 input)" ;;
    2) echo "N-grams: corpus-ngram -n 2, bigram counting ($2 input)" ;;
    esac
}

# ngram_tables LABEL SLOW_REPEAT: the unigram and bigram tables on $FILE, of size LABEL.  The
# baselines, the Unix-for-Poets pipelines (tr | sort | uniq -c, with paste for bigrams: they
# split on spaces and line ends only) and Python, get SLOW_REPEAT timed runs (0: left out).
ngram_tables() {
    local label=$1 slow_repeat=$2 title1 title2
    local slow_rows='tr | sort | uniq -c,tr | paste | sort | uniq -c,python3 collections.Counter'
    local -a sort1=() sort2=() py1=() py2=()
    title1=$(ngram_title 1 "$label")
    title2=$(ngram_title 2 "$label")
    if ((slow_repeat > 0)); then
        if selected "$title1" || selected "$title2"; then
            [[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 not found: install the Debian package python3"
        fi
        sort1=('tr | sort | uniq -c'
            'LC_ALL=C tr -s " \n" "\n" <"$FILE" | LC_ALL=C sort -S 50% --parallel=2 | LC_ALL=C uniq -c')
        sort2=('tr | paste | sort | uniq -c'
            'LC_ALL=C tr -s " \n" "\n" <"$FILE" >"$SCRATCH/words" &&
            tail -n +2 "$SCRATCH/words" | paste -d " " "$SCRATCH/words" - |
            LC_ALL=C sort -S 50% --parallel=2 | LC_ALL=C uniq -c && rm -- "$SCRATCH/words"')
        py1=('python3 collections.Counter' '/usr/bin/python3 -c "$PY_UNIGRAMS" "$FILE"')
        py2=('python3 collections.Counter' '/usr/bin/python3 -c "$PY_BIGRAMS" "$FILE"')
    fi

    bench_table "$title1" "${sort1:+${sort1[0]},}corpus-ngram --sort=key --threads=1" \
        "${sort1[@]}" \
        'corpus-ngram --sort=key --threads=1' '"$BIN/corpus-ngram" --sort=key --threads=1 "$FILE"' \
        'corpus-ngram --sort=key --threads=2' '"$BIN/corpus-ngram" --sort=key --threads=2 "$FILE"' \
        'corpus-ngram --threads=2' '"$BIN/corpus-ngram" --threads=2 "$FILE"' \
        "${py1[@]}"
    bench_same "$title1" \
        'corpus-ngram --sort=key --threads=1' '"$BIN/corpus-ngram" --sort=key --threads=1 "$FILE"' \
        'corpus-ngram --sort=key --threads=2' '"$BIN/corpus-ngram" --sort=key --threads=2 "$FILE"'

    bench_table "$title2" \
        "${sort2:+${sort2[0]},}corpus-ngram -n 2 --sort=key --threads=1,corpus-ngram -n 2 --threads=1" \
        "${sort2[@]}" \
        'corpus-ngram -n 2 --sort=key --threads=1' '"$BIN/corpus-ngram" -n 2 --sort=key --threads=1 "$FILE"' \
        'corpus-ngram -n 2 --sort=key --threads=2' '"$BIN/corpus-ngram" -n 2 --sort=key --threads=2 "$FILE"' \
        'corpus-ngram -n 2 --threads=1' '"$BIN/corpus-ngram" -n 2 --threads=1 "$FILE"' \
        'corpus-ngram -n 2 --threads=2' '"$BIN/corpus-ngram" -n 2 --threads=2 "$FILE"' \
        "${py2[@]}"
    bench_same "$title2" \
        'corpus-ngram -n 2 --threads=1' '"$BIN/corpus-ngram" -n 2 --threads=1 "$FILE"' \
        'corpus-ngram -n 2 --threads=2' '"$BIN/corpus-ngram" -n 2 --threads=2 "$FILE"'
}

# The TF-IDF table: corpus-tfidf reads the documents of $DOCS_FILE and writes its table of
# weights, Python reads their tokens in $TOKENS.  Then the check that both make a matrix of the
# same shape with as many non-zero entries (the size line of corpus-tfidf --mm: rows, columns,
# entries, against what Python prints).
tfidf_table() {
    local -x FILE=$DOCS_FILE
    local FILE_BYTES=$DOCS_BYTES ours theirs result
    local -a shape
    local py='/usr/bin/python3 -c "$PY_TFIDF" "$TOKENS"'
    local mm='"$BIN/corpus-tfidf" --docs=line --threads=2 --mm="$SCRATCH/tfidf" "$FILE"'
    bench_table "$tfidf_title" 'python3 TfidfVectorizer,corpus-tfidf --docs=line --threads=1' \
        'corpus-tfidf --docs=line --threads=1' '"$BIN/corpus-tfidf" --docs=line --threads=1 "$FILE"' \
        'corpus-tfidf --docs=line --threads=2' '"$BIN/corpus-tfidf" --docs=line --threads=2 "$FILE"' \
        'python3 TfidfVectorizer' "$py"
    printf '\n- documents: the %s lines of `%s` (%s bytes), the lines of the input joined by ' \
        "$(wc -l <"$FILE")" "$FILE" "$FILE_BYTES"
    printf 'spaces until each passes 2000 bytes; MB/s is of this file on every row\n'
    printf -- '- `corpus-tfidf`: reads that file, writes its table of weights\n'
    printf -- '- `python3 TfidfVectorizer`: reads `%s` (%s bytes), the same documents ' \
        "$TOKENS" "$(stat -c %s "$TOKENS")"
    printf 'tokenized once, untimed, by `corpus-tok --docs=line '
    printf -- '--keep=word,latin,number,url,email,mention,hashtag` (the classes corpus-tfidf keeps) '
    printf 'with the lines of each document joined; prints the shape of '
    printf '`TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False)'
    printf '.fit_transform(lines)`\n'

    run_cmd "$mm" "{ $mm && grep -m 1 -v '^%' \"\$SCRATCH/tfidf.mtx\"; } >\"\$tmp/ours\""
    rm -f -- "$SCRATCH/tfidf.mtx" "$SCRATCH/tfidf.terms" "$SCRATCH/tfidf.docs"
    run_cmd "$py" "$py >\"\$tmp/theirs\""
    read -r ours <"$tmp/ours" || true
    read -r theirs <"$tmp/theirs" || true
    if [[ -n $ours && $ours == "$theirs" ]]; then
        read -r -a shape <<<"$ours"
        result="OK (${shape[0]} documents, ${shape[1]} terms, ${shape[2]} non-zero entries)"
    else
        result="DIFFER (rows, columns, entries: corpus-tfidf $ours, Python $theirs)"
        failures=$((failures + 1))
    fi
    printf '\nSame matrix shape and non-zero entries, `%s` and `%s`: **%s**\n' \
        'corpus-tfidf --docs=line --threads=2 --mm' 'python3 TfidfVectorizer' "$result"
}

# Python baseline of the collocation table: NLTK's BigramCollocationFinder over the sentences
# of corpus-tok (a sentence per line, its tokens separated by spaces), scored by
# likelihood_ratio with score_ngrams; it prints the number of pairs scored.
PY_COLLOC='import sys
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
with open(sys.argv[1], encoding="utf-8") as f:
    sentences = [line.split() for line in f if line.strip()]
finder = BigramCollocationFinder.from_documents(sentences)
print(len(finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)))'

# prepare_colloc_data: from the generated input $FILE, set SENTENCES to its sentences
# tokenized by corpus-tok (a sentence per line; corpus-colloc's default classes), made unless
# an up-to-date copy is cached.
prepare_colloc_data() {
    local tok=$BIN/corpus-tok
    SENTENCES=${FILE%.txt}-sentences.txt
    if [[ ! -f $SENTENCES || $FILE -nt $SENTENCES || $tok -nt $SENTENCES ]]; then
        echo "run.sh: making $SENTENCES (corpus-tok, a sentence per line)" >&2
        "$tok" --keep=word,latin,number,url,email,mention,hashtag "$FILE" >"$SENTENCES.tmp" ||
            die "could not make $SENTENCES"
        mv -- "$SENTENCES.tmp" "$SENTENCES"
    fi
}

# colloc_table LABEL SLOW_REPEAT: corpus-colloc on $FILE (of size LABEL), every measure and the
# default ones, against NLTK (SLOW_REPEAT timed runs; 0: left out).
colloc_table() {
    local label=$1 slow_repeat=$2 slow_rows='python3 NLTK BigramCollocationFinder' title
    local -a py=()
    title="Collocations: corpus-colloc against NLTK ($label input)"
    selected "$title" || return 0
    if ((slow_repeat > 0)); then
        prepare_colloc_data
        py=('python3 NLTK BigramCollocationFinder' '/usr/bin/python3 -c "$PY_COLLOC" "$SENTENCES"')
    fi
    bench_table "$title" "${py:+${py[0]},}corpus-colloc --measures=all --threads=1" \
        "${py[@]}" \
        'corpus-colloc --measures=all --threads=1' '"$BIN/corpus-colloc" --measures=all --threads=1 "$FILE"' \
        'corpus-colloc --measures=all --threads=2' '"$BIN/corpus-colloc" --measures=all --threads=2 "$FILE"' \
        'corpus-colloc --threads=2' '"$BIN/corpus-colloc" --threads=2 "$FILE"' \
        'corpus-colloc --measures=all --top=1000 --threads=2' \
        '"$BIN/corpus-colloc" --measures=all --top=1000 --threads=2 "$FILE"'
    if ((slow_repeat > 0)); then
        printf '\n- `python3 NLTK`: reads `%s`, the input tokenized once, untimed, by corpus-tok ' "$SENTENCES"
        printf '(a sentence per line; the classes corpus-colloc keeps); '
        printf '`BigramCollocationFinder.from_documents(sentences).score_ngrams(likelihood_ratio)`, '
        printf 'one measure, nothing printed but the number of pairs; corpus-colloc reads the raw '
        printf 'text and writes the whole table\n'
    fi
    bench_same "$title" \
        'corpus-colloc --measures=all --threads=1' '"$BIN/corpus-colloc" --measures=all --threads=1 "$FILE"' \
        'corpus-colloc --measures=all --threads=2' '"$BIN/corpus-colloc" --measures=all --threads=2 "$FILE"'
}

hash_title="N-grams: bigram counting in a hash table, GHashTable against CorpusCounter (corpus-hashbench)"
fivegram_title="N-grams: corpus-ngram -n 5 --memory=512M, 5-grams in bounded memory ($LARGE input)"
tfidf_title="TF-IDF: corpus-tfidf against scikit-learn's TfidfVectorizer"

# The larger input, generated first so that a failure comes early, and only when a table needs it.
if [[ -n $LARGE ]]; then
    if selected "$fivegram_title" || { [[ $LARGE != "$SIZE" ]] &&
        { selected "$(ngram_title 1 "$LARGE")" || selected "$(ngram_title 2 "$LARGE")"; }; }; then
        prepare_data "$LARGE"
        LARGE_FILE=$FILE LARGE_BYTES=$FILE_BYTES
    else
        LARGE=
    fi
fi
prepare_data "$SIZE"
if selected "$tfidf_title"; then
    [[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 not found: install the Debian package python3"
    /usr/bin/python3 -c 'import sklearn' 2>/dev/null ||
        die "scikit-learn not found by /usr/bin/python3: install the Debian package python3-sklearn"
    prepare_tfidf_data
fi
tmp=$(mktemp -d -- "$data_dir/tmp.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
SCRATCH=$tmp
print_header

title="Tokenization: corpus-tok --one-per-line"
bench_table "$title" 'LC_ALL=C.UTF-8 wc -w,LC_ALL=C wc -w' \
    'cat' 'cat "$FILE"' \
    'LC_ALL=C wc -w' 'LC_ALL=C wc -w "$FILE"' \
    'LC_ALL=C.UTF-8 wc -w' 'LC_ALL=C.UTF-8 wc -w "$FILE"' \
    'corpus-tok --one-per-line --threads=1' '"$BIN/corpus-tok" --one-per-line --threads=1 "$FILE"' \
    'corpus-tok --one-per-line --threads=2' '"$BIN/corpus-tok" --one-per-line --threads=2 "$FILE"'
bench_same "$title" \
    'corpus-tok --one-per-line --threads=1' '"$BIN/corpus-tok" --one-per-line --threads=1 "$FILE"' \
    'corpus-tok --one-per-line --threads=2' '"$BIN/corpus-tok" --one-per-line --threads=2 "$FILE"'

title="Stemming: corpus-stem, each algorithm, against corpus-tok"
bench_table "$title" 'corpus-tok --threads=1' \
    'corpus-tok --threads=1' '"$BIN/corpus-tok" --threads=1 "$FILE"' \
    'corpus-stem --stem=light10 --threads=1' '"$BIN/corpus-stem" --stem=light10 --threads=1 "$FILE"' \
    'corpus-stem --stem=light8 --threads=1' '"$BIN/corpus-stem" --stem=light8 --threads=1 "$FILE"' \
    'corpus-stem --stem=isri --threads=1' '"$BIN/corpus-stem" --stem=isri --threads=1 "$FILE"' \
    'corpus-stem --stem=snowball --threads=1' '"$BIN/corpus-stem" --stem=snowball --threads=1 "$FILE"'
bench_same "$title" \
    'corpus-stem --stem=isri --threads=1' '"$BIN/corpus-stem" --stem=isri --threads=1 "$FILE"' \
    'corpus-stem --stem=isri --threads=2' '"$BIN/corpus-stem" --stem=isri --threads=2 "$FILE"'

ngram_tables "$SIZE" "$REPEAT"

if selected "$hash_title"; then
    # Not part of `all` (the CMake target bench builds it first): build it when it is missing
    # or older than its source or the static library, as after `make build`.
    hashbench=$BIN/corpus-hashbench
    if [[ ! -x $hashbench || $bench_dir/hashbench.c -nt $hashbench ||
        $build/lib/libcorpus.a -nt $hashbench ]]; then
        echo "run.sh: building corpus-hashbench" >&2
        cmake --build "$build" --target corpus-hashbench >&2 || die "could not build $hashbench"
    fi
    echo "run.sh: $hash_title: $REPEAT runs" >&2
    printf '\n## %s\n\n' "$hash_title"
    "$hashbench" --repeat="$REPEAT" </dev/null || failures=$((failures + 1))
fi

if selected "$tfidf_title"; then
    tfidf_table
fi

title="Statistics and report: corpus-stats and corpus-report against corpus-tok"
bench_table "$title" 'corpus-tok --threads=2' \
    'corpus-tok --threads=2' '"$BIN/corpus-tok" --threads=2 "$FILE"' \
    'corpus-stats --threads=1' '"$BIN/corpus-stats" --threads=1 "$FILE"' \
    'corpus-stats --threads=2' '"$BIN/corpus-stats" --threads=2 "$FILE"' \
    'corpus-stats --by-doc --docs=para --threads=2' '"$BIN/corpus-stats" --by-doc --docs=para --threads=2 "$FILE"' \
    'corpus-report --threads=2' '"$BIN/corpus-report" --threads=2 -o "$SCRATCH/report" "$FILE"'

# Collocations: NLTK on the small input, both on the generated one of BENCH_SIZE.
colloc_small=${BENCH_COLLOC_SIZE:-10M}
if selected "Collocations: corpus-colloc"; then
    /usr/bin/python3 -c 'import nltk' 2>/dev/null ||
        die "NLTK not found by /usr/bin/python3: install the Debian package python3-nltk"
    saved_file=$FILE saved_bytes=$FILE_BYTES
    prepare_data "$colloc_small"
    colloc_table "$colloc_small" "$REPEAT"
    FILE=$saved_file FILE_BYTES=$saved_bytes
    if [[ $colloc_small != "$SIZE" ]]; then
        colloc_table "$SIZE" 0
    fi
fi

if [[ -n $LARGE ]]; then
    FILE=$LARGE_FILE FILE_BYTES=$LARGE_BYTES
    if [[ $LARGE != "$SIZE" ]]; then
        ngram_tables "$LARGE" "$LARGE_REPEAT"
    fi
    # Without --memory, corpus-ngram may use half the physical memory.  Runs go to the
    # temporary directory of the harness, next to the data (/tmp may be in memory).
    bench_table "$fivegram_title" 'corpus-ngram -n 5 --sort=key' \
        'corpus-ngram -n 5 --sort=key' '"$BIN/corpus-ngram" -n 5 --sort=key --tmpdir="$SCRATCH" "$FILE"' \
        'corpus-ngram -n 5 --sort=key --memory=512M' \
        '"$BIN/corpus-ngram" -n 5 --sort=key --memory=512M --tmpdir="$SCRATCH" "$FILE"'
    bench_same "$fivegram_title" \
        'corpus-ngram -n 5 --sort=key' \
        '"$BIN/corpus-ngram" -n 5 --sort=key --tmpdir="$SCRATCH" --verbose "$FILE"' \
        'corpus-ngram -n 5 --sort=key --memory=512M' \
        '"$BIN/corpus-ngram" -n 5 --sort=key --memory=512M --tmpdir="$SCRATCH" --verbose "$FILE"'
    if selected "$fivegram_title"; then
        printf '\nWith `--verbose`:\n\n'
        printf -- '- no `--memory`: %s\n' "$(sed -n 's/^corpus-ngram: memory/memory/p' "$tmp/stderr1")"
        printf -- '- `--memory=512M`: %s\n' "$(sed -n 's/^corpus-ngram: memory/memory/p' "$tmp/stderr2")"
    fi
fi

((failures == 0)) || die "$failures check(s) failed"
