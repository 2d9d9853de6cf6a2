#!/bin/bash
# Plays a tenant stream app for the manager's tests: records the environment it was given and its
# pid (beside this script, in instances/), then waits to be stopped. No arguments, like a real app.
set -u
dir="$(dirname "$0")/instances"
mkdir -p "$dir"
id="$MYSIMBDP_INSTANCE_ID"
env | grep -E '^(MYSIMBDP_|KAFKA_)' | sort > "$dir/$id.env.tmp"
mv "$dir/$id.env.tmp" "$dir/$id.env"
echo $$ >> "$dir/all.pids"
echo $$ > "$dir/$id.pid.tmp"
mv "$dir/$id.pid.tmp" "$dir/$id.pid"
exec sleep 3600
