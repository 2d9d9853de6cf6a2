#!/usr/bin/env bash
# Starts the local mysimbdp platform in the background and returns once every part is ready:
#   kafka    the embedded Kafka broker (KRaft, one node)         unless KAFKA_BOOTSTRAP_SERVERS is set
#   coredms  the embedded MongoDB wire server (mysimbdp-coredms) unless MONGODB_URI is set
#   then every service listed in local/services.conf (MYSIMBDP_START=all).
# `make run` calls this after Maven has built the jars; this script never runs Maven.
# Stop everything with `make stop` (local/stop.sh). Running it again leaves running parts alone.
#
# Environment (default in brackets):
#   MYSIMBDP_HOME            the checkout [the folder above this script]
#   MYSIMBDP_VAR             state: staging/ invalid/ failed/ logs/ run/ kafka/ mongo/ [$MYSIMBDP_HOME/var]
#   KAFKA_PORT               embedded broker port [9092]
#   KAFKA_CONTROLLER_PORT    embedded broker's KRaft controller port [9093]
#   MONGO_PORT               embedded MongoDB wire server port [27017]
#   MONGO_BACKEND            h2 (a file, survives restarts) or memory [h2]
#   MONGO_HEAP               the store's heap; the memory backend needs ~4 GB per million documents [1g]
#   MONGO_HEAP_LIMIT_PERCENT the store refuses writes (code 14031) while this share of its heap stays in
#                            use after GC, instead of running out of memory (docs/capacity.md) [85]
#   KAFKA_BOOTSTRAP_SERVERS  use this Kafka; the embedded broker is not started
#   MONGODB_URI              use this MongoDB; the embedded server is not started
#   MYSIMBDP_START           all, or stack (only Kafka and MongoDB) [all]
#   MYSIMBDP_PORT_<SERVICE>  a service's port, e.g. MYSIMBDP_PORT_BATCH_INGEST_MANAGER=9081
#   MYSIMBDP_READY_TIMEOUT   seconds to wait for each part to become ready [90]
#   MYSIMBDP_SUPERVISE       on: start local/supervise.sh, which restarts a part that exits; off: do not [on]
#   MYSIMBDP_RESTART_LIMIT   restarts in a row before the supervisor leaves a part down [5]
#   MYSIMBDP_RUN_ONLY        start only this part (the supervisor restarts a part so) [every part]
#   JAVA_HOME                the JDK to run with [java on the PATH]
#   OTEL_EXPORTER_OTLP_ENDPOINT  send traces over OTLP (gRPC) here, e.g. http://127.0.0.1:4317 [no traces]
set -euo pipefail

# traces are off unless a collector is named (docs/metrics.md, "Traces"); services and apps inherit both
if [[ -n ${OTEL_EXPORTER_OTLP_ENDPOINT:-} ]]; then export OTEL_SDK_DISABLED=${OTEL_SDK_DISABLED:-false}; fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
MYSIMBDP_HOME=$(cd "${MYSIMBDP_HOME:-$script_dir/..}" && pwd -P)
mkdir -p "${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}"
# absolute and without symlinks: it is part of each process's identity (see is_ours), and stop.sh must agree
MYSIMBDP_VAR=$(cd "${MYSIMBDP_VAR:-$MYSIMBDP_HOME/var}" && pwd -P)

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
MONGO_PORT=${MONGO_PORT:-27017}
MONGO_BACKEND=${MONGO_BACKEND:-h2}
MYSIMBDP_START=${MYSIMBDP_START:-all}
READY_TIMEOUT_SECONDS=${MYSIMBDP_READY_TIMEOUT:-90}
SUPERVISE=${MYSIMBDP_SUPERVISE:-on}
RUN_ONLY=${MYSIMBDP_RUN_ONLY:-}

readonly POLL_SECONDS=0.2
readonly EXEC_TIMEOUT_SECONDS=10
readonly LOG_TAIL_LINES=40
readonly HEALTH_PATH=/q/health/ready
readonly HEALTH_REQUEST_TIMEOUT_SECONDS=2
# every part exits when it runs out of memory instead of lingering half-alive; the supervisor restarts it
readonly EXIT_ON_OOM=-XX:+ExitOnOutOfMemoryError
readonly KAFKA_JVM_OPTS=(-Xms256m -Xmx512m "$EXIT_ON_OOM")
readonly MONGO_JVM_OPTS=("-Xmx${MONGO_HEAP:-1g}" "$EXIT_ON_OOM")
readonly SERVICE_JVM_OPTS=(-Xmx512m "$EXIT_ON_OOM")
readonly STACK_JAR_RELATIVE=local/embedded-stack/target/embedded-stack.jar
readonly SERVICES_CONF=$script_dir/services.conf

RUN_DIR=$MYSIMBDP_VAR/run
LOG_DIR=$MYSIMBDP_VAR/logs
STACK_JAR=$MYSIMBDP_HOME/$STACK_JAR_RELATIVE
MONGO_DATA_FILE=$MYSIMBDP_VAR/mongo/coredms.mv.db
# owner-only Kafka credentials of the platform services, generated once by the embedded broker
PLATFORM_CREDENTIALS=$MYSIMBDP_VAR/credentials/platform

say() { echo "[mysimbdp] $*"; }
die() {
  echo "[mysimbdp] ERROR: $*" >&2
  exit 1
}

if [[ -n ${JAVA_HOME:-} ]]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi
command -v "$JAVA" >/dev/null || die "no Java found ($JAVA); install a JDK 17+ or set JAVA_HOME"

require_port() { # NAME VALUE
  [[ $2 =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 65535)) || die "$1 must be a port number (1-65535), got '$2'"
}

# The process is alive and was started by run.sh for this MYSIMBDP_VAR as component NAME. The pid
# alone is not enough: after a reboot or a crash the number may belong to an unrelated process.
is_ours() { # PID NAME
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/cmdline") || return 1
  grep -qxF -- "-Dmysimbdp_run.component=$2" <<<"$cmdline" && grep -qxF -- "-Dmysimbdp_run.var=$MYSIMBDP_VAR" <<<"$cmdline"
}

# Prints the pid of component NAME when it runs; removes a stale pid file otherwise.
running_pid() { # NAME
  local pid_file=$RUN_DIR/$1.pid pid
  [[ -f $pid_file ]] || return 1
  pid=$(<"$pid_file")
  if is_ours "$pid" "$1"; then
    echo "$pid"
    return 0
  fi
  rm -f "$pid_file"
  return 1
}

port_open() { # PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Fails early with advice when someone else already listens where we want to start NAME.
require_port_free() { # NAME PORT ADVICE
  if port_open "$2"; then
    die "cannot start $1: 127.0.0.1:$2 is already in use by another process (see: ss -ltnp | grep :$2). $3"
  fi
}

# Starts component NAME in the background, detached from this shell (setsid, nohup), unless it runs.
#   launch NAME [VAR=value ...] -- JAVA_ARGS...
launch() {
  local name=$1 pid
  shift
  local env_vars=()
  while [[ $1 != -- ]]; do
    env_vars+=("$1")
    shift
  done
  shift
  local log_file=$LOG_DIR/$name.log
  rm -f "$RUN_DIR/$name.ready"
  # a part the user starts again starts with a clean restart count (the supervisor keeps its own)
  [[ -n $RUN_ONLY ]] || rm -f "$RUN_DIR/$name.supervision"
  echo "==== $(date -Is) run.sh starting $name" >>"$log_file"
  # the -D markers identify the process for is_ours (run.sh, stop.sh)
  nohup setsid env "${env_vars[@]}" "$JAVA" "-Dmysimbdp_run.component=$name" "-Dmysimbdp_run.var=$MYSIMBDP_VAR" "$@" \
    >>"$log_file" 2>&1 </dev/null {lock_fd}>&- &
  pid=$!
  echo "$pid" >"$RUN_DIR/$name.pid"
  # until the forked shell has exec'd, /proc/PID/cmdline is this script's: wait for our markers,
  # so later checks never mistake a starting component for a stale pid file
  local deadline=$((SECONDS + EXEC_TIMEOUT_SECONDS))
  until is_ours "$pid" "$name"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      not_ready "$name" "did not start (pid $pid)"
    fi
    sleep "$POLL_SECONDS"
  done
  say "$name starting (pid $pid, log $log_file)"
}

# True when this run starts part NAME: every part, or only MYSIMBDP_RUN_ONLY's.
wanted() { # NAME
  [[ -z $RUN_ONLY || $RUN_ONLY == "$1" ]]
}

already_running() { # NAME -> true (and says so) when NAME runs
  local pid
  pid=$(running_pid "$1") || return 1
  say "$1 already running (pid $pid)"
}

# A key's value in a credentials file (kafka.username=...); nothing when the file or key is absent.
credential() { # FILE KEY
  [[ -f $1 ]] || return 0
  sed -n "s/^$2=//p" "$1" | tail -n 1
}

embedded_ready() { # NAME PORT: the server wrote its ready file (startup finished) and accepts connections
  [[ -f $RUN_DIR/$1.ready ]] && port_open "$2"
}

service_ready() { # NAME PORT
  curl -fsS -o /dev/null --max-time "$HEALTH_REQUEST_TIMEOUT_SECONDS" "http://127.0.0.1:$2$HEALTH_PATH" 2>/dev/null
}

not_ready() { # NAME WHY
  local log_file=$LOG_DIR/$1.log
  {
    echo "[mysimbdp] ERROR: $1 $2. Last lines of $log_file:"
    tail -n "$LOG_TAIL_LINES" "$log_file" 2>/dev/null | sed 's/^/    /'
    echo "[mysimbdp] Whatever else started keeps running; stop it with: make stop (local/stop.sh)"
  } >&2
  exit 1
}

# Waits (bounded) until CHECK NAME PORT succeeds; fails with the component's log when it exits or times out.
wait_ready() { # CHECK NAME PORT
  local check=$1 name=$2 port=$3 deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  local pid
  pid=$(<"$RUN_DIR/$name.pid")
  until "$check" "$name" "$port"; do
    is_ours "$pid" "$name" || not_ready "$name" "exited before it was ready"
    ((SECONDS < deadline)) || not_ready "$name" "is not ready after ${READY_TIMEOUT_SECONDS} s (it keeps running)"
    sleep "$POLL_SECONDS"
  done
  say "$name ready on 127.0.0.1:$port"
}

# ---- what to start -------------------------------------------------------------------------------

case $MYSIMBDP_START in
  all | stack) ;;
  *) die "MYSIMBDP_START must be 'all' or 'stack', got '$MYSIMBDP_START'" ;;
esac
case $SUPERVISE in
  on | off) ;;
  *) die "MYSIMBDP_SUPERVISE must be 'on' or 'off', got '$SUPERVISE'" ;;
esac
case $MONGO_BACKEND in
  h2 | memory) ;;
  *) die "MONGO_BACKEND must be 'h2' or 'memory', got '$MONGO_BACKEND'" ;;
esac
require_port KAFKA_PORT "$KAFKA_PORT"
require_port KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
require_port MONGO_PORT "$MONGO_PORT"
[[ $READY_TIMEOUT_SECONDS =~ ^[0-9]+$ ]] || die "MYSIMBDP_READY_TIMEOUT must be a number of seconds"

start_kafka=true
start_mongo=true
[[ -z ${KAFKA_BOOTSTRAP_SERVERS:-} ]] || start_kafka=false
[[ -z ${MONGODB_URI:-} ]] || start_mongo=false
kafka_bootstrap=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}
mongo_uri=${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT}

service_names=()
service_ports=()
service_jars=()
if [[ $MYSIMBDP_START == all ]]; then
  [[ -f $SERVICES_CONF ]] || die "missing $SERVICES_CONF"
  line_number=0
  while read -r name port jar extra || [[ -n ${name:-} ]]; do
    line_number=$((line_number + 1))
    [[ -z ${name:-} || $name == \#* ]] && continue
    [[ -n ${jar:-} && -z ${extra:-} ]] ||
      die "$SERVICES_CONF line $line_number: expected 'name port jar', got '$name ${port:-} ${jar:-} ${extra:-}'"
    # MYSIMBDP_PORT_<NAME in upper case, - as _> overrides the port
    override_var=MYSIMBDP_PORT_$(tr 'a-z-' 'A-Z_' <<<"$name")
    port=${!override_var:-$port}
    require_port "port of $name ($SERVICES_CONF line $line_number or $override_var)" "$port"
    [[ -f $MYSIMBDP_HOME/$jar ]] ||
      die "$name: $MYSIMBDP_HOME/$jar does not exist; run make build (or: mvn -DskipTests package) first"
    service_names+=("$name")
    service_ports+=("$port")
    service_jars+=("$MYSIMBDP_HOME/$jar")
  done <"$SERVICES_CONF"
fi
if $start_kafka || $start_mongo; then
  [[ -f $STACK_JAR ]] || die "$STACK_JAR does not exist; run make build (or: mvn -DskipTests package) first"
fi

mkdir -p "$MYSIMBDP_VAR"/{staging,invalid,failed,logs,run,kafka,mongo}
# one run.sh at a time per var dir, or two could start the same component twice
exec {lock_fd}>"$RUN_DIR/run.lock"
flock -n "$lock_fd" || die "another local/run.sh is starting components from $MYSIMBDP_VAR; wait for it"
# relative paths in the services (config/tenants, ...) resolve against the checkout
cd "$MYSIMBDP_HOME"

# the operator key (docs/operator-key.md): made once, owner-only; the services and bin/mysimbdp read it
operator_key_file=$MYSIMBDP_VAR/credentials/operator.key
if [[ ! -s $operator_key_file ]]; then
  (umask 077 && mkdir -p "$MYSIMBDP_VAR/credentials" && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$operator_key_file")
fi
export MYSIMBDP_OPERATOR_KEY_FILE=${MYSIMBDP_OPERATOR_KEY_FILE:-$operator_key_file}

# ---- the stack: Kafka and MongoDB start side by side, services need both -------------------------

wanted kafka || start_kafka_now=false
if ${start_kafka_now:-$start_kafka} && ! already_running kafka; then
  require_port_free kafka "$KAFKA_PORT" "Set KAFKA_PORT to a free port, or KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT to use that broker."
  require_port_free kafka "$KAFKA_CONTROLLER_PORT" "Set KAFKA_CONTROLLER_PORT to a free port."
  launch kafka -- "${KAFKA_JVM_OPTS[@]}" -jar "$STACK_JAR" kafka \
    --port "$KAFKA_PORT" --controller-port "$KAFKA_CONTROLLER_PORT" --data "$MYSIMBDP_VAR/kafka" \
    --credentials "$PLATFORM_CREDENTIALS" --ready-file "$RUN_DIR/kafka.ready"
fi
wanted coredms || start_mongo_now=false
if ${start_mongo_now:-$start_mongo} && ! already_running coredms; then
  require_port_free coredms "$MONGO_PORT" "Set MONGO_PORT to a free port, or MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT to use that server."
  launch coredms -- "${MONGO_JVM_OPTS[@]}" -jar "$STACK_JAR" mongo \
    --port "$MONGO_PORT" --backend "$MONGO_BACKEND" --data "$MONGO_DATA_FILE" \
    --heap-limit-percent "${MONGO_HEAP_LIMIT_PERCENT:-85}" --ready-file "$RUN_DIR/coredms.ready"
fi
if ${start_kafka_now:-$start_kafka}; then wait_ready embedded_ready kafka "$KAFKA_PORT"; fi
if ${start_mongo_now:-$start_mongo}; then wait_ready embedded_ready coredms "$MONGO_PORT"; fi

# ---- the services ---------------------------------------------------------------------------------

for i in "${!service_names[@]}"; do
  name=${service_names[$i]}
  port=${service_ports[$i]}
  wanted "$name" || continue
  already_running "$name" && continue
  override_var=MYSIMBDP_PORT_$(tr 'a-z-' 'A-Z_' <<<"$name")
  require_port_free "$name" "$port" "Set $override_var to a free port."
  # the service's own Kafka principal, through the environment (never the command line); services
  # without a file (they do not use Kafka) get none
  credentials_file=$PLATFORM_CREDENTIALS/$name.properties
  MYSIMBDP_KAFKA_USERNAME=$(credential "$credentials_file" kafka.username) \
    MYSIMBDP_KAFKA_PASSWORD=$(credential "$credentials_file" kafka.password) \
    launch "$name" \
    "MYSIMBDP_HOME=$MYSIMBDP_HOME" "MYSIMBDP_VAR=$MYSIMBDP_VAR" "QUARKUS_HTTP_PORT=$port" \
    "MYSIMBDP_MONGODB_URI=$mongo_uri" "QUARKUS_MONGODB_CONNECTION_STRING=$mongo_uri" \
    "KAFKA_BOOTSTRAP_SERVERS=$kafka_bootstrap" \
    -- "${SERVICE_JVM_OPTS[@]}" -jar "${service_jars[$i]}"
done
for i in "${!service_names[@]}"; do
  wanted "${service_names[$i]}" || continue
  wait_ready service_ready "${service_names[$i]}" "${service_ports[$i]}"
done
# what local/status.sh probes, per part
if ${start_kafka_now:-$start_kafka}; then echo "kafka 127.0.0.1:$KAFKA_PORT" >"$RUN_DIR/kafka.probe"; fi
if ${start_mongo_now:-$start_mongo}; then echo "mongo 127.0.0.1:$MONGO_PORT" >"$RUN_DIR/coredms.probe"; fi
for i in "${!service_names[@]}"; do
  wanted "${service_names[$i]}" || continue
  echo "http http://127.0.0.1:${service_ports[$i]}$HEALTH_PATH" >"$RUN_DIR/${service_names[$i]}.probe"
done

# a restart by the supervisor ends here: it is already running
if [[ -n $RUN_ONLY ]]; then
  say "$RUN_ONLY started (MYSIMBDP_RUN_ONLY)"
  exit 0
fi

# ---- the supervisor: restarts a part that exits (local/supervise.sh) ------------------------------

if [[ $SUPERVISE == on ]] && ! already_running supervisor; then
  rm -f "$RUN_DIR/supervisor.supervision"
  echo "==== $(date -Is) run.sh starting supervisor" >>"$LOG_DIR/supervisor.log"
  # the marker arguments identify it like the Java parts (is_ours); it inherits this environment
  nohup setsid bash "$script_dir/supervise.sh" "-Dmysimbdp_run.component=supervisor" "-Dmysimbdp_run.var=$MYSIMBDP_VAR" \
    >>"$LOG_DIR/supervisor.log" 2>&1 </dev/null {lock_fd}>&- &
  echo "$!" >"$RUN_DIR/supervisor.pid"
  say "supervisor started (pid $!, log $LOG_DIR/supervisor.log)"
fi

# ---- where things are ----------------------------------------------------------------------------

echo
say "mysimbdp is running (MYSIMBDP_START=$MYSIMBDP_START)"
if $start_kafka; then
  echo "  Kafka      $kafka_bootstrap  (embedded broker, data in $MYSIMBDP_VAR/kafka)"
else
  echo "  Kafka      $kafka_bootstrap  (external, from KAFKA_BOOTSTRAP_SERVERS)"
fi
if ! $start_mongo; then
  echo "  MongoDB    (external, from MONGODB_URI)"
elif [[ $MONGO_BACKEND == h2 ]]; then
  echo "  MongoDB    $mongo_uri  (embedded coredms, h2 file $MONGO_DATA_FILE)"
else
  echo "  MongoDB    $mongo_uri  (embedded coredms, memory backend: data is lost on stop)"
fi
for i in "${!service_names[@]}"; do
  printf '  %-28s http://127.0.0.1:%s  (/q/health, /q/metrics)\n' "${service_names[$i]}" "${service_ports[$i]}"
done
echo "  Drop files into $MYSIMBDP_VAR/staging/<tenant>/"
echo "  Logs           $LOG_DIR/   (restarts: $LOG_DIR/supervisor.log)"
echo "  Operator key   $MYSIMBDP_OPERATOR_KEY_FILE  (managers' /api/status and mutating calls, daas /api/stats)"
echo "  Status         make status   (or local/status.sh)"
echo "  Stop with      make stop   (or local/stop.sh)"
