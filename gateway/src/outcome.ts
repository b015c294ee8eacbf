import { answerHasErrors, type RequestSummary } from '@safety-graph/shared';

const REJECTED_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** One word for the audit log and metrics: how a request ended. */
export function outcomeOf(summary: RequestSummary<unknown>): string {
  if (summary.refusal) return summary.refusal.code;
  let codes: string[] = [];
  // Most answers have no errors: only one that starts with them is parsed (the whole answer, up to megabytes).
  if (!answerHasErrors(summary.responseText)) return summary.status < 400 ? 'OK' : 'ERRORS';
  try {
    const answer = JSON.parse(summary.responseText ?? '{}') as { errors?: { extensions?: { code?: string } }[] };
    codes = (answer.errors ?? []).map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  } catch {
    return summary.status === 200 ? 'OK' : 'ERRORS';
  }
  if (codes.length === 0) return summary.status < 400 ? 'OK' : 'ERRORS';
  if (codes.some((code) => REJECTED_CODES.has(code))) return 'REJECTED';
  if (codes.includes('SERVICE_UNAVAILABLE')) return 'SERVICE_UNAVAILABLE';
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 'INTERNAL_ERROR';
  if (codes.includes('UNAUTHENTICATED')) return 'UNAUTHENTICATED';
  if (codes.includes('FORBIDDEN')) return 'FORBIDDEN';
  if (codes.includes('BAD_USER_INPUT')) return 'BAD_USER_INPUT';
  return 'ERRORS';
}
