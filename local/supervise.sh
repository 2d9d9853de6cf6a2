#!/usr/bin/env bash
# The supervisor local/run.sh starts last (as part "supervisor"): it watches every part run.sh
# started (the pid files in $MYSIMBDP_VAR/run) and restarts one that exits unexpectedly, by running
# `MYSIMBDP_RUN_ONLY=<part> local/run.sh`, with backoff (1 s, 2 s, 4 s, ... at most 60 s). After
# MYSIMBDP_RESTART_LIMIT restarts in a row (a part that stays up 5 minutes starts counting from 0
# again) it gives up: the part stays down and `make status` says why. Every exit, restart and
# give-up is a line in $MYSIMBDP_VAR/logs/supervisor.log. `make stop` stops the supervisor first,
# so nothing it stops is restarted. The decisions are in local/lib/decisions.sh.
#
# Started by run.sh with its environment (the same ports and settings are used for restarts) and
# two marker arguments that identify it (is_ours); not meant to be started by hand.
#
# Environment (default in brackets):
#   MYSIMBDP_RESTART_LIMIT   restarts in a row before a part is left down [5]
#   MYSIMBDP_RESTART_BACKOFF first backoff in seconds; doubles per restart up to 60 s [1]
set -uo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/decisions.sh
source "$script_dir/lib/decisions.sh"

MYSIMBDP_HOME=$(cd "${MYSIMBDP_HOME:-$script_dir/..}" && pwd -P)
MYSIMBDP_VAR=$(cd "${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}" && pwd -P)
RUN_DIR=$MYSIMBDP_VAR/run
LOG=$MYSIMBDP_VAR/logs/supervisor.log
readonly SELF=supervisor
RESTART_LIMIT=${MYSIMBDP_RESTART_LIMIT:-5}
BACKOFF_BASE_SECONDS=${MYSIMBDP_RESTART_BACKOFF:-1}
readonly BACKOFF_MAX_SECONDS=60
readonly STABLE_SECONDS=300
readonly POLL_SECONDS=1
readonly LOG_TAIL_LINES=60

log() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >>"$LOG"; }

is_ours() { # PID NAME (the same test as run.sh and stop.sh)
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/cmdline") || return 1
  grep -qxF -- "-Dmysimbdp_run.component=$2" <<<"$cmdline" && grep -qxF -- "-Dmysimbdp_run.var=$MYSIMBDP_VAR" <<<"$cmdline"
}

# key=value state of a part, read by local/status.sh
state_file() { echo "$RUN_DIR/$1.supervision"; }
state_get() { # NAME KEY
  local file
  file=$(state_file "$1")
  [[ -f $file ]] && sed -n "s/^$2=//p" "$file" | tail -n 1
}
state_put() { # NAME RESTARTS STATE REASON STARTED_EPOCH
  local file tmp
  file=$(state_file "$1")
  tmp=$file.tmp
  printf 'restarts=%s\nstate=%s\nreason=%s\nstarted=%s\nsince=%s\n' "$2" "$3" "$4" "$5" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp"
  mv -f "$tmp" "$file"
}

stopping=false
child=
on_term() {
  stopping=true
  # a restart in progress is abandoned; make stop then stops whatever it got to start
  if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null; fi
}
trap on_term TERM INT

pause() { # SECONDS, woken early by SIGTERM
  sleep "$1" &
  child=$!
  wait "$child" 2>/dev/null
  child=
}

# Restarts NAME (which has exited) unless it has used up its restarts.
handle_exit() { # NAME PID
  local name=$1 pid=$2 restarts reason delay verdict attempt
  restarts=$(state_get "$name" restarts)
  restarts=${restarts:-0}
  reason=$(tail -n "$LOG_TAIL_LINES" "$MYSIMBDP_VAR/logs/$name.log" 2>/dev/null | exit_reason)
  verdict=$(restart_verdict "$restarts" "$RESTART_LIMIT")
  if [[ $verdict == give-up ]]; then
    log "$name exited unexpectedly (pid $pid, $reason); gave up after $restarts restarts in a row: it stays down. See $MYSIMBDP_VAR/logs/$name.log; start it again with: make run"
    state_put "$name" "$restarts" gave-up "$reason after $restarts restarts in a row" "$(date +%s)"
    return
  fi
  attempt=$((restarts + 1))
  delay=$(restart_delay "$restarts" "$BACKOFF_BASE_SECONDS" "$BACKOFF_MAX_SECONDS")
  log "$name exited unexpectedly (pid $pid, $reason); restart $attempt of $RESTART_LIMIT in $delay s"
  state_put "$name" "$attempt" restarting "$reason" "$(date +%s)"
  pause "$delay"
  $stopping && return
  MYSIMBDP_RUN_ONLY=$name "$script_dir/run.sh" >>"$LOG" 2>&1 &
  child=$!
  wait "$child" 2>/dev/null
  local status=$?
  child=
  $stopping && return
  if ((status == 0)) && pid=$(cat "$RUN_DIR/$name.pid" 2>/dev/null) && is_ours "$pid" "$name"; then
    log "$name restarted (pid $pid, restart $attempt of $RESTART_LIMIT)"
    state_put "$name" "$attempt" running "restarted after: $reason" "$(date +%s)"
  else
    log "$name restart $attempt of $RESTART_LIMIT failed (run.sh exit $status); see above and $MYSIMBDP_VAR/logs/$name.log"
    # run.sh drops a stale pid file before it starts a part: keep the part on the watch list
    [[ -f $RUN_DIR/$name.pid ]] || echo "$2" >"$RUN_DIR/$name.pid"
  fi
}

# A part up STABLE_SECONDS since its last restart has its count reset.
note_running() { # NAME
  local restarts started
  restarts=$(state_get "$1" restarts)
  [[ -n $restarts && $restarts != 0 ]] || return 0
  started=$(state_get "$1" started)
  if [[ $(restarts_after_uptime "$restarts" $(($(date +%s) - ${started:-0})) "$STABLE_SECONDS") == 0 ]]; then
    log "$1 up for ${STABLE_SECONDS} s since its last restart; its restart count starts again from 0"
    state_put "$1" 0 running "" "${started:-0}"
  fi
}

log "supervisor started (pid $$; restart limit $RESTART_LIMIT, backoff ${BACKOFF_BASE_SECONDS}-${BACKOFF_MAX_SECONDS} s)"
while ! $stopping; do
  for pid_file in "$RUN_DIR"/*.pid; do
    $stopping && break
    [[ -e $pid_file ]] || continue
    name=$(basename "$pid_file" .pid)
    [[ $name == "$SELF" ]] && continue
    [[ $(state_get "$name" state) == gave-up ]] && continue
    pid=$(cat "$pid_file" 2>/dev/null) || continue
    if is_ours "$pid" "$name"; then
      note_running "$name"
    elif [[ -f $pid_file ]]; then
      # still there after the check: not a make stop in progress (it removes the pid file)
      handle_exit "$name" "$pid"
    fi
  done
  pause "$POLL_SECONDS"
done
log "supervisor stopped (pid $$)"
