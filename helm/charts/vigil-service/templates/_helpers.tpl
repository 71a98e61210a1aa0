{{/*
Names. Every object of a service is called "<release>-<service>" (for example "vigil-intake"), so two
releases can share a namespace and each service's objects are found by one label.
*/}}
{{- define "vigil-service.name" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "vigil-service.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "vigil-service.labels" -}}
{{ include "vigil-service.selectorLabels" . }}
app.kubernetes.io/part-of: vigil
app.kubernetes.io/component: {{ .Chart.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The Kafka cluster and PostgreSQL cluster names the umbrella chart gives its Strimzi and CloudNativePG resources. */}}
{{- define "vigil-service.kafkaCluster" -}}
{{- .Values.global.kafka.clusterName | default (printf "%s-kafka" .Release.Name) -}}
{{- end -}}

{{- define "vigil-service.postgresCluster" -}}
{{- .Values.global.postgres.clusterName | default (printf "%s-postgres" .Release.Name) -}}
{{- end -}}

{{- define "vigil-service.kafkaUser" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name -}}
{{- end -}}

{{- define "vigil-service.image" -}}
{{- $registry := .Values.global.image.registry -}}
{{- $tag := .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
The replicas a service runs: with autoscaling on, the autoscaler decides and the Deployment leaves the
field out, so an upgrade does not reset what the autoscaler chose.
*/}}
{{- define "vigil-service.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}{{ .Values.autoscaling.minReplicas }}{{- else -}}{{ .Values.replicaCount }}{{- end -}}
{{- end -}}
