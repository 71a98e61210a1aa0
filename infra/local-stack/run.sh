#!/usr/bin/env bash
# Runs the whole of Vigil on this machine without Docker: Kafka, PostgreSQL, Keycloak, an SMTP server and
# the four services. Ctrl-C stops everything.
#
#   infra/local-stack/run.sh                  build, then start everything (fixed ports, see README)
#   infra/local-stack/run.sh --infra-only     build, then start only the infrastructure
#   infra/local-stack/run.sh stop             stop a stack started from another terminal
#   VIGIL_SKIP_BUILD=1 infra/local-stack/run.sh   start without building first
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

state_dir="target/vigil-local"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--state-dir" && $((i + 1)) -lt ${#args[@]} ]]; then
    state_dir="${args[$((i + 1))]}"
  fi
done

if [[ "${1:-}" == "stop" ]]; then
  pid_file="$state_dir/stack.pid"
  if [[ ! -f "$pid_file" ]]; then
    echo "No stack is running ($pid_file not found)."
    exit 0
  fi
  pid="$(cat "$pid_file")"
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "No stack is running (pid $pid is gone)."
    rm -f "$pid_file"
    exit 0
  fi
  echo "Stopping the Vigil stack (pid $pid)..."
  kill -TERM "$pid"
  # The stack stops its services and servers in its shutdown hook; give it time to finish.
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { echo "Stopped."; exit 0; }
    sleep 0.5
  done
  echo "The stack did not stop within 60 s; killing it." >&2
  kill -KILL "$pid" 2>/dev/null || true
  exit 1
fi

if [[ -z "${VIGIL_SKIP_BUILD:-}" ]]; then
  echo "Building Vigil (tests skipped)..."
  ./mvnw -q -DskipTests -Dquarkus.analytics.disabled=true install
fi

classpath_file="infra/local-stack/target/stack-classpath.txt"
if [[ ! -f "$classpath_file" ]]; then
  echo "$classpath_file is missing: the build did not produce the local stack." >&2
  exit 1
fi

exec java -cp "infra/local-stack/target/classes:$(cat "$classpath_file")" io.vigil.stack.LocalStack "$@"
