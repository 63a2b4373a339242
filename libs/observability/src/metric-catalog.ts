/** How an instrument is exported: counters get `_total`-named series, histograms `_bucket`, `_count`, `_sum`. */
export type MetricKind = 'counter' | 'histogram' | 'gauge';

/** A metric a service exports, declared once so that dashboards, alerts and tests use the same name. */
export interface MetricDeclaration {
  /** Prometheus name; counters end in `_total`, durations in `_seconds`. */
  name: string;
  kind: MetricKind;
  description: string;
  /** Services that export it; `all` for metrics of the shared runtime and messaging. */
  exportedBy: readonly ('all' | 'gateway' | 'ingest' | 'matching' | 'verification' | 'notification')[];
  labels: readonly string[];
}

function declare<const D extends MetricDeclaration>(declaration: D): D {
  return declaration;
}

/** Every metric the services export besides the SDK's own `target_info`. */
export const METRICS = {
  httpRequestDuration: declare({
    name: 'http_server_request_duration_seconds',
    kind: 'histogram',
    description: 'Duration of HTTP requests handled by this service',
    exportedBy: ['all'],
    labels: ['http_request_method', 'http_route', 'http_response_status_code'],
  }),
  rpcServerDuration: declare({
    name: 'atlas_rpc_server_duration_seconds',
    kind: 'histogram',
    description: 'Duration of request/reply operations served over NATS, by operation and reply code',
    exportedBy: ['all'],
    labels: ['rpc_method', 'rpc_code'],
  }),
  outboxBacklog: declare({
    name: 'atlas_outbox_backlog_events',
    kind: 'gauge',
    description: 'Outbox events written and not yet published, read from the outbox table at each scrape',
    exportedBy: ['all'],
    labels: ['schema'],
  }),
  outboxPublished: declare({
    name: 'atlas_outbox_published_events_total',
    kind: 'counter',
    description: 'Outbox events the stream acknowledged, including those it dropped as duplicates',
    exportedBy: ['all'],
    labels: ['schema'],
  }),
  outboxPublishFailures: declare({
    name: 'atlas_outbox_publish_failures_total',
    kind: 'counter',
    description: 'Outbox events whose publish failed and will be retried',
    exportedBy: ['all'],
    labels: ['schema'],
  }),
  outboxRelayLag: declare({
    name: 'atlas_outbox_relay_lag_seconds',
    kind: 'histogram',
    description: 'Age of the oldest event of each relay batch when the relay claimed it',
    exportedBy: ['all'],
    labels: ['schema'],
  }),
  eventsProcessed: declare({
    name: 'atlas_consumer_events_total',
    kind: 'counter',
    description: 'Events a durable consumer handled, by outcome: applied, duplicate, retried, dead_lettered',
    exportedBy: ['all'],
    labels: ['consumer', 'outcome'],
  }),
  inboxRedeliveries: declare({
    name: 'atlas_consumer_redeliveries_total',
    kind: 'counter',
    description: 'Events a durable consumer received again after a failure or an expired acknowledgement',
    exportedBy: ['all'],
    labels: ['consumer'],
  }),
  deadLetters: declare({
    name: 'atlas_consumer_dead_letters_total',
    kind: 'counter',
    description: 'Events a durable consumer moved to its dead-letter subject',
    exportedBy: ['all'],
    labels: ['consumer'],
  }),
  deadLetterStreamMessages: declare({
    name: 'atlas_dead_letter_stream_messages',
    kind: 'gauge',
    description: 'Messages in the shared dead-letter stream, read from JetStream at each scrape',
    exportedBy: ['all'],
    labels: [],
  }),
  ingestRecords: declare({
    name: 'atlas_ingest_records_total',
    kind: 'counter',
    description:
      'Source records an import handled, by source and outcome: stored, updated, unchanged, removed, rejected',
    exportedBy: ['ingest'],
    labels: ['source', 'outcome'],
  }),
  ingestImportDuration: declare({
    name: 'atlas_ingest_import_duration_seconds',
    kind: 'histogram',
    description: 'Duration of import runs, by final status',
    exportedBy: ['ingest'],
    labels: ['status'],
  }),
  matchingCandidatesProposed: declare({
    name: 'atlas_matching_candidates_proposed_total',
    kind: 'counter',
    description: 'Candidates proposed to verification, by status: auto_confirm_eligible, conflict, review',
    exportedBy: ['matching'],
    labels: ['status'],
  }),
  matchingScoringDuration: declare({
    name: 'atlas_matching_scoring_duration_seconds',
    kind: 'histogram',
    description: 'Time to block and score every author position of one record',
    exportedBy: ['matching'],
    labels: ['trigger'],
  }),
  matchingPairsScored: declare({
    name: 'atlas_matching_pairs_scored_total',
    kind: 'counter',
    description: 'Author position and profile pairs scored',
    exportedBy: ['matching'],
    labels: [],
  }),
  verificationDecisions: declare({
    name: 'atlas_verification_decisions_total',
    kind: 'counter',
    description: 'Decisions recorded, by decision and channel (web, api, auto)',
    exportedBy: ['verification'],
    labels: ['decision', 'via'],
  }),
  verificationAutoConfirmed: declare({
    name: 'atlas_verification_auto_confirmed_total',
    kind: 'counter',
    description:
      'Candidates confirmed automatically because the proposal was eligible and its score high enough',
    exportedBy: ['verification'],
    labels: [],
  }),
  verificationQueueSize: declare({
    name: 'atlas_verification_queue_candidates',
    kind: 'gauge',
    description:
      'Candidates waiting for a decision, by status (pending, uncertain), summed from the profile counters',
    exportedBy: ['verification'],
    labels: ['status'],
  }),
  notificationsDelivered: declare({
    name: 'atlas_notification_delivered_total',
    kind: 'counter',
    description: 'Notifications delivered, by channel: stream (Redis fan-out to the gateway), email',
    exportedBy: ['notification'],
    labels: ['channel'],
  }),
  gatewayRateLimited: declare({
    name: 'atlas_gateway_rate_limited_total',
    kind: 'counter',
    description: 'Requests refused with 429 by the rate limiter, by bucket: token, account, address',
    exportedBy: ['gateway'],
    labels: ['bucket'],
  }),
  gatewayRateLimitFailOpen: declare({
    name: 'gateway_rate_limit_fail_open_total',
    kind: 'counter',
    description: 'Requests let through because the rate limiter could not reach Redis',
    exportedBy: ['gateway'],
    labels: [],
  }),
  gatewaySseClients: declare({
    name: 'atlas_gateway_sse_clients',
    kind: 'gauge',
    description: 'Open server-sent-events streams of notifications',
    exportedBy: ['gateway'],
    labels: [],
  }),
} as const satisfies Record<string, MetricDeclaration>;

/** Every declared metric. */
export const METRIC_DECLARATIONS: readonly MetricDeclaration[] = Object.values(METRICS);

/** Returns the series names Prometheus stores for a metric. */
export function seriesNames(declaration: MetricDeclaration): string[] {
  if (declaration.kind === 'histogram') {
    return ['_bucket', '_count', '_sum'].map((suffix) => `${declaration.name}${suffix}`);
  }
  return [declaration.name];
}

/** Returns the metrics a service exports: its own and those of every service. */
export function metricsOfService(service: string): MetricDeclaration[] {
  return METRIC_DECLARATIONS.filter(
    (metric) =>
      metric.exportedBy.includes('all') || (metric.exportedBy as readonly string[]).includes(service),
  );
}

/** Returns the declared metrics that have no sample in a Prometheus text scrape. */
export function missingFromScrape(text: string, declarations: readonly MetricDeclaration[]): string[] {
  const sampled = new Set(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0]),
  );
  return declarations
    .filter((declaration) => !seriesNames(declaration).every((series) => sampled.has(series)))
    .map((declaration) => declaration.name);
}
