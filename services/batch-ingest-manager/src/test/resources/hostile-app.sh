#!/bin/bash
# Plays a hostile tenant batch app for the manager's tests. Names steer it:
# *link* links another tenant's archived files (and /etc/passwd) into its output and reports ok;
# *longreason* fails its file with a 17-million-character reason;
# *bigresult* writes a 500 MB result.json (sparse: no disk, no memory), then hangs.
set -u
out="$MYSIMBDP_OUTPUT_DIR"
var=$(cd "$MYSIMBDP_INPUT_DIR/../../../.." && pwd)
for f in "$MYSIMBDP_INPUT_DIR"/*; do
  name=$(basename "$f")
  case "$name" in
    *link*)
      i=0
      for target in "$var"/archive/*/*/* /etc/passwd; do
        case "$target" in "$var/archive/$MYSIMBDP_TENANT/"*) continue ;; esac
        [ -f "$target" ] && ln -s "$target" "$out/stolen-$i.csv" && i=$((i+1))
      done
      ln -s /etc/passwd "$out/rejects.jsonl"
      echo "{\"files\":[{\"file\":\"$name\",\"status\":\"ok\",\"rows\":1,\"successful_rows\":1}]}" > "$out/result.json"
      exit 0 ;;
    *longreason*)
      { printf '{"files":[{"file":"%s","status":"failed","reason":"' "$name"
        head -c 17000000 /dev/zero | tr '\0' 'x'
        printf '"}]}'; } > "$out/result.json"
      exit 1 ;;
    *bigresult*)
      printf '{"files":[{"file":"%s","status":"ok","reason":"' "$name" > "$out/result.json"
      truncate -s 500M "$out/result.json"
      sleep 60
      exit 0 ;;
  esac
done
exit 2
