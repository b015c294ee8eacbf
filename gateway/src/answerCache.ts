import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { encodeCaller, type SubgraphName } from '@safety-graph/shared';
import type { GatewayContext } from './plugins';

/**
 * The version of one subgraph's store. `current(at)` gives a version read
 * that began at most `freshMs` before `at`: with 0, one that began after the
 * caller asked (every write committed before is counted). Reads are shared:
 * while one is in flight, callers that need a newer one wait for the next,
 * which starts when it ends, so a subgraph answers at most one version read
 * at a time however many requests ask. `forget()` (a write carried by this
 * gateway) drops what is known, and no read begun before it is trusted again.
 */
export class VersionReads {
  private known?: { version: string; begunAt: number };
  private forgottenAt = -Infinity;
  private running?: { promise: Promise<string>; begunAt: number };
  private waiting?: Promise<string>;

  constructor(
    private readonly read: () => Promise<string>,
    private readonly freshMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {}

  current(at = this.now()): Promise<string> {
    if (this.known && at - this.known.begunAt <= this.freshMs) return Promise.resolve(this.known.version);
    if (!this.running) return this.start();
    if (this.running.begunAt >= at) return this.running.promise;
    this.waiting ??= this.running.promise
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.waiting = undefined;
        return this.running?.promise ?? this.start();
      });
    return this.waiting;
  }

  forget(): void {
    this.known = undefined;
    this.forgottenAt = this.now();
  }

  private start(): Promise<string> {
    const begunAt = this.now();
    const promise: Promise<string> = this.read()
      .then((version) => {
        if (begunAt > this.forgottenAt && (!this.known || begunAt > this.known.begunAt)) this.known = { version, begunAt };
        return version;
      })
      .finally(() => {
        if (this.running?.promise === promise) this.running = undefined;
      });
    this.running = { promise, begunAt };
    return promise;
  }
}

/**
 * What an answer holds in memory per byte of its JSON: the text itself and
 * the objects it was made from (measured: 32 MB of JSON kept as objects and
 * text took the gateway's peak RSS from ~180 to 729 MiB).
 */
const HELD_PER_BYTE = 8;

interface Entry {
  data: Record<string, unknown>;
  /** The answer as Apollo Server writes it (`{"data":…}` and a newline), made once. */
  text: string;
  /** The subgraphs the answer was assembled from, each with its store's version read before the plan ran. */
  versions: [SubgraphName, string][];
  bytes: number;
}

export interface AnswerCacheOptions {
  /** Most bytes of memory answers may hold (about 8 per byte of their JSON); 0 turns the cache off. */
  capacityBytes: number;
  subgraphs: readonly SubgraphName[];
  /**
   * How long a store's version, once read, stands for writes this gateway did
   * not carry (another replica's, an import's); 0: a read begun after the
   * request arrived, for every request. Writes carried here count at once.
   */
  freshMs: number;
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
export function answerCache(options: AnswerCacheOptions): ApolloServerPlugin<GatewayContext> & {
  size(): { entries: number; bytes: number };
  /** Apollo Server's `stringifyResult`: a remembered answer's text as made when it was kept, any other serialized. */
  stringifyResult(value: FormattedExecutionResult): string;
} {
  const entries = new Map<string, Entry>();
  const texts = new WeakMap<object, string>();
  let bytes = 0;
  const reads = new Map(options.subgraphs.map((name) => [name, new VersionReads(() => options.readVersion(name), options.freshMs)]));
  const versionOf = (name: SubgraphName, at: number): Promise<string | undefined> =>
    reads
      .get(name)
      ?.current(at)
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
    stringifyResult(value) {
      const remembered = value.errors === undefined && value.extensions === undefined && value.data ? texts.get(value.data) : undefined;
      return remembered ?? `${JSON.stringify(value)}\n`;
    },
    async requestDidStart() {
      if (options.capacityBytes === 0) return {};
      let key: string | undefined;
      let before: Map<SubgraphName, string | undefined> | undefined;
      return {
        async responseForOperation(request) {
          if (request.operation?.operation !== 'query') return null;
          const at = performance.now();
          key = keyOf(request);
          const entry = entries.get(key);
          if (entry) {
            const now = await Promise.all(entry.versions.map(([name]) => versionOf(name, at)));
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
          const read = await Promise.all(options.subgraphs.map(async (name) => [name, await versionOf(name, at)] as const));
          before = new Map(read);
          return null;
        },
        async willSendResponse(request) {
          // A write carried here: its stores' next answers are read afresh (before the client hears it is done).
          if (request.operation?.operation === 'mutation') for (const name of request.contextValue.subgraphs) reads.get(name as SubgraphName)?.forget();
          if (key === undefined || before === undefined) return;
          const { body } = request.response;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          const used = [...request.contextValue.subgraphs] as SubgraphName[];
          if (used.length === 0) return;
          const versions = used.map((name) => [name, before!.get(name)] as [SubgraphName, string | undefined]);
          if (versions.some(([, version]) => version === undefined)) return;
          const data = body.singleResult.data;
          // Written as Apollo Server writes an answer without errors or extensions (runHttpQuery's prettyJSONStringify).
          const text = `${JSON.stringify({ data })}\n`;
          texts.set(data, text);
          keep(key, { data, text, versions: versions as [SubgraphName, string][], bytes: text.length * HELD_PER_BYTE });
        },
      };
    },
  };
}
