# Probes of local/status.sh, in bash over /dev/tcp so `make status` starts no JVM (seconds each on a
# busy laptop). Each prints "ok" or what is wrong, in one line. Sourced; never run.

readonly PROBE_TIMEOUT_SECONDS=3

# Reads exactly N bytes from fd 3 as one hex string (dd bs=1 never reads past them).
read_hex() { # N
  timeout "$PROBE_TIMEOUT_SECONDS" dd bs=1 count="$1" status=none <&3 | od -An -v -tx1 | tr -d ' \n'
}

# One OP_MSG round trip on fd 3: sends the message (printf escapes), prints the reply body as hex.
mongo_round_trip() { # MESSAGE
  local length_hex length
  printf "$1" >&3 || return 1
  length_hex=$(read_hex 4) || return 1
  [[ ${#length_hex} == 8 ]] || return 1
  # little-endian int32
  length=$((16#${length_hex:6:2}${length_hex:4:2}${length_hex:2:2}${length_hex:0:2}))
  ((length > 4 && length < 65536)) || return 1
  read_hex $((length - 4))
}

# {ping: 1, $db: "admin"} and {mysimbdpStoreState: 1, $db: "admin"} as OP_MSG (opcode 2013)
readonly MONGO_PING='\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00'
readonly MONGO_STORE_STATE='\x41\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x2c\x00\x00\x00\x10mysimbdpStoreState\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00'
# "ok": 1.0 (a BSON double) and "writable": false (a BSON boolean), as hex
readonly BSON_OK_DOUBLE=016f6b00000000000000f03f
readonly BSON_WRITABLE_FALSE_FULL=087772697461626c650000

# The store answers a ping, and its heap guard (GuardedBackend) says it takes writes.
probe_mongo() { # HOST:PORT
  local host=${1%:*} port=${1##*:} reply
  if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
    echo "store not answering on $1 (connection refused)"
    return
  fi
  reply=$(mongo_round_trip "$MONGO_PING") || reply=
  if [[ $reply != *"$BSON_OK_DOUBLE"* ]]; then
    exec 3>&-
    echo "store on $1 does not answer a ping within ${PROBE_TIMEOUT_SECONDS} s"
    return
  fi
  reply=$(mongo_round_trip "$MONGO_STORE_STATE") || reply=
  exec 3>&-
  if [[ $reply == *"$BSON_WRITABLE_FALSE_FULL"* ]]; then
    echo "store full: refusing writes (heap nearly full after GC; see coredms.log; raise MONGO_HEAP or use MONGODB_URI)"
  else
    echo ok
  fi
}

# Kafka ApiVersions v0: the one request a SASL listener answers before a client authenticates (the broker
# lets only authenticated clients in, so a Metadata request would get no answer). The reply: size,
# correlation id, error code, then the length of its API list (big-endian).
readonly KAFKA_API_VERSIONS='\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x01\x00\x05probe'
probe_kafka() { # HOST:PORT
  local host=${1%:*} port=${1##*:} reply error apis
  if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
    echo "broker not answering on $1 (connection refused)"
    return
  fi
  printf "$KAFKA_API_VERSIONS" >&3
  reply=$(read_hex 14) || reply=
  exec 3>&-
  if [[ ${#reply} != 28 ]]; then
    echo "broker on $1 does not answer an ApiVersions request within ${PROBE_TIMEOUT_SECONDS} s"
    return
  fi
  error=$((16#${reply:16:4}))
  apis=$((16#${reply:20:8}))
  if ((error == 0 && apis > 0)); then echo ok; else echo "broker on $1 answers ApiVersions with error code $error"; fi
}
