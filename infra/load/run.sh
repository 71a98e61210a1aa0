#!/usr/bin/env bash
# Benchmarks of Vigil on this machine, each against a baseline measured in the same run (raw Kafka, or for
# notification a plain SMTP client).
#
#   infra/load/run.sh intake [options]    build, start the infrastructure and intake, measure, write
#                                         docs/performance.md (options: infra/load/run.sh intake --help)
#   infra/load/run.sh triage [options]    the same for triage: correlation against a raw consumer, and
#                                         case status changes as the incident table grows
#   infra/load/run.sh notification [options]   e-mails delivered against a plain SMTP client, then alert
#                                         accepted at intake to e-mail accepted by SMTP at a fixed alert rate
#   infra/load/run.sh reporting [options]   incident events projected into reporting's register against a
#                                         raw consumer of the same records
#   infra/load/run.sh report [options]   the trust-wide governor report over a year of 100 schools' incidents
#                                         written into reporting's register, against one SQL aggregate of them
#   infra/load/run.sh chaos [options]    100,000 alerts while services are killed, Kafka and PostgreSQL
#                                         restarted and SMTP stopped for 5 minutes; checks nothing was lost
#                                         or duplicated and writes docs/reliability.md
#   infra/load/run.sh abuse [options]    input abuse: a million generated and spoilt inputs (--inputs N) to every
#                                         HTTP endpoint of the four services, intake's syslog listener (UDP, TCP)
#                                         and the report upload; writes infra/load/target/results/abuse-summary.txt
#                                         and exits 1 if anything escaped (a 5xx, a rejection that is no
#                                         problem+json, an input not accounted for, a listener gone)
#   infra/load/run.sh system [options]   Vigil as a whole against a raw Kafka producer (durable ingest) and
#                                         Prometheus Alertmanager (ingest to notification) given the same
#                                         alerts, then 10 minutes at 1,000 alerts/s: latency over time, consumer
#                                         lag, memory; writes docs/performance.md and its chart
#   VIGIL_SKIP_BUILD=1 infra/load/run.sh intake   measure without building first
#
# The infrastructure (Kafka, PostgreSQL, Keycloak, SMTP) runs as infra/local-stack/run.sh --infra-only
# does, in infra/load/target/stack, and stops when the benchmark ends.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

benchmark="${1:-}"
case "$benchmark" in
  intake) main_class=io.vigil.load.IntakeBenchmark ;;
  triage) main_class=io.vigil.load.TriageBenchmark ;;
  notification) main_class=io.vigil.load.NotificationBenchmark ;;
  reporting) main_class=io.vigil.load.ReportingBenchmark ;;
  report) main_class=io.vigil.load.ReportBenchmark ;;
  chaos) main_class=io.vigil.load.ChaosBenchmark ;;
  abuse) main_class=io.vigil.load.AbuseBenchmark ;;
  system) main_class=io.vigil.load.SystemBenchmark ;;
  *)
    echo "Usage: infra/load/run.sh intake|triage|notification|reporting|report|chaos|abuse|system [options]" >&2
    exit 2
    ;;
esac
shift

if [[ -z "${VIGIL_SKIP_BUILD:-}" ]]; then
  echo "Building the services, the local stack and the benchmark (tests skipped)..."
  ./mvnw -q -DskipTests -Dquarkus.analytics.disabled=true package -pl infra/container-image,infra/load -am
fi

classpath_file="infra/load/target/load-classpath.txt"
if [[ ! -f "$classpath_file" ]]; then
  echo "$classpath_file is missing: build first (./mvnw -DskipTests package -pl infra/container-image,infra/load -am)." >&2
  exit 1
fi

state_dir="infra/load/target/stack"
mkdir -p "$state_dir"
rm -f "$state_dir/endpoints.properties"
VIGIL_SKIP_BUILD=1 infra/local-stack/run.sh --infra-only --state-dir "$state_dir" --owner-pid $$ \
  > "$state_dir/stack.log" 2>&1 &
stack_pid=$!

stop_stack() {
  if kill -0 "$stack_pid" 2>/dev/null; then
    echo "Stopping the infrastructure..."
    infra/local-stack/run.sh stop --state-dir "$state_dir" > /dev/null || true
  fi
}
trap stop_stack EXIT

echo "Starting Kafka, PostgreSQL, Keycloak and SMTP (log: $state_dir/stack.log)..."
for _ in $(seq 1 720); do
  [[ -f "$state_dir/endpoints.properties" ]] && break
  if ! kill -0 "$stack_pid" 2>/dev/null; then
    echo "The infrastructure did not start; last lines of $state_dir/stack.log:" >&2
    tail -n 30 "$state_dir/stack.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [[ ! -f "$state_dir/endpoints.properties" ]]; then
  echo "The infrastructure was not ready within 6 minutes; see $state_dir/stack.log" >&2
  exit 1
fi

java -Xms1g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "infra/load/target/classes:$(cat "$classpath_file")" "$main_class" \
  --state-dir "$state_dir" --command "infra/load/run.sh $benchmark${*:+ $*}" "$@"
