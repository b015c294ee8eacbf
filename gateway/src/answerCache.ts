import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { encodeCaller, type SubgraphName } from '@safety-graph/shared';
import type { GatewayContext } from './plugins';

/**
 * The version of one subgraph's store, read so that every write committed
 * before the read began is counted. Reads are shared: while one is in
 * flight, callers wait for the next one, which starts when it ends, so that
 * each caller gets a read that began after it asked (a write acknowledged
 * before a request arrived is always seen) and a subgraph answers at most one
 * version read at a time, however many requests ask.
 */
export class VersionReads {
  private running?: Promise<string>;
  private waiting?: Promise<string>;

  constructor(private readonly read: () => Promise<string>) {}

  current(): Promise<string> {
    if (!this.running) return this.start();
    this.waiting ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.waiting = undefined;
        return this.running ?? this.start();
      });
    return this.waiting;
  }

  private start(): Promise<string> {
    const run: Promise<string> = this.read().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}

interface Entry {
  data: Record<string, unknown>;
  /** The subgraphs the answer was assembled from, each with its store's version read before the plan ran. */
  versions: [SubgraphName, string][];
  bytes: number;
}

export interface AnswerCacheOptions {
  /** Most bytes of answers (their JSON) kept; 0 turns the cache off. */
  capacityBytes: number;
  subgraphs: readonly SubgraphName[];
  /** Reads a subgraph's store version (a signed `GET /version`). */
  readVersion(subgraph: SubgraphName): Promise<string>;
}

/**
 * Remembers whole answers to queries, each for one caller (agency, subject
 * and scopes: access and suppression depend on them), document, operation
 * and variables, and serves one again only while the version of every
 * subgraph store it was assembled from is unchanged. Every committed write
 * moves its store's version (shared/src/db/storeVersion.ts), from any process:
 * a mutation through this or another gateway, an import, a seed. A hit costs
 * one shared version read per subgraph instead of the plan's fetches and
 * their merging; everything before it still runs (token, cost, slot, intent
 * row) and the outcome row is written after it as for any answer. Answers
 * with errors and mutations are never kept. Least recently used answers go
 * first beyond `capacityBytes`.
 */
export function answerCache(options: AnswerCacheOptions): ApolloServerPlugin<GatewayContext> & { size(): { entries: number; bytes: number } } {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const reads = new Map(options.subgraphs.map((name) => [name, new VersionReads(() => options.readVersion(name))]));
  const versionOf = (name: SubgraphName): Promise<string | undefined> =>
    reads
      .get(name)
      ?.current()
      .catch(() => undefined) ?? Promise.resolve(undefined);

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const keep = (key: string, entry: Entry) => {
    drop(key);
    if (entry.bytes > options.capacityBytes / 4) return;
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldest] of entries) {
      if (bytes <= options.capacityBytes) break;
      drop(oldest);
    }
  };
  const keyOf = (request: GraphQLRequestContext<GatewayContext>) =>
    [encodeCaller(request.contextValue.caller), request.queryHash, request.operationName ?? '', JSON.stringify(request.request.variables ?? {})].join('\n');

  return {
    size: () => ({ entries: entries.size, bytes }),
    async requestDidStart() {
      if (options.capacityBytes === 0) return {};
      let key: string | undefined;
      let before: Map<SubgraphName, string | undefined> | undefined;
      return {
        async responseForOperation(request) {
          if (request.operation?.operation !== 'query') return null;
          key = keyOf(request);
          const entry = entries.get(key);
          if (entry) {
            const now = await Promise.all(entry.versions.map(([name]) => versionOf(name)));
            if (entry.versions.every(([, version], index) => now[index] === version)) {
              // Most recently used.
              entries.delete(key);
              entries.set(key, entry);
              for (const [name] of entry.versions) request.contextValue.subgraphs.add(name);
              return { body: { kind: 'single', singleResult: { data: entry.data } }, http: { headers: new HeaderMap(), status: undefined } };
            }
            drop(key);
          }
          // Read before the plan runs: a write committed during it leaves the answer under an older version (a miss later).
          const read = await Promise.all(options.subgraphs.map(async (name) => [name, await versionOf(name)] as const));
          before = new Map(read);
          return null;
        },
        async willSendResponse(request) {
          if (key === undefined || before === undefined) return;
          const { body } = request.response;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          const used = [...request.contextValue.subgraphs] as SubgraphName[];
          if (used.length === 0) return;
          const versions = used.map((name) => [name, before!.get(name)] as [SubgraphName, string | undefined]);
          if (versions.some(([, version]) => version === undefined)) return;
          const data = body.singleResult.data;
          keep(key, { data, versions: versions as [SubgraphName, string][], bytes: JSON.stringify(data).length });
        },
      };
    },
  };
}
