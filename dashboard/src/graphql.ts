/**
 * A small GraphQL client for the dashboard: POSTs to `/graphql` on the same
 * origin with the user's token, caches answers per token, document and
 * variables (a year switched back to costs no request), and splits each view's
 * operation into aliased sections so that a FORBIDDEN figure costs only its own
 * section, never the page. When `@safety-graph/client` lands, the documents in
 * documents.ts become its typed documents; this file keeps the sectioning.
 */

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; requestId?: string };
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorShape[];
}

/** One view's operation: each section is a root field under its own alias. */
export interface SectionedDocument<TSections> {
  name: string;
  /** Every variable a section may use, with its type (`$period` → `PeriodInput!`). */
  variables: Record<string, string>;
  sections: { [K in keyof TSections]: string };
}

export interface SectionedResult<TSections> {
  data: { [K in keyof TSections]?: TSections[K] | null };
  /** Sections the token may not read (a FORBIDDEN error under the section's alias). */
  forbidden: Set<keyof TSections>;
  /** Sections that failed otherwise, with the error's code and message. */
  failed: Map<keyof TSections, string>;
  /** Every error, for fields refused deeper inside a section (a target's `actual`). */
  errors: GraphQLErrorShape[];
  /** GraphQL requests this result cost (0 from the cache). */
  requests: number;
}

export class SignInError extends Error {}

export function documentText<T>(document: SectionedDocument<T>, include: (keyof T)[]): string {
  const body = include.map((alias) => `  ${String(alias)}: ${document.sections[alias]}`).join('\n');
  const used = Object.entries(document.variables).filter(([name]) => new RegExp(`\\$${name}\\b`).test(body));
  const definitions = used.length ? `(${used.map(([name, type]) => `$${name}: ${type}`).join(', ')})` : '';
  return `query ${document.name}${definitions} {\n${body}\n}`;
}

export class DashboardClient {
  private readonly cache = new Map<string, Promise<Answer>>();
  requestCount = 0;

  constructor(private readonly token: string) {}

  private post(query: string, variables: Record<string, unknown>): { answer: Promise<Answer>; cached: boolean } {
    const key = JSON.stringify([query, variables]);
    const hit = this.cache.get(key);
    if (hit) return { answer: hit, cached: true };
    this.requestCount += 1;
    const answer = fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    }).then(async (response) => {
      let body: Answer;
      try {
        body = (await response.json()) as Answer;
      } catch {
        throw new Error(`HTTP ${response.status}`);
      }
      const code = body.errors?.[0]?.extensions?.code;
      if (response.status === 401 || code === 'UNAUTHENTICATED') throw new SignInError(body.errors?.[0]?.message ?? 'UNAUTHENTICATED');
      if (!body.data && body.errors?.length && !body.errors.some((error) => error.extensions?.code === 'FORBIDDEN')) {
        const first = body.errors[0];
        throw new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`);
      }
      return body;
    });
    this.cache.set(key, answer);
    answer.catch(() => this.cache.delete(key));
    return { answer, cached: false };
  }

  /**
   * Runs the sections in one request. A refused non-null field may null the
   * whole answer (the schema still has them, issue 11): then the sections
   * named in FORBIDDEN errors are dropped and the rest asked again.
   */
  async run<T>(document: SectionedDocument<T>, variables: Record<string, unknown>): Promise<SectionedResult<T>> {
    let include = Object.keys(document.sections) as (keyof T)[];
    const result: SectionedResult<T> = { data: {}, forbidden: new Set(), failed: new Map(), errors: [], requests: 0 };
    for (;;) {
      const text = documentText(document, include);
      const used = Object.fromEntries(Object.entries(variables).filter(([name]) => new RegExp(`\\$${name}\\b`).test(text)));
      const { answer, cached } = this.post(text, used);
      if (!cached) result.requests += 1;
      const body = await answer;
      const errors = body.errors ?? [];
      result.errors.push(...errors);
      const newlyForbidden: (keyof T)[] = [];
      for (const error of errors) {
        const alias = error.path?.[0] as keyof T | undefined;
        if (alias === undefined || !include.includes(alias)) continue;
        if (error.extensions?.code === 'FORBIDDEN') {
          if (!result.forbidden.has(alias) && error.path?.length && isSectionLevel(body.data, error.path)) newlyForbidden.push(alias);
        } else if (!result.failed.has(alias)) {
          result.failed.set(alias, `${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
        }
      }
      newlyForbidden.forEach((alias) => result.forbidden.add(alias));
      if (body.data) {
        for (const alias of include) if (!result.forbidden.has(alias)) result.data[alias] = body.data[alias as string] as never;
        return result;
      }
      include = include.filter((alias) => !result.forbidden.has(alias));
      if (newlyForbidden.length === 0 || include.length === 0) return result;
    }
  }
}

/**
 * Whether a FORBIDDEN error took its section down: the answer is gone, the
 * section's root field is null, or the refused field sits right under it
 * (`traffic.now`: the region stands, its figures are the section). A refused
 * field deeper down (a target's `actual`, a county's figures) leaves the
 * section standing and is shown where it is.
 */
function isSectionLevel(data: Record<string, unknown> | null | undefined, path: (string | number)[]): boolean {
  return !data || data[path[0] as string] === null || data[path[0] as string] === undefined || path.length <= 2;
}
