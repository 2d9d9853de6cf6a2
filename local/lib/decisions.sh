# Pure decisions of the local supervisor (local/supervise.sh) and of `make status` (local/status.sh).
# No I/O here: each function maps its arguments to one line on stdout, so
# local/embedded-stack/src/test/java/io/mysimbdp/local/LocalDecisionsTest.java tests them directly.
# Sourced; never run.

# Seconds to wait before restart number RESTARTS+1 of a part: BASE, 2 BASE, 4 BASE, ... at most MAX.
restart_delay() { # RESTARTS BASE_SECONDS MAX_SECONDS
  local restarts=$1 base=$2 max=$3 delay
  delay=$base
  while ((restarts > 0 && delay < max)); do
    delay=$((delay * 2))
    restarts=$((restarts - 1))
  done
  ((delay > max)) && delay=$max
  echo "$delay"
}

# "restart" while a part that exited has been restarted fewer than LIMIT times in a row, else "give-up".
# A part that stayed up STABLE seconds since its last restart starts counting from 0 again (see
# restarts_after_uptime), so only a part that keeps failing gives up.
restart_verdict() { # RESTARTS LIMIT
  if (($1 < $2)); then echo restart; else echo give-up; fi
}

# The restart count to keep for a part that has run UPTIME seconds since its last (re)start.
restarts_after_uptime() { # RESTARTS UPTIME_SECONDS STABLE_SECONDS
  if (($2 >= $3)); then echo 0; else echo "$1"; fi
}

# Why a part exited, from the last lines of its log (given on stdin).
exit_reason() {
  local tail
  tail=$(cat)
  if grep -q 'OutOfMemoryError' <<<"$tail"; then
    echo "out of memory ($(grep -o 'OutOfMemoryError[^"]*' <<<"$tail" | tail -n 1 | cut -c1-80))"
  else
    echo "exited"
  fi
}

# One line of `make status` for a part:
#   ALIVE    yes|no  the pid file's process is ours and alive
#   PROBE    ok, or what the probe found wrong (only read when ALIVE is yes)
#   STATE    the supervisor's word on the part: "" | restarting | gave-up
#   REASON   the supervisor's reason (exit reason, give-up reason)
status_line() { # ALIVE PROBE STATE REASON
  local alive=$1 probe=$2 state=$3 reason=$4
  if [[ $alive != yes ]]; then
    case $state in
      restarting) echo "down: ${reason:-exited}; the supervisor is restarting it" ;;
      gave-up) echo "down: ${reason:-exited}; the supervisor gave up (start it again with: make run)" ;;
      *) echo "down: ${reason:-not running}" ;;
    esac
  elif [[ $probe == ok ]]; then
    echo running
  else
    echo "unhealthy: $probe"
  fi
}
