#!/bin/bash
# Plays a tenant batch app for the manager's tests, following the contract: scans its input,
# writes result.json. Names steer it: *fail* fails, *hang* hangs, *noresult* writes no result,
# *malformed* writes a truncated result.json, *badshape* valid JSON without a files array,
# *sigkill* is killed (SIGKILL, mid-file) on its first attempt and ingests on the next,
# *storedown* finds the store unavailable (exit 75) on its first three attempts and ingests on the fourth,
# *crowded* hangs while its input holds more than one *crowded* file (a job too big for the app's timeout).
set -u
out="$MYSIMBDP_OUTPUT_DIR"
files=""
noresult=0
storedown=0
[ "$(ls "$MYSIMBDP_INPUT_DIR" | grep -c crowded)" -gt 1 ] && sleep 60
for f in "$MYSIMBDP_INPUT_DIR"/*; do
  name=$(basename "$f")
  case "$name" in *hang*) sleep 60 ;; esac
  case "$name" in *noresult*) noresult=1 ;; esac
  case "$name" in *sigkill*) [ "$MYSIMBDP_ATTEMPT" = 1 ] && echo '{"files":[' > "$out/result.json" && kill -9 $$ ;; esac
  case "$name" in *malformed*) echo '{"files":[{"file":"'"$name"'","status":"ok"' > "$out/result.json"; exit 0 ;; esac
  case "$name" in *badshape*) echo '{"files":"all of them"}' > "$out/result.json"; exit 0 ;; esac
  status=ok; reason=null
  case "$name" in *fail*) status=failed; reason='"told to fail"' ;; esac
  case "$name" in *storedown*) [ "$MYSIMBDP_ATTEMPT" -le 3 ] && status=failed && reason='"store unreachable: test"' && storedown=1 ;; esac
  rows=$(( $(wc -l < "$f") - 1 ))
  files+="{\"file\":\"$name\",\"status\":\"$status\",\"reason\":$reason,\"rows\":$rows,\"successful_rows\":$rows,\"failed_rows\":0,\"duplicate_rows\":0,\"data_size\":$(stat -c %s "$f"),\"sha256\":\"$(sha256sum "$f" | cut -c1-64)\"},"
done
env | grep '^MYSIMBDP_\|^TRACEPARENT' | sort > "$out/env.txt"
[ "$noresult" = 1 ] && exit 0
echo "{\"files\":[${files%,}]}" > "$out/result.json"
[ "$storedown" = 1 ] && exit 75
case "$files" in *failed*) exit 1 ;; esac
exit 0
