#!/usr/bin/env bash
# Stops what local/run.sh started: exactly the components with a pid file in $MYSIMBDP_VAR/run,
# the supervisor first (so it restarts nothing), then the services, then the store (coredms), then
# Kafka, so nothing loses its broker or store while it still works. SIGTERM, a bounded wait, then SIGKILL. Harmless when nothing runs.
# Never kills by name: only pids from the pid files, and only when the process is really ours.
#
# Environment (default in brackets): MYSIMBDP_HOME [the folder above this script],
#   MYSIMBDP_VAR [$MYSIMBDP_HOME/var], MYSIMBDP_STOP_TIMEOUT seconds before SIGKILL [30]
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
MYSIMBDP_HOME=$(cd "${MYSIMBDP_HOME:-$script_dir/..}" && pwd -P)
var_dir=${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}
STOP_TIMEOUT_SECONDS=${MYSIMBDP_STOP_TIMEOUT:-30}
readonly POLL_SECONDS=0.2
readonly KILL_WAIT_SECONDS=5
readonly STACK_COMPONENTS=(coredms kafka)
readonly SUPERVISOR=supervisor

say() { echo "[mysimbdp] $*"; }

if [[ ! -d $var_dir/run ]]; then
  say "nothing to stop (no $var_dir/run)"
  exit 0
fi
# the same absolute form run.sh used in each process's -Dmysimbdp_run.var marker
MYSIMBDP_VAR=$(cd "$var_dir" && pwd -P)
RUN_DIR=$MYSIMBDP_VAR/run

# Same test as in run.sh: alive, and started by run.sh for this MYSIMBDP_VAR as component NAME.
# A zombie or a recycled pid fails it, and counts as gone.
is_ours() { # PID NAME
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/cmdline") || return 1
  grep -qxF -- "-Dmysimbdp_run.component=$2" <<<"$cmdline" && grep -qxF -- "-Dmysimbdp_run.var=$MYSIMBDP_VAR" <<<"$cmdline"
}

forget() { # NAME
  rm -f "$RUN_DIR/$1.pid" "$RUN_DIR/$1.ready" "$RUN_DIR/$1.probe" "$RUN_DIR/$1.supervision"
}

# Waits until none of the "pid:name" entries is ours any more, or SECONDS reach DEADLINE.
# Prints the entries still running.
wait_gone() { # DEADLINE ENTRY...
  local deadline=$1 entry left
  shift
  while :; do
    left=()
    for entry in "$@"; do
      if is_ours "${entry%%:*}" "${entry#*:}"; then left+=("$entry"); fi
    done
    if ((${#left[@]} == 0)) || ((SECONDS >= deadline)); then break; fi
    sleep "$POLL_SECONDS"
  done
  if ((${#left[@]} > 0)); then printf '%s\n' "${left[@]}"; fi
}

# Stops the components NAME... together: SIGTERM to all, one bounded wait, SIGKILL to what is left.
stop_group() { # NAME...
  local name pid entry stopping=() stuck=()
  for name in "$@"; do
    [[ -f $RUN_DIR/$name.pid ]] || continue
    pid=$(<"$RUN_DIR/$name.pid")
    if is_ours "$pid" "$name"; then
      kill -TERM "$pid" 2>/dev/null || true
      stopping+=("$pid:$name")
    else
      say "$name was not running (stale pid file removed)"
      forget "$name"
    fi
  done
  ((${#stopping[@]} > 0)) || return 0
  mapfile -t stuck < <(wait_gone $((SECONDS + STOP_TIMEOUT_SECONDS)) "${stopping[@]}")
  for entry in "${stuck[@]}"; do
    say "${entry#*:} (pid ${entry%%:*}) did not stop within ${STOP_TIMEOUT_SECONDS} s; sending SIGKILL"
    kill -KILL "${entry%%:*}" 2>/dev/null || true
  done
  if ((${#stuck[@]} > 0)); then
    mapfile -t stuck < <(wait_gone $((SECONDS + KILL_WAIT_SECONDS)) "${stuck[@]}")
  fi
  for entry in "${stopping[@]}"; do
    if printf '%s\n' "${stuck[@]}" | grep -qxF -- "$entry"; then
      say "ERROR: ${entry#*:} (pid ${entry%%:*}) is still running after SIGKILL" >&2
      failed=true
    else
      say "${entry#*:} stopped (pid ${entry%%:*})"
      forget "${entry#*:}"
    fi
  done
}

shopt -s nullglob
pid_files=("$RUN_DIR"/*.pid)
if ((${#pid_files[@]} == 0)); then
  say "nothing to stop (no pid files in $RUN_DIR)"
  exit 0
fi
failed=false
stop_group "$SUPERVISOR"
# listed after the supervisor is gone: a restart it had under way has its pid file by now
services=()
for pid_file in "$RUN_DIR"/*.pid; do
  name=$(basename "$pid_file" .pid)
  [[ " ${STACK_COMPONENTS[*]} $SUPERVISOR " == *" $name "* ]] || services+=("$name")
done
if ((${#services[@]} > 0)); then stop_group "${services[@]}"; fi
for name in "${STACK_COMPONENTS[@]}"; do stop_group "$name"; done
if $failed; then exit 1; fi
say "stopped; nothing started from $MYSIMBDP_VAR runs any more"
