{{- define "vigil.labels" -}}
app.kubernetes.io/part-of: vigil
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "vigil.kafkaCluster" -}}
{{- .Values.global.kafka.clusterName | default (printf "%s-kafka" .Release.Name) -}}
{{- end -}}

{{- define "vigil.postgresCluster" -}}
{{- .Values.global.postgres.clusterName | default (printf "%s-postgres" .Release.Name) -}}
{{- end -}}

{{/*
The topics (io.vigil.contracts.topics.Topics): values key, topic name, whether compacted. Every topic
but the dead-letter ones has a ".dlq" twin its consumers write refused records to.
*/}}
{{- define "vigil.topics" -}}
alerts: vigil.alerts.v1
directory: vigil.directory.v1
incidents: vigil.incidents.v1
notifications: vigil.notifications.v1
audit: vigil.audit.v1
{{- end -}}

{{/*
What each service reads and writes (docs/architecture.md, "Topics"). A consumer also writes the
dead-letter topic of each topic it reads.
*/}}
{{- define "vigil.topicAccess" -}}
intake:
  reads: []
  writes: [vigil.alerts.v1, vigil.directory.v1, vigil.audit.v1]
triage:
  group: vigil-triage
  reads: [vigil.alerts.v1, vigil.directory.v1, vigil.notifications.v1]
  writes: [vigil.incidents.v1, vigil.audit.v1]
notification:
  group: vigil-notification
  reads: [vigil.incidents.v1, vigil.directory.v1]
  writes: [vigil.notifications.v1, vigil.audit.v1]
reporting:
  group: vigil-reporting
  reads: [vigil.incidents.v1, vigil.notifications.v1, vigil.audit.v1, vigil.directory.v1]
  writes: [vigil.audit.v1]
{{- end -}}
