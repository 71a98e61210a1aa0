{{- define "vigil-service.deployment" -}}
{{- $g := .Values.global -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "vigil-service.name" . }}
  labels:
    {{- include "vigil-service.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "vigil-service.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "vigil-service.labels" . | nindent 8 }}
      annotations:
        # A changed configuration file rolls the pods, since Quarkus reads it only at start.
        checksum/config: {{ include "vigil-service.properties" . | sha256sum }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ .Values.port | quote }}
        prometheus.io/path: /q/metrics
    spec:
      serviceAccountName: {{ include "vigil-service.name" . }}
      automountServiceAccountToken: false
      {{- with $g.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ $g.securityContext.runAsUser }}
        runAsGroup: {{ $g.securityContext.runAsGroup }}
        fsGroup: {{ $g.securityContext.runAsGroup }}
        seccompProfile:
          type: RuntimeDefault
      {{- if gt (int (include "vigil-service.minReplicas" .)) 1 }}
      # Replicas on different nodes, so losing one node leaves the service running.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "vigil-service.selectorLabels" . | nindent 14 }}
      {{- end }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "vigil-service.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          ports:
            - name: http
              containerPort: {{ .Values.port }}
              protocol: TCP
            {{- range .Values.extraPorts }}
            - name: {{ .name }}
              containerPort: {{ .containerPort }}
              protocol: {{ .protocol }}
            {{- end }}
          env:
            - name: SMALLRYE_CONFIG_LOCATIONS
              value: /etc/vigil/config/vigil.properties
            - name: JAVA_TOOL_OPTIONS
              value: {{ .Values.javaOptions | quote }}
            - name: VIGIL_KAFKA_JAAS_CONFIG
              valueFrom:
                secretKeyRef:
                  # Written by Strimzi's user operator for the KafkaUser of this service.
                  name: {{ include "vigil-service.kafkaUser" . }}
                  key: sasl.jaas.config
            - name: VIGIL_DB_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ required (printf "%s.database.secretName is required" .Chart.Name) .Values.database.secretName }}
                  key: username
            - name: VIGIL_DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.database.secretName }}
                  key: password
            {{- range .Values.secretEnv }}
            - name: {{ .name }}
              valueFrom:
                secretKeyRef:
                  name: {{ .secretName }}
                  key: {{ .key }}
                  {{- if .optional }}
                  optional: true
                  {{- end }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 5
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/vigil/config
              readOnly: true
            - name: kafka-ca
              mountPath: /etc/vigil/kafka-ca
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: config
          configMap:
            name: {{ include "vigil-service.name" . }}
        - name: kafka-ca
          secret:
            # The cluster CA certificate Strimzi publishes, so clients verify the brokers' TLS.
            secretName: {{ include "vigil-service.kafkaCluster" . }}-cluster-ca-cert
            items:
              - key: ca.crt
                path: ca.crt
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
{{- end -}}
