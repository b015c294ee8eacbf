import { SUBGRAPH_NAMES, type Caller, type SubgraphName } from '@safety-graph/shared';
import { signSubgraphCall } from './credentials';
import type { GraphQLRequest, Scenario, SeededIds } from './scenarios';
import { PORTS, subgraphUrl } from './stack';

export type GatewayKey = 'safety-graph' | 'apollo' | 'hive';

export const GATEWAY_LABELS: Record<GatewayKey, string> = {
  'safety-graph': 'safety-graph gateway',
  apollo: '@apollo/gateway (defaults)',
  hive: 'Hive Gateway + router runtime',
};

const GATEWAY_URLS: Record<GatewayKey, string> = {
  'safety-graph': `http://127.0.0.1:${PORTS.gateway}/graphql`,
  apollo: `http://127.0.0.1:${PORTS.apollo}/`,
  hive: `http://127.0.0.1:${PORTS.hive}/graphql`,
};

/** One thing to send a scenario's request to: a gateway with the partner's token, or a subgraph signed. */
export interface Target {
  label: string;
  /** `computed`: our gateway, each request with variables of its own, so that no answer is served from its memory. */
  kind: 'gateway' | 'direct' | 'computed';
  gateway?: GatewayKey;
  subgraph?: SubgraphName;
  url: string;
  body: string;
  /** A body per request under load, when each must differ. */
  bodyFor?: () => string;
  /** Made just before each use: a signature is valid for a minute only. */
  headers(): Record<string, string>;
}

export function gatewayTarget(gateway: GatewayKey, request: GraphQLRequest, token: string): Target {
  return {
    label: GATEWAY_LABELS[gateway],
    kind: 'gateway',
    gateway,
    url: GATEWAY_URLS[gateway],
    body: JSON.stringify(request),
    headers: () => ({ authorization: `Bearer ${token}` }),
  };
}

/**
 * Our gateway with every answer computed: each request adds a variable of its
 * own (unused by the operation: the plan stays cached), so the gateway's
 * remembered answers (answerCache.ts), keyed by variables, never serve it.
 * What a report costs the first time it is asked after a write.
 */
export function computedTarget(request: GraphQLRequest, token: string): Target {
  let sent = 0;
  return {
    ...gatewayTarget('safety-graph', request, token),
    label: `${GATEWAY_LABELS['safety-graph']}, every answer computed`,
    kind: 'computed',
    gateway: undefined,
    bodyFor: () => JSON.stringify({ ...request, variables: { ...request.variables, benchRequest: (sent += 1) } }),
  };
}

export function directTarget(subgraph: SubgraphName, request: GraphQLRequest, secret: string, caller: Caller): Target {
  const body = JSON.stringify(request);
  return {
    label: `direct: ${subgraph}`,
    kind: 'direct',
    subgraph,
    url: subgraphUrl(subgraph),
    body,
    headers: () => signSubgraphCall(secret, caller, { method: 'POST', url: subgraphUrl(subgraph), body }),
  };
}

export function targetsOf(
  scenario: Scenario,
  gateways: GatewayKey[],
  direct: boolean,
  ids: SeededIds,
  token: string,
  secret: string,
  caller: Caller,
): Target[] {
  return [
    ...gateways.map((gateway) => gatewayTarget(gateway, scenario.request, token)),
    ...(gateways.includes('safety-graph') && scenario.report ? [computedTarget(scenario.request, token)] : []),
    ...(direct ? scenario.direct.map((part) => directTarget(part.subgraph, part.request(ids), secret, caller)) : []),
  ];
}

export interface Answer {
  status: number;
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function send(target: Target, timeoutMs = 60_000): Promise<Answer> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers() },
    body: target.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as Omit<Answer, 'status'>) };
  } catch {
    return { status: response.status, errors: [{ message: text.slice(0, 200) }] };
  }
}

/** The SQL statements all subgraphs have sent so far, from their signed /metrics. */
export async function statementsSoFar(secret: string, caller: Caller): Promise<number> {
  let total = 0;
  for (const name of SUBGRAPH_NAMES) {
    const metricsUrl = subgraphUrl(name).replace(/\/graphql$/, '/metrics');
    const response = await fetch(metricsUrl, { headers: signSubgraphCall(secret, caller, { method: 'GET', url: metricsUrl }) });
    const match = /^safety_graph_sql_statements_total (\d+)$/m.exec(await response.text());
    if (!response.ok || !match) throw new Error(`${name} exposes no SQL statement counter at /metrics (status ${response.status})`);
    total += Number(match[1]);
  }
  return total;
}

/**
 * Waits (up to 10 s) until no subgraph sends SQL for half a second: a request
 * a gateway gave up on may still be running, and its statements would be
 * counted against the next one.
 */
async function quiet(secret: string, caller: Caller): Promise<number> {
  let last = await statementsSoFar(secret, caller);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await statementsSoFar(secret, caller);
    if (now === last) break;
    last = now;
  }
  return last;
}

/**
 * Statements one request costs, once warm (the first request may fill caches).
 * `computed`: the measured request is a new document (a comment added), so
 * that a gateway computes it rather than serving the answer it remembers
 * (what a size ratio compares); it then also reads each store's version.
 */
export async function statementsPerRequest(target: Target, secret: string, caller: Caller, computed = false): Promise<number> {
  await send(target);
  const before = await quiet(secret, caller);
  if (computed) {
    const request = JSON.parse(target.body) as { query: string };
    await send({ ...target, body: JSON.stringify({ ...request, query: `${request.query}\n# measured ${Date.now()}` }) });
    return (await statementsSoFar(secret, caller)) - before;
  }
  await send(target);
  return (await statementsSoFar(secret, caller)) - before;
}
