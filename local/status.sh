#!/usr/bin/env bash
# Shows which parts `make run` started are running, from the pid files in $MYSIMBDP_VAR/run.
set -euo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
MYSIMBDP_HOME=$(cd "${MYSIMBDP_HOME:-$script_dir/..}" && pwd -P)
MYSIMBDP_VAR=${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}
run_dir=$MYSIMBDP_VAR/run
shopt -s nullglob
pid_files=("$run_dir"/*.pid)
if [[ ${#pid_files[@]} -eq 0 ]]; then
  echo "[mysimbdp] nothing is running from $MYSIMBDP_VAR (start it with: make run)"
  exit 0
fi
printf '%-24s %-8s %-8s %s\n' PART PID STATE LOG
for f in "${pid_files[@]}"; do
  name=$(basename "$f" .pid)
  pid=$(<"$f")
  state=stopped
  if [[ -r /proc/$pid/cmdline ]] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Dmysimbdp_run.component=$name"; then
    state=running
  fi
  printf '%-24s %-8s %-8s %s\n' "$name" "$pid" "$state" "$MYSIMBDP_VAR/logs/$name.log"
done
