import pino, { type Logger } from 'pino';
import { currentTraceId } from './tracing';

export type { Logger };

export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    // With tracing on, every line logged while serving a request names its trace (off: see clientTraceLogFields).
    mixin: () => {
      const traceId = currentTraceId();
      return traceId ? { traceId } : {};
    },
  });
}
