{{/* Shared names, labels and container parts of the mysimbdp chart. */}}

{{/* The chart name (app.kubernetes.io/name). */}}
{{- define "mysimbdp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Prefix of every object name: the release name, plus the chart name unless it already contains it. */}}
{{- define "mysimbdp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "batch-ingest-manager"). */}}
{{- define "mysimbdp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mysimbdp.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's objects. Same arguments as mysimbdp.selectorLabels. */}}
{{- define "mysimbdp.labels" -}}
{{ include "mysimbdp.selectorLabels" . }}
app.kubernetes.io/part-of: mysimbdp
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* Image of a platform service: <registry>/<name>:<tag>. Call with (dict "root" $ "image" .Values.daas.image). */}}
{{- define "mysimbdp.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image.name $tag -}}
{{- end }}

{{/* The Kafka bootstrap servers the services and tenant apps use. */}}
{{- define "mysimbdp.kafkaBootstrapServers" -}}
{{- if .Values.infra.enabled -}}
{{- printf "%s-kafka.%s.svc.%s:9092" (include "mysimbdp.fullname" .) .Release.Namespace .Values.clusterDomain -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required unless infra.enabled" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end }}

{{/* The MongoDB connection string (when it does not come from a Secret). */}}
{{- define "mysimbdp.mongodbUri" -}}
{{- if .Values.infra.enabled -}}
{{- printf "mongodb://%s-mongodb.%s.svc.%s:27017" (include "mysimbdp.fullname" .) .Release.Namespace .Values.clusterDomain -}}
{{- else -}}
{{- required "mongodb.uri is required unless infra.enabled or mongodb.existingSecret" .Values.mongodb.uri -}}
{{- end -}}
{{- end }}

{{/* The Secret with the platform principals' Kafka passwords: kafka.sasl.existingSecret, else the chart's own. */}}
{{- define "mysimbdp.kafkaPrincipalsSecret" -}}
{{- .Values.kafka.sasl.existingSecret | default (printf "%s-kafka-principals" (include "mysimbdp.fullname" .)) -}}
{{- end }}

{{/* The Kafka principal of a platform service (as the embedded broker of make run names it). Call with the component name. */}}
{{- define "mysimbdp.kafkaPrincipal" -}}
{{- printf "platform-%s" . -}}
{{- end }}

{{/*
Kafka client settings of a platform service that talks to Kafka: SASL/SCRAM-SHA-512 as its own principal,
its password (and only its own) from the principals' Secret by secretKeyRef; PLAINTEXT when kafka.sasl.enabled
is false. Call with (dict "root" $ "component" "stream-ingest-monitor").
*/}}
{{- define "mysimbdp.kafkaClientEnv" -}}
{{- if .root.Values.kafka.sasl.enabled }}
- name: MYSIMBDP_KAFKA_SECURITY_PROTOCOL
  value: "SASL_PLAINTEXT"
- name: MYSIMBDP_KAFKA_SASL_MECHANISM
  value: "SCRAM-SHA-512"
- name: MYSIMBDP_KAFKA_USERNAME
  value: {{ include "mysimbdp.kafkaPrincipal" .component | quote }}
- name: MYSIMBDP_KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mysimbdp.kafkaPrincipalsSecret" .root }}
      key: {{ printf "%s.password" .component }}
{{- else }}
# kafka.sasl.enabled=false: a broker without SASL or ACLs (docs/guarantees.md says what that loses)
- name: MYSIMBDP_KAFKA_SECURITY_PROTOCOL
  value: "PLAINTEXT"
{{- end }}
{{- end }}

{{/* The Secret with the demo MongoDB's platform (root) password. */}}
{{- define "mysimbdp.mongodbRootSecret" -}}
{{- printf "%s-mongodb-root" (include "mysimbdp.fullname" .) -}}
{{- end }}

{{/* Name of the staging PersistentVolumeClaim. */}}
{{- define "mysimbdp.stagingClaim" -}}
{{- printf "%s-staging" (include "mysimbdp.fullname" .) -}}
{{- end }}

{{/*
Environment every platform service gets (the variables local/run.sh sets, for the cluster).
Call with (dict "root" $ "port" 8081).
*/}}
{{- define "mysimbdp.serviceEnv" -}}
{{- if not (has .root.Values.profiles.source (list "kubernetes" "directory")) }}
{{- fail (printf "profiles.source: '%s' is not a profile source (kubernetes or directory)" .root.Values.profiles.source) }}
{{- end }}
- name: QUARKUS_HTTP_PORT
  value: {{ .port | quote }}
# the services bind 127.0.0.1 by default (local runs); in a pod they must listen on the pod IP
- name: QUARKUS_HTTP_HOST
  value: "0.0.0.0"
- name: MYSIMBDP_HOME
  value: {{ .root.Values.platform.home | quote }}
- name: MYSIMBDP_VAR
  value: {{ .root.Values.platform.varDir | quote }}
- name: MYSIMBDP_TENANTS_DIR
  value: {{ .root.Values.platform.tenantsDir | default (printf "%s/tenants" .root.Values.platform.varDir) | quote }}
# tenant profiles: ConfigMaps labelled mysimbdp.io/kind=tenant-profile in POD_NAMESPACE, or the folder above
- name: MYSIMBDP_PROFILES_SOURCE
  value: {{ .root.Values.profiles.source | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "mysimbdp.kafkaBootstrapServers" .root | quote }}
{{- if and .root.Values.mongodb.existingSecret (not .root.Values.infra.enabled) }}
- name: MYSIMBDP_MONGODB_URI
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.mongodb.existingSecret }}
      key: {{ .root.Values.mongodb.existingSecretKey }}
{{- else if and .root.Values.infra.enabled .root.Values.infra.mongodb.auth.enabled }}
# the demo MongoDB's platform user; its password from the Secret, expanded by the kubelet (no literal here)
- name: MONGODB_PLATFORM_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mysimbdp.mongodbRootSecret" .root }}
      key: password
- name: MYSIMBDP_MONGODB_URI
  value: {{ printf "mongodb://%s:$(MONGODB_PLATFORM_PASSWORD)@%s-mongodb.%s.svc.%s:27017/?authSource=admin" .root.Values.infra.mongodb.auth.rootUser (include "mysimbdp.fullname" .root) .root.Release.Namespace .root.Values.clusterDomain | quote }}
{{- else }}
- name: MYSIMBDP_MONGODB_URI
  value: {{ include "mysimbdp.mongodbUri" .root | quote }}
{{- end }}
- name: QUARKUS_MONGODB_CONNECTION_STRING
  value: "$(MYSIMBDP_MONGODB_URI)"
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- with .root.Values.tracing.otlpEndpoint }}
# traces over OTLP; the managers hand the same two variables to the tenant pods they create
- name: OTEL_SDK_DISABLED
  value: "false"
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Startup, liveness and readiness probes on the named port http. Call with the root context. */}}
{{- define "mysimbdp.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end }}

{{/* Pod-level settings shared by the platform pods (scheduling, pull secrets). Call with the root context. */}}
{{- define "mysimbdp.podScheduling" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.platform.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.platform.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.platform.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The http port of a platform Service. Call with (dict "service" .Values.daas.service "port" 8080). */}}
{{- define "mysimbdp.servicePort" -}}
- name: http
  port: {{ .port }}
  targetPort: http
  protocol: TCP
  {{- if and (eq .service.type "NodePort") .service.nodePort }}
  nodePort: {{ .service.nodePort }}
  {{- end }}
{{- end }}

{{/*
Leader election between a manager's replicas (a Lease per service, identity = POD_NAME, which
mysimbdp.serviceEnv sets before). Call with (dict "root" . "component" "batch-ingest-manager").
*/}}
{{- define "mysimbdp.leaderElectionEnv" -}}
{{- $le := .root.Values.leaderElection }}
- name: MYSIMBDP_LEADER_ELECTION_ENABLED
  value: {{ $le.enabled | quote }}
- name: MYSIMBDP_LEADER_ELECTION_LEASE_NAME
  value: {{ printf "%s-%s" (include "mysimbdp.fullname" .root) .component | quote }}
- name: MYSIMBDP_LEADER_ELECTION_IDENTITY
  value: "$(POD_NAME)"
- name: MYSIMBDP_LEADER_ELECTION_LEASE_DURATION
  value: {{ $le.leaseDuration | quote }}
- name: MYSIMBDP_LEADER_ELECTION_RENEW_DEADLINE
  value: {{ $le.renewDeadline | quote }}
- name: MYSIMBDP_LEADER_ELECTION_RETRY_PERIOD
  value: {{ $le.retryPeriod | quote }}
{{- end }}

{{/* Two replicas of a manager would both act without leader election. Call with (dict "root" . "name" "batchIngestManager" "replicas" n). */}}
{{- define "mysimbdp.requireLeaderElection" -}}
{{- if and (gt (int .replicas) 1) (not .root.Values.leaderElection.enabled) }}
{{- fail (printf "%s.replicas: more than 1 replica needs leaderElection.enabled (otherwise every replica would act)" .name) }}
{{- end }}
{{- end }}

{{/* Name of the ConfigMap that owns the tenant workloads (configmap-tenant-workloads.yaml). */}}
{{- define "mysimbdp.tenantWorkloadsOwner" -}}
{{- printf "%s-tenant-workloads" (include "mysimbdp.fullname" .) -}}
{{- end }}

{{/*
How the managers build tenant pods (both managers): a numeric identity (platform.podSecurityContext;
batch pods must share the manager's uid), pull secrets and scheduling constraints (tenantPods.*, one
JSON object), the tag of profile images without one (tenantPods.imageTag, else image.tag, else appVersion) and the
owner ConfigMap. Call with the root context.
The default tag follows image.tag (then appVersion): `make images` builds the tenant app images with
the platform's tag.
*/}}
{{- define "mysimbdp.tenantPodEnv" -}}
{{- $psc := .Values.platform.podSecurityContext }}
{{- $tp := .Values.tenantPods }}
# tenant pods run as this manager's user: it owns the job directories their apps write result.json into
- name: MYSIMBDP_KUBERNETES_TENANT_RUN_AS_USER
  value: {{ required "platform.podSecurityContext.runAsUser is required: tenant pods run as the manager's uid" $psc.runAsUser | quote }}
- name: MYSIMBDP_KUBERNETES_TENANT_RUN_AS_GROUP
  value: {{ $psc.runAsGroup | default $psc.runAsUser | quote }}
- name: MYSIMBDP_KUBERNETES_TENANT_FS_GROUP
  value: {{ $psc.fsGroup | default $psc.runAsUser | quote }}
- name: MYSIMBDP_KUBERNETES_TENANT_SCHEDULING
  value: {{ dict "imagePullSecrets" ($tp.imagePullSecrets | default .Values.image.pullSecrets) "nodeSelector" $tp.nodeSelector "tolerations" $tp.tolerations "affinity" $tp.affinity | toJson | quote }}
- name: MYSIMBDP_KUBERNETES_TENANT_IMAGE_TAG
  value: {{ $tp.imageTag | default .Values.image.tag | default .Chart.AppVersion | quote }}
{{- if $tp.ownedByRelease }}
- name: MYSIMBDP_KUBERNETES_OWNER_CONFIG_MAP
  value: {{ include "mysimbdp.tenantWorkloadsOwner" . | quote }}
{{- end }}
{{- end }}

{{/*
"true" when the tenant NetworkPolicy can name both of the tenant apps' destinations: the demo Kafka
and MongoDB (infra.enabled), or networkPolicy.kafkaPeers and mongodbPeers for external ones. Without
them a policy would cut the tenant apps off: it is not rendered (off until configured).
*/}}
{{- define "mysimbdp.networkPolicyPeersKnown" -}}
{{- if or .Values.infra.enabled (and .Values.networkPolicy.kafkaPeers .Values.networkPolicy.mongodbPeers) -}}
true
{{- end -}}
{{- end }}
