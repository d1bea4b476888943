#!/bin/bash
# Counting shards of a corpus in parallel (GNU parallel, xargs -P) and summing the shard tables
# with corpus-merge gives the table of the whole corpus.  The shards are cut at line ends and
# every line end ends a sentence, so no n-gram crosses a cut, whatever --docs says.
# Usage: shards.sh BIN_DIR   (skipped, status 77, without GNU parallel; the rest still runs)
# SPDX-License-Identifier: MIT
name=shards
. "$(dirname "$0")/lib.sh"

gen 6M "$tmp/g.txt"
mkdir "$tmp/s"
split -n l/4 "$tmp/g.txt" "$tmp/s/shard."
set -- "$tmp"/s/shard.*
check "4 shards" test $# -eq 4
check "the shards joined are the corpus" same "$tmp/g.txt" <(cat "$@")

ng=("$bin/corpus-ngram" -n 1-2 --threads=1)
"${ng[@]}" --sort=key "$tmp/g.txt" > "$tmp/whole.key"
"${ng[@]}" "$tmp/g.txt" > "$tmp/whole.count"
"${ng[@]}" --sort=key --docs=line "$tmp/g.txt" > "$tmp/whole.line"
check "the whole corpus: --docs=line gives the table of --docs=file" \
    same "$tmp/whole.key" "$tmp/whole.line"

# Key-sorted shard tables, counted 2 at a time by xargs -P and by GNU parallel.
check "xargs -P 2: every shard counted" \
    xargs -P 2 -I{} "${ng[@]}" --sort=key -o {}.xargs {} < <(printf '%s\n' "$@")
for s in "$@"; do
    "${ng[@]}" -o "$s.count" "$s"
done
"$bin/corpus-merge" --sort=key "$tmp"/s/*.xargs > "$tmp/merged.key"
check "xargs -P: corpus-merge --sort=key of the shard tables = the whole corpus" \
    same "$tmp/whole.key" "$tmp/merged.key"
"$bin/corpus-merge" "$tmp"/s/*.xargs > "$tmp/merged.count"
check "xargs -P: corpus-merge of the shard tables = the whole corpus (by count)" \
    same "$tmp/whole.count" "$tmp/merged.count"
"$bin/corpus-merge" "$tmp"/s/*.count > "$tmp/merged.count2"
check "corpus-merge of the count-sorted shard tables = of the key-sorted ones" \
    same "$tmp/merged.count" "$tmp/merged.count2"
"$bin/corpus-merge" --sort=key --memory=1M "$tmp"/s/*.count > "$tmp/merged.key2"
check "corpus-merge --sort=key --memory=1M of the count-sorted shard tables = the whole corpus" \
    same "$tmp/whole.key" "$tmp/merged.key2"
"$bin/corpus-merge" --sorted --sort=key - "$tmp"/s/shard.a[bcd].xargs \
    < "$tmp/s/shard.aa.xargs" > "$tmp/stdin.key"
check "corpus-merge --sorted with a table on stdin = the whole corpus" \
    same "$tmp/whole.key" "$tmp/stdin.key"
"$bin/corpus-merge" --sorted --sort=key <(cat "$tmp/s/shard.aa.xargs") \
    <(cat "$tmp/s/shard.ab.xargs") <(cat "$tmp/s/shard.ac.xargs") - \
    < "$tmp/s/shard.ad.xargs" > "$tmp/pipes.key"
check "corpus-merge --sorted with every table through a pipe = the whole corpus" \
    same "$tmp/whole.key" "$tmp/pipes.key"
check "corpus-ngram of the shards as 4 files = the whole corpus" \
    same "$tmp/whole.key" <("${ng[@]}" --sort=key "$@")

if ! command -v parallel > /dev/null 2>&1; then
    [ "$fail" -eq 0 ] || finish
    skip "GNU parallel is not installed (scripts/deps.sh installs it): the xargs checks passed"
fi
check "GNU parallel -j 2: every shard counted" \
    parallel --will-cite --halt now,fail=1 -j 2 "${ng[@]}" --sort=key -o {}.parallel {} ::: "$@"
for s in "$@"; do
    check "GNU parallel and xargs -P: the same table for $(basename "$s")" \
        same "$s.xargs" "$s.parallel"
done
"$bin/corpus-merge" --sort=key "$tmp"/s/*.parallel > "$tmp/merged.par"
check "GNU parallel: corpus-merge --sort=key of the shard tables = the whole corpus" \
    same "$tmp/whole.key" "$tmp/merged.par"
finish
