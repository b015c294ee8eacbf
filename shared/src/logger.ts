import pino, { type Logger } from 'pino';
import { currentRequest, currentTraceId } from './tracing';

export type { Logger };

export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    // Every line logged while serving a request names its trace: the span's when tracing is on, else the client's traceparent.
    mixin: () => {
      const traceId = currentTraceId() ?? currentRequest()?.traceparent?.slice(3, 35);
      return traceId ? { traceId } : {};
    },
  });
}
