import { Writable } from 'node:stream';

import { trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import pino from 'pino';

import { createLoggerOptions, LOG_REDACTED } from './logger-options';
import { createCounter, createHistogram } from './metric-instruments';
import { collectPrometheusText, MetricsUnavailableError } from './metrics-handler';
import { shutdownTelemetry, startTelemetry } from './telemetry';

/** Collects the JSON lines a pino logger writes. */
function captureLogger(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino(createLoggerOptions({ serviceName: 'ingest', level }), stream);
  return { logger, lines };
}

describe('telemetry', () => {
  const spans = new tracing.InMemorySpanExporter();
  const processor = new tracing.SimpleSpanProcessor(spans);

  // The processor exports once the detected resource attributes resolve, which happens asynchronously.
  async function finishedSpans() {
    await processor.forceFlush();
    return spans.getFinishedSpans();
  }

  beforeAll(() => {
    startTelemetry({ serviceName: 'ingest', spanProcessors: [processor], instrumentations: [] });
  });

  afterAll(async () => {
    await shutdownTelemetry();
  });

  afterEach(() => spans.reset());

  it('exports finished spans with the service name', async () => {
    trace.getTracer('test').startActiveSpan('import run', (span) => span.end());

    const [finished] = await finishedSpans();
    expect(finished?.name).toBe('import run');
    expect(finished?.resource.attributes['service.name']).toBe('ingest');
  });

  it('writes trace and span ids on log lines inside a span', async () => {
    const { logger, lines } = captureLogger();

    trace.getTracer('test').startActiveSpan('request', (span) => {
      logger.info('inside');
      span.end();
    });
    logger.info('outside');

    const [finished] = await finishedSpans();
    expect(lines[0]?.['trace_id']).toBe(finished?.spanContext().traceId);
    expect(lines[0]?.['span_id']).toBe(finished?.spanContext().spanId);
    expect(lines[1]?.['trace_id']).toBeUndefined();
  });

  it('serves counters and histograms as Prometheus text', async () => {
    createCounter('atlas_test_records_total', { description: 'Records seen' }).add(3, { source: 'hal' });
    createHistogram('atlas_test_duration_seconds').record(0.2);

    const text = await collectPrometheusText();

    expect(text).toContain('# HELP atlas_test_records_total Records seen');
    expect(text).toMatch(/^atlas_test_records_total\{source="hal",.*\} 3$/m);
    expect(text).toMatch(/^atlas_test_duration_seconds_bucket\{.*le="0.25"\} 1$/m);
  });
});

describe('telemetry lifecycle', () => {
  it('rejects metrics before start', async () => {
    await expect(collectPrometheusText()).rejects.toBeInstanceOf(MetricsUnavailableError);
  });

  it('starts again after shutdown', async () => {
    const first = new tracing.InMemorySpanExporter();
    startTelemetry({
      serviceName: 'matching',
      spanProcessors: [new tracing.SimpleSpanProcessor(first)],
      instrumentations: [],
    });
    await shutdownTelemetry();
    await shutdownTelemetry();

    const second = new tracing.InMemorySpanExporter();
    const processor = new tracing.SimpleSpanProcessor(second);
    startTelemetry({ serviceName: 'matching', spanProcessors: [processor], instrumentations: [] });
    trace.getTracer('test').startSpan('second run').end();
    await processor.forceFlush();
    const names = second.getFinishedSpans().map((span) => span.name);
    await shutdownTelemetry();

    expect(names).toEqual(['second run']);
  });
});

describe('createLoggerOptions', () => {
  it('redacts credentials', () => {
    const { logger, lines } = captureLogger();

    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1' } },
        user: { password: 'pw', token: 't' },
      },
      'login',
    );

    const line = lines[0] as { req: { headers: Record<string, string> }; user: Record<string, string> };
    expect(line.req.headers['authorization']).toBe(LOG_REDACTED);
    expect(line.req.headers['cookie']).toBe(LOG_REDACTED);
    expect(line.user['password']).toBe(LOG_REDACTED);
    expect(line.user['token']).toBe(LOG_REDACTED);
  });

  it('names the service and the level', () => {
    const { logger, lines } = captureLogger('warn');

    logger.info('hidden');
    logger.warn('shown');

    expect(lines).toHaveLength(1);
    expect(lines[0]?.['service']).toBe('ingest');
    expect(lines[0]?.['level']).toBe('warn');
    expect(typeof lines[0]?.['time']).toBe('string');
  });
});
