{{/*
Each service reaches only DNS, the Kafka brokers, its own database on the PostgreSQL cluster, the OIDC
provider, and what its values list under extraEgress (notification: the SMTP relay and HTTPS for
GOV.UK Notify and webhooks). It is reached only on its HTTP port, from the peers the values name
(the ingress controller, Prometheus), and on the ports listed under extraIngress (intake's syslog).
*/}}
{{- define "vigil-service.networkpolicy" -}}
{{- $g := .Values.global -}}
{{- if $g.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "vigil-service.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- toYaml $g.networkPolicy.httpFrom | nindent 8 }}
    {{- range .Values.extraIngress }}
    - ports:
        {{- toYaml .ports | nindent 8 }}
      from:
        {{- toYaml .from | nindent 8 }}
    {{- end }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
      to:
        {{- toYaml $g.networkPolicy.dns | nindent 8 }}
    - ports:
        - port: 9093
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              strimzi.io/cluster: {{ include "vigil-service.kafkaCluster" . }}
              strimzi.io/kind: Kafka
    - ports:
        - port: 5432
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              cnpg.io/cluster: {{ include "vigil-service.postgresCluster" . }}
    - ports:
        {{- toYaml $g.oidc.egress.ports | nindent 8 }}
      to:
        {{- toYaml $g.oidc.egress.to | nindent 8 }}
    {{- if $g.tracing.enabled }}
    - ports:
        {{- toYaml $g.tracing.egress.ports | nindent 8 }}
      to:
        {{- toYaml $g.tracing.egress.to | nindent 8 }}
    {{- end }}
    {{- range .Values.extraEgress }}
    - ports:
        {{- toYaml .ports | nindent 8 }}
      to:
        {{- toYaml .to | nindent 8 }}
    {{- end }}
{{- end -}}
{{- end -}}

{{/* Everything a service's chart renders, in one include. */}}
{{- define "vigil-service.all" -}}
{{ include "vigil-service.serviceaccount" . }}
---
{{ include "vigil-service.configmap" . }}
---
{{ include "vigil-service.deployment" . }}
---
{{ include "vigil-service.service" . }}
{{- with (include "vigil-service.autoscaler" .) }}
---
{{ . }}
{{- end }}
{{- with (include "vigil-service.disruptionbudget" .) }}
---
{{ . }}
{{- end }}
{{- with (include "vigil-service.networkpolicy" .) }}
---
{{ . }}
{{- end }}
{{- end -}}
