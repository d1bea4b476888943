#!/bin/bash
# report.json validates against docs/report.schema.json (JSON Schema draft 2020-12), with and
# without a reference corpus (the keyness tables) and with a date.
# Usage: schema.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=schema
. "$(dirname "$0")/lib.sh"
need_python jsonschema

validate() {
    "$python" - "$root/docs/report.schema.json" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
for e in errors[:5]:
    print("  %s: %s" % ("/".join(map(str, e.absolute_path)), e.message), file=sys.stderr)
sys.exit(1 if errors else 0)
PY
}

report "$tmp/a"
check "report.json of corpora/ validates" validate "$tmp/a/report.json"
SOURCE_DATE_EPOCH=1700000000 report "$tmp/b" --top=3 \
    --reference="$root/corpora/news/us-envoy-gaza-ceasefire-lebanon-talks.txt"
check "report.json with a reference and a date validates" validate "$tmp/b/report.json"
check "... and has the keyness tables" grep -q '"keyness_negative"' "$tmp/b/report.json"
printf 'كلمة\n' > "$tmp/one.txt"
(cd "$tmp" && "$bin/corpus-report" -o one one.txt)
check "report.json of a one-word text (null values) validates" validate "$tmp/one/report.json"
finish
