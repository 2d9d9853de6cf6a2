#!/usr/bin/env bash
# Shows each part `make run` started (the pid files in $MYSIMBDP_VAR/run) with a real probe, not
# only whether its pid exists:
#   coredms     a MongoDB ping, and whether the store still accepts writes (its heap guard)
#   kafka       the broker's cluster metadata
#   services    GET /q/health/ready
#   supervisor  alive or not
# and prints, per part: running | unhealthy: <reason> | down: <reason>, plus the supervisor's
# restart count. With --check it exits 1 unless every part is running (for scripts and tests).
# The wording is decided in local/lib/decisions.sh (status_line); the probes are local/lib/probes.sh.
set -euo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/decisions.sh
source "$script_dir/lib/decisions.sh"
# shellcheck source=lib/probes.sh
source "$script_dir/lib/probes.sh"
check=false
[[ ${1:-} == --check ]] && check=true
MYSIMBDP_HOME=$(cd "${MYSIMBDP_HOME:-$script_dir/..}" && pwd -P)
var_dir=${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}
run_dir=$var_dir/run
readonly HTTP_TIMEOUT_SECONDS=2

shopt -s nullglob
pid_files=("$run_dir"/*.pid)
if [[ ${#pid_files[@]} -eq 0 ]]; then
  echo "[mysimbdp] nothing is running from $var_dir (start it with: make run)"
  if $check; then exit 1; fi
  exit 0
fi
MYSIMBDP_VAR=$(cd "$var_dir" && pwd -P)

is_ours() { # PID NAME (the same test as run.sh and stop.sh)
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/cmdline") || return 1
  grep -qxF -- "-Dmysimbdp_run.component=$2" <<<"$cmdline" && grep -qxF -- "-Dmysimbdp_run.var=$MYSIMBDP_VAR" <<<"$cmdline"
}

supervision() { # NAME KEY
  local file=$run_dir/$1.supervision
  if [[ -f $file ]]; then sed -n "s/^$2=//p" "$file" | tail -n 1; fi
}

# "ok" or what is wrong, from the probe file run.sh wrote: "mongo HOST:PORT", "kafka HOST:PORT", "http URL"
probe() { # NAME
  local file=$run_dir/$1.probe kind target code
  [[ -f $file ]] || {
    echo ok
    return
  }
  read -r kind target <"$file"
  case $kind in
    http)
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$HTTP_TIMEOUT_SECONDS" "$target" 2>/dev/null) || true
      case $code in
        200) echo ok ;;
        000 | "") echo "no answer from $target within ${HTTP_TIMEOUT_SECONDS} s" ;;
        *) echo "$target answers $code" ;;
      esac
      ;;
    mongo) probe_mongo "$target" ;;
    kafka) probe_kafka "$target" ;;
    *) echo ok ;;
  esac
}

all_running=true
printf '%-24s %-8s %-9s %s\n' PART PID RESTARTS STATE
for f in "${pid_files[@]}"; do
  name=$(basename "$f" .pid)
  pid=$(<"$f")
  alive=no
  probe_result=ok
  if is_ours "$pid" "$name"; then
    alive=yes
    probe_result=$(probe "$name")
    [[ -n $probe_result ]] || probe_result="probe gave no answer"
  fi
  line=$(status_line "$alive" "$probe_result" "$(supervision "$name" state)" "$(supervision "$name" reason)")
  [[ $line == running ]] || all_running=false
  restarts=$(supervision "$name" restarts)
  printf '%-24s %-8s %-9s %s\n' "$name" "$pid" "${restarts:-0}" "$line"
done
echo "Logs: $MYSIMBDP_VAR/logs/   restarts: $MYSIMBDP_VAR/logs/supervisor.log"
if $check && ! $all_running; then exit 1; fi
