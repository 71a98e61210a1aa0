// Validates a rendered Vigil chart (the output of `helm template`):
//  1. every object against its schema: Kubernetes (kubernetes-models), Strimzi, CloudNativePG and
//     prometheus-operator (their @kubernetes-models packages, generated from the projects' CRDs);
//  2. strictly, like `kubeconform -strict`: a field the schema does not know is an error. The packages'
//     validators allow unknown fields, so each object is also type-checked as a TypeScript literal
//     of its interface, where an unknown field is an excess-property error;
//  3. against Vigil's own rules for a deployment (non-root, probes, resources, network policies, no
//     secret values) and for the value set it was rendered from (--trust small|large).
//
//   node validate.mjs --trust small|large rendered.yaml
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const trust = args[args.indexOf('--trust') + 1];
const manifest = args.filter((a, i) => a !== '--trust' && args[i - 1] !== '--trust')[0];
if (!['small', 'large'].includes(trust) || !manifest) {
  console.error('usage: node validate.mjs --trust small|large rendered.yaml');
  process.exit(2);
}

const objects = YAML.parseAllDocuments(fs.readFileSync(manifest, 'utf8'))
  .map(doc => doc.toJSON())
  .filter(obj => obj && Object.keys(obj).length > 0);
const failures = [];
const fail = (obj, message) => failures.push(`${obj ? `${obj.kind}/${obj.metadata?.name}: ` : ''}${message}`);

// Where each API group's models are.
function modelModule({ apiVersion, kind }) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const packages = {
    'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
    'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
    'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  };
  return `${packages[group] ?? 'kubernetes-models'}/${apiVersion}/${kind}`;
}

// 1. Schemas.
for (const obj of objects) {
  let model;
  try {
    model = await import(modelModule(obj));
  } catch {
    fail(obj, `no schema for ${obj.apiVersion} ${obj.kind}`);
    continue;
  }
  try {
    new model[obj.kind](obj).validate();
  } catch (e) {
    fail(obj, `schema: ${e.message}`);
  }
}

// 2. Unknown fields, through the TypeScript compiler.
const tsDir = fs.mkdtempSync(path.join(here, '.strict-'));
try {
  const lines = [];
  objects.forEach((obj, i) => {
    lines.push(`import type { I${obj.kind} as T${i} } from '${modelModule(obj)}';`);
  });
  objects.forEach((obj, i) => {
    lines.push(`// ${i}: ${obj.kind}/${obj.metadata?.name}`);
    lines.push(`export const o${i}: T${i} = ${JSON.stringify(obj, null, 1)};`);
  });
  fs.writeFileSync(path.join(tsDir, 'rendered.ts'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(tsDir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true },
    files: ['rendered.ts'],
  }));
  try {
    execFileSync(process.execPath, [path.join(here, 'node_modules/typescript/bin/tsc'), '-p', tsDir], { encoding: 'utf8' });
  } catch (e) {
    const source = fs.readFileSync(path.join(tsDir, 'rendered.ts'), 'utf8').split('\n');
    for (const line of (e.stdout || e.message).split('\n').filter(l => l.includes('error TS'))) {
      // Name the object an error is in: the nearest "// i: Kind/name" line above it.
      const at = Number(/rendered\.ts\((\d+),/.exec(line)?.[1] ?? 0);
      const owner = source.slice(0, at).reverse().find(l => /^\/\/ \d+: /.test(l)) ?? '';
      failures.push(`${owner.replace(/^\/\/ \d+: /, '')}: strict: ${line.replace(/^.*error TS\d+: /, '')}`);
    }
  }
} finally {
  fs.rmSync(tsDir, { recursive: true, force: true });
}

// 3. Vigil's rules.
const ofKind = kind => objects.filter(o => o.kind === kind);
const services = ['intake', 'triage', 'notification', 'reporting'];
const deployments = ofKind('Deployment');
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

if (deployments.map(d => d.metadata.labels['app.kubernetes.io/name']).sort().join() !== [...services].sort().join()) {
  fail(null, `expected one Deployment per service, found ${deployments.map(d => d.metadata.name)}`);
}
for (const d of deployments) {
  const pod = d.spec.template.spec;
  if (pod.securityContext?.runAsNonRoot !== true || !(pod.securityContext?.runAsUser > 0)) fail(d, 'must run as a non-root user');
  for (const c of pod.containers) {
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      if (!c[probe]?.httpGet?.path?.startsWith('/q/health')) fail(d, `${c.name} has no ${probe} on /q/health`);
    }
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
      fail(d, `${c.name} must request CPU and memory and limit memory`);
    }
    if (c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false) {
      fail(d, `${c.name} must have a read-only root file system and no privilege escalation`);
    }
    for (const e of c.env ?? []) {
      if (/PASSWORD|SECRET|TOKEN|KEY|JAAS/.test(e.name) && e.value !== undefined) {
        fail(d, `${e.name} is a literal value; secrets must come from a Secret (valueFrom.secretKeyRef)`);
      }
    }
  }
  const policies = ofKind('NetworkPolicy').filter(p => matches(p.spec.podSelector.matchLabels, d.spec.template.metadata.labels));
  if (policies.length !== 1) {
    fail(d, `expected one NetworkPolicy selecting its pods, found ${policies.length}`);
  } else {
    const p = policies[0].spec;
    if (!(p.policyTypes.includes('Ingress') && p.policyTypes.includes('Egress'))) fail(d, 'its NetworkPolicy must restrict ingress and egress');
    const egressTo = (port, label) => p.egress.some(rule => rule.ports?.some(x => x.port === port)
      && rule.to?.some(peer => peer.podSelector?.matchLabels?.[label]));
    if (!egressTo(9093, 'strimzi.io/cluster')) fail(d, 'its NetworkPolicy must let it reach the Kafka brokers');
    if (!egressTo(5432, 'cnpg.io/cluster')) fail(d, 'its NetworkPolicy must let it reach its PostgreSQL cluster');
  }
}
if (ofKind('Secret').length > 0) fail(null, 'the chart must not render Secrets: only references to existing ones');
for (const cm of ofKind('ConfigMap').filter(c => c.data?.['vigil.properties'])) {
  for (const line of cm.data['vigil.properties'].split('\n')) {
    const [key, ...rest] = line.split('=');
    const value = rest.join('=');
    if (/(password|secret|api-key|token|jaas\.config)$/i.test(key) && value && !/^\$\{[A-Z_]+:?\}$/.test(value)) {
      fail(cm, `${key} holds a value; it must be a \${VARIABLE} filled from a Secret`);
    }
  }
}
// Tracing is off unless the values turn it on (the large trust's do), and then every service exports.
for (const cm of ofKind('ConfigMap').filter(c => c.data?.['vigil.properties'])) {
  const traced = cm.data['vigil.properties'].includes('quarkus.otel.sdk.disabled=false');
  if (traced !== (trust === 'large')) fail(cm, `tracing should be ${trust === 'large' ? 'on' : 'off'} for the ${trust} trust's values`);
}
const topicNames = ofKind('KafkaTopic').map(t => t.spec.topicName);
for (const topic of ['alerts', 'directory', 'incidents', 'notifications', 'audit'].map(t => `vigil.${t}.v1`)) {
  for (const name of [topic, `${topic}.dlq`]) if (!topicNames.includes(name)) fail(null, `no KafkaTopic for ${name}`);
}
for (const service of services) {
  if (!ofKind('KafkaUser').some(u => u.metadata.name.endsWith(`-${service}`))) fail(null, `no KafkaUser for ${service}`);
  if (!ofKind('Database').some(db => db.spec.name === service && db.spec.owner === service)) fail(null, `no Database owned by ${service}`);
  const hba = ofKind('Cluster')[0]?.spec.postgresql?.pg_hba ?? [];
  const own = hba.indexOf(`hostssl ${service} ${service} all scram-sha-256`);
  const others = hba.indexOf(`host all ${service} all reject`);
  if (own < 0 || others < own) fail(null, `the ${service} role must be able to open its own database and no other`);
}

const hpaFor = d => ofKind('HorizontalPodAutoscaler').find(h => h.spec.scaleTargetRef.name === d.metadata.name);
const pdbFor = d => ofKind('PodDisruptionBudget').find(p => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
const alerts = ofKind('KafkaTopic').find(t => t.spec.topicName === 'vigil.alerts.v1');
const [nodePool] = ofKind('KafkaNodePool');
const [cluster] = ofKind('Cluster');
// Services commit Kafka offsets once their transaction is committed: a commit PostgreSQL confirmed and then
// lost in a crash would be an event no service processes again.
const syncCommit = cluster?.spec.postgresql?.parameters?.synchronous_commit;
if (!['on', 'remote_apply'].includes(syncCommit)) fail(cluster, `PostgreSQL must confirm a commit only once it is on disk (synchronous_commit on or remote_apply, not ${syncCommit})`);
if (trust === 'small') {
  for (const d of deployments) {
    if (d.spec.replicas !== 1 || hpaFor(d) || pdbFor(d)) fail(d, 'a small trust runs one replica, without an autoscaler or a disruption budget');
  }
  if (nodePool?.spec.replicas !== 1 || cluster?.spec.instances !== 1) fail(null, 'a small trust runs one Kafka node and one PostgreSQL instance');
} else {
  for (const d of deployments) {
    if (d.spec.replicas !== undefined) fail(d, 'an autoscaled Deployment must leave replicas to its autoscaler');
    if (!(hpaFor(d)?.spec.minReplicas >= 3)) fail(d, 'a large trust runs at least 3 replicas, autoscaled');
    if (!pdbFor(d)) fail(d, 'a large trust needs a PodDisruptionBudget for each service');
  }
  if (!(nodePool?.spec.replicas >= 3) || !(cluster?.spec.instances >= 3)) fail(null, 'a large trust runs at least 3 Kafka nodes and 3 PostgreSQL instances');
  for (const t of ofKind('KafkaTopic')) {
    if (t.spec.replicas < 3 || t.spec.config['min.insync.replicas'] < 2) fail(t, 'a large trust keeps 3 copies, 2 in sync');
  }
  if (!(alerts?.spec.partitions > 6)) fail(alerts, 'a large trust has more alert partitions than a small one');
  if (ofKind('ScheduledBackup').length !== 1) fail(null, 'a large trust backs PostgreSQL up on a schedule');
  if (ofKind('ServiceMonitor').length !== services.length || ofKind('PrometheusRule').length !== 1) {
    fail(null, 'a large trust is monitored: a ServiceMonitor per service and the alert rules');
  }
}
for (const cm of ofKind('ConfigMap').filter(c => c.data?.['vigil.json'])) {
  try {
    const dashboard = JSON.parse(cm.data['vigil.json']);
    const empty = dashboard.panels.filter(p => !p.targets?.length || p.targets.some(t => !t.expr));
    if (empty.length) fail(cm, `dashboard panels without a query: ${empty.map(p => p.title)}`);
  } catch (e) {
    fail(cm, `the Grafana dashboard is not JSON: ${e.message}`);
  }
}
if (trust === 'large' && !ofKind('ConfigMap').some(c => c.data?.['vigil.json'])) fail(null, 'a large trust gets the Grafana dashboard');

const counts = Object.entries(objects.reduce((m, o) => ({ ...m, [o.kind]: (m[o.kind] ?? 0) + 1 }), {}))
  .map(([kind, n]) => `${n} ${kind}`).join(', ');
console.log(`${manifest} (${trust} trust): ${objects.length} objects (${counts})`);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length ? `${failures.length} failures` : 'all valid');
process.exit(failures.length ? 1 : 0);
