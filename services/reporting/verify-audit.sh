#!/usr/bin/env bash
# Checks the hash-chained audit trail in the reporting database without starting the service
# (ADR 0009). Prints one line per trust; exit status 0 when every chain is intact, 1 when a link is
# broken, 2 when it could not check. Options: --trust TRUST_ID, --jdbc-url URL, --user NAME; the
# database otherwise comes from QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD, like the
# service's, else the local stack's.
#
# It runs on the service's packaged libraries: build them first with
#   ./mvnw -pl services/reporting -am package -DskipTests
# or point VIGIL_REPORTING_APP at a deployed quarkus-app directory (in the container image:
# VIGIL_REPORTING_APP=/deployments).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="${VIGIL_REPORTING_APP:-$here/target/quarkus-app}"
if [ ! -d "$app/lib/main" ] || [ ! -d "$app/app" ]; then
    echo "verify-audit: no packaged reporting service at $app;" \
        "build it first: ./mvnw -pl services/reporting -am package -DskipTests" >&2
    exit 2
fi
java="java"
if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
fi
exec "$java" -cp "$app/app/*:$app/lib/main/*" io.vigil.reporting.audit.VerifyAuditChain "$@"
