import { VersionReads } from '../answerCache';

/** A store whose version reads are answered by hand, on a clock moved by hand. */
function harness(freshMs: number) {
  let clock = 0;
  let version = 1;
  const pending: (() => void)[] = [];
  let reads = 0;
  const versions = new VersionReads(
    () =>
      new Promise<string>((resolve) => {
        reads += 1;
        // The read sees the version as it is when it begins.
        const seen = String(version);
        pending.push(() => resolve(seen));
      }),
    freshMs,
    () => clock,
  );
  return {
    versions,
    tick: (ms: number) => (clock += ms),
    write: () => (version += 1),
    answerAll: async () => {
      while (pending.length > 0) {
        pending.shift()!();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    reads: () => reads,
  };
}

describe('store version reads', () => {
  it('give each caller a read begun after it asked, one read at a time for everyone waiting (freshMs 0)', async () => {
    const h = harness(0);
    const first = h.versions.current(h.tick(1));
    // Asked while the first read is in flight, after a write: must not get the first read's answer.
    h.write();
    const second = h.versions.current(h.tick(1));
    const third = h.versions.current(h.tick(1));
    await h.answerAll();
    expect(await first).toBe('1');
    expect(await second).toBe('2');
    expect(await third).toBe('2');
    // One read for the first caller, one shared by the two that waited.
    expect(h.reads()).toBe(2);
  });

  it('reuse a read for freshMs, and not at all after forget()', async () => {
    const h = harness(1000);
    const first = h.versions.current(h.tick(1));
    await h.answerAll();
    expect(await first).toBe('1');
    h.write();
    expect(await h.versions.current(h.tick(500))).toBe('1');
    expect(h.reads()).toBe(1);
    // A write this gateway carried: the next caller waits for a new read.
    h.versions.forget();
    const afterForget = h.versions.current(h.tick(1));
    await h.answerAll();
    expect(await afterForget).toBe('2');
    expect(h.reads()).toBe(2);
  });

  it('never trust a read that began before forget(), even if it ends after', async () => {
    const h = harness(1000);
    const inFlight = h.versions.current(h.tick(1));
    h.write();
    h.versions.forget();
    await h.answerAll();
    // Its own caller asked before the write was acknowledged: the old version is right for it.
    expect(await inFlight).toBe('1');
    const next = h.versions.current(h.tick(1));
    await h.answerAll();
    expect(await next).toBe('2');
  });

  it('read again once freshMs has passed', async () => {
    const h = harness(1000);
    const first = h.versions.current(h.tick(1));
    await h.answerAll();
    await first;
    h.write();
    const later = h.versions.current(h.tick(1001));
    await h.answerAll();
    expect(await later).toBe('2');
  });
});
