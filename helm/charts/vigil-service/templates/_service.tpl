{{- define "vigil-service.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "vigil-service.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
{{- end -}}

{{- define "vigil-service.serviceaccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
# Vigil never calls the Kubernetes API.
automountServiceAccountToken: false
{{- end -}}

{{- define "vigil-service.autoscaler" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "vigil-service.name" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    # Consumers rebalance their partitions on every scale step; scaling down slowly avoids churn.
    scaleDown:
      stabilizationWindowSeconds: 300
      policies:
        - type: Pods
          value: 1
          periodSeconds: 120
{{- end -}}
{{- end -}}

{{/* Only with more than one replica: a budget of one pod would block every node drain. */}}
{{- define "vigil-service.disruptionbudget" -}}
{{- if gt (int (include "vigil-service.minReplicas" .)) 1 -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "vigil-service.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}
