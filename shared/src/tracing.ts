import type { IncomingHttpHeaders } from 'node:http';
import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';

/**
 * Request ids, W3C trace context and OpenTelemetry tracing for every service.
 *
 * This file imports only `@opentelemetry/api` (a few kB, no-op until a tracer
 * provider is registered): the SDK, the OTLP exporter and the instrumentations
 * are required only by `startTracing`, so that tracing costs nothing when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is unset. A process main calls
 * `startTracingFromEnv` before it loads anything else, so that the graphql and
 * mysql2 instrumentations patch those modules as they load.
 */

// No AsyncLocalStorage of our own: on Node 20 an active one slows every promise. With
// tracing on, OpenTelemetry's context manager carries the span (and so the trace id).
let tracer: Tracer | undefined;
let running: RunningTracing | undefined;

const REQUEST_ID = /^[A-Za-z0-9-]{8,128}$/;
// version 00, 32 hex trace id, 16 hex parent id, 2 hex flags; all-zero ids are invalid.
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The client's `x-request-id` when it is well formed ([A-Za-z0-9-], 8–128 characters), else undefined. */
export function clientRequestId(headers: IncomingHttpHeaders): string | undefined {
  const value = single(headers['x-request-id']);
  return value !== undefined && REQUEST_ID.test(value) ? value : undefined;
}

/** The client's W3C trace context headers, when its `traceparent` is well formed; else none. */
export function clientTraceHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const traceparent = single(headers.traceparent)?.trim().toLowerCase();
  if (!traceparent || !TRACEPARENT.test(traceparent)) return {};
  const tracestate = single(headers.tracestate);
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** `{ traceId }` of the client's trace for a request's log lines while tracing is off (on, every line gets it). */
export function clientTraceLogFields(headers: IncomingHttpHeaders): { traceId?: string } {
  if (tracer) return {};
  const { traceparent } = clientTraceHeaders(headers);
  return traceparent ? { traceId: traceparent.slice(3, 35) } : {};
}

/** True once `startTracing` registered an SDK in this process. */
export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/** The trace id of the current span, for log lines; undefined when tracing is off. */
export function currentTraceId(): string | undefined {
  if (!tracer) return undefined;
  const span = trace.getSpan(otelContext.active());
  return span?.spanContext().traceId;
}

/**
 * Runs one incoming request; when tracing is on, inside a SERVER span
 * continuing the caller's W3C trace context. `work` reports the HTTP status the span records. Off, it only calls `work`.
 */
export async function serveTraced(
  headers: IncomingHttpHeaders,
  requestId: string,
  name: string,
  work: (setStatus: (status: number) => void) => Promise<void>,
): Promise<void> {
  if (!tracer) return work(() => undefined);
  // From the root: a request continues its caller's trace or starts one, never an ambient context.
  const parent = propagation.extract(ROOT_CONTEXT, clientTraceHeaders(headers));
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: { 'http.request.id': requestId } }, parent);
  let status = 0;
  try {
    await otelContext.with(trace.setSpan(parent, span), () => work((value) => (status = value)));
  } finally {
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}

/**
 * Sets the W3C trace context of `span` (a call's CLIENT span) on an outgoing
 * call's headers, replacing the client's; nothing when tracing is off, where
 * the caller forwards the client's `traceparent` as it came.
 */
export function injectTraceContext(headers: Record<string, string>, span?: Span): void {
  if (!tracer) return;
  propagation.inject(span ? trace.setSpan(otelContext.active(), span) : otelContext.active(), headers);
}

/** Runs an outgoing call in a CLIENT span (when tracing is on); `work` gets the span to propagate. */
export async function clientSpan<T>(name: string, attributes: Record<string, string>, work: (span?: Span) => Promise<T>): Promise<T> {
  if (!tracer) return work();
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  try {
    return await otelContext.with(trace.setSpan(otelContext.active(), span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A span for one SQL statement where no driver instrumentation sees it (the
 * SQLite driver): TypeORM's logger hook fires before the statement runs and
 * never after, so the span marks the statement without measuring it.
 */
export function statementSpan(system: string, statement: string): void {
  if (!tracer) return;
  tracer
    .startSpan(`${system} ${statement.trim().split(/\s+/, 1)[0].toUpperCase()}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': system, 'db.statement': statement.slice(0, 2000) },
    })
    .end();
}

export interface TracingOptions {
  /** `service.name` of the spans. */
  service: string;
  /** Where spans go: an OTLP http/protobuf endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`), or a given exporter (tests). */
  endpoint?: string;
  exporter?: unknown;
  /** Export each span as it ends (tests) instead of in batches. */
  simple?: boolean;
}

/** What `startTracing` registered; `shutdown` flushes the spans still queued. */
export interface RunningTracing {
  instrumentations: unknown[];
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry Node SDK: W3C trace context, the graphql and
 * mysql2 instrumentations, and a batch OTLP exporter. Call it before the
 * instrumented modules load; once per process.
 */
export function startTracing(options: TracingOptions): RunningTracing {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { MySQL2Instrumentation } = require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  type Exporter = ConstructorParameters<typeof BatchSpanProcessor>[0];
  let exporter = options.exporter as Exporter | undefined;
  if (!exporter) {
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
    // The endpoint is the collector's base URL, as the OTEL_EXPORTER_OTLP_ENDPOINT convention has it.
    exporter = new OTLPTraceExporter({ url: `${(options.endpoint ?? '').replace(/\/$/, '')}/v1/traces` });
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': options.service }),
    spanProcessors: [options.simple ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  provider.register();
  const instrumentations = [
    // Resolver spans only for fields with their own resolver: default ones would double every span count.
    new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    new MySQL2Instrumentation(),
  ];
  registerInstrumentations({ instrumentations, tracerProvider: provider });
  tracer = trace.getTracer('safety-graph');
  running = {
    instrumentations,
    shutdown: async () => {
      tracer = undefined;
      running = undefined;
      await provider.shutdown();
      for (const instrumentation of instrumentations) instrumentation.disable();
      trace.disable();
      propagation.disable();
      otelContext.disable();
    },
  };
  return running;
}

/** Flushes the spans still queued and stops tracing, if `startTracing` ran (a process stopping). */
export async function stopTracing(): Promise<void> {
  await running?.shutdown();
}

/** Starts tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set; nothing otherwise. `OTEL_SERVICE_NAME` overrides the name. */
export function startTracingFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): RunningTracing | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  return startTracing({ service: env.OTEL_SERVICE_NAME || service, endpoint });
}
