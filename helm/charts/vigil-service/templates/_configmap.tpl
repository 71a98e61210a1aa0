{{/*
The service's configuration file, mounted at /etc/vigil/vigil.properties and read through
SMALLRYE_CONFIG_LOCATIONS. It holds no secret: passwords and keys are "${VARIABLE}" references to
environment variables the Deployment fills from existing Kubernetes Secrets.
*/}}
{{- define "vigil-service.properties" -}}
{{- $g := .Values.global -}}
quarkus.http.port={{ .Values.port }}
kafka.bootstrap.servers={{ include "vigil-service.kafkaCluster" . }}-kafka-bootstrap:9093
kafka.security.protocol=SASL_SSL
kafka.sasl.mechanism=SCRAM-SHA-512
kafka.sasl.jaas.config=${VIGIL_KAFKA_JAAS_CONFIG}
kafka.ssl.truststore.type=PEM
kafka.ssl.truststore.location=/etc/vigil/kafka-ca/ca.crt
quarkus.datasource.jdbc.url=jdbc:postgresql://{{ include "vigil-service.postgresCluster" . }}-rw:5432/{{ .Values.database.name }}?sslmode=require
quarkus.datasource.username=${VIGIL_DB_USERNAME}
quarkus.datasource.password=${VIGIL_DB_PASSWORD}
quarkus.datasource.jdbc.max-size={{ .Values.database.maxConnections }}
quarkus.oidc.auth-server-url={{ required "global.oidc.authServerUrl is required: the issuer URL of the trust's Keycloak realm or Entra ID tenant" $g.oidc.authServerUrl }}
quarkus.oidc.client-id={{ $g.oidc.clientId }}
quarkus.oidc.roles.role-claim-path={{ $g.oidc.roleClaimPath }}
{{- with $g.oidc.audience }}
quarkus.oidc.token.audience={{ . }}
{{- end }}
vigil.calendar.zone={{ $g.timeZone }}
{{- if $g.tracing.enabled }}
quarkus.otel.sdk.disabled=false
quarkus.otel.exporter.otlp.traces.endpoint={{ required "global.tracing.endpoint is required with tracing on" $g.tracing.endpoint }}
quarkus.otel.exporter.otlp.traces.protocol={{ $g.tracing.protocol }}
quarkus.otel.traces.sampler.arg={{ $g.tracing.samplerRatio }}
{{- end }}
{{- range $key, $value := .Values.properties }}
{{ $key }}={{ $value }}
{{- end }}
{{- end -}}

{{- define "vigil-service.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
data:
  vigil.properties: |
    {{- include "vigil-service.properties" . | nindent 4 }}
{{- end -}}
