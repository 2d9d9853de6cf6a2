#!/bin/bash
# Plays a tenant batch app for the manager's tests, following the contract: scans its input,
# writes result.json. Names steer it: *fail* fails, *hang* hangs, *noresult* writes no result.
set -u
out="$MYSIMBDP_OUTPUT_DIR"
files=""
noresult=0
for f in "$MYSIMBDP_INPUT_DIR"/*; do
  name=$(basename "$f")
  case "$name" in *hang*) sleep 60 ;; esac
  case "$name" in *noresult*) noresult=1 ;; esac
  status=ok; reason=null
  case "$name" in *fail*) status=failed; reason='"told to fail"' ;; esac
  rows=$(( $(wc -l < "$f") - 1 ))
  files+="{\"file\":\"$name\",\"status\":\"$status\",\"reason\":$reason,\"rows\":$rows,\"successful_rows\":$rows,\"failed_rows\":0,\"duplicate_rows\":0,\"data_size\":$(stat -c %s "$f"),\"sha256\":\"$(sha256sum "$f" | cut -c1-64)\"},"
done
env | grep '^MYSIMBDP_\|^TRACEPARENT' | sort > "$out/env.txt"
[ "$noresult" = 1 ] && exit 0
echo "{\"files\":[${files%,}]}" > "$out/result.json"
case "$files" in *failed*) exit 1 ;; esac
exit 0
