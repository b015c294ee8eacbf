import { CheapFirst } from '../priority';

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** Starts a yield and notes when it resumes. */
function yieldOf(priority: CheapFirst, requestId: string, log: string[]) {
  return priority.yieldFor(requestId).then(() => log.push(`${requestId} resumes`));
}

describe('cheap operations first, across agencies', () => {
  it('holds a heavy operation while a much cheaper one of another agency runs, and resumes it when that one ends', async () => {
    const priority = new CheapFirst(60_000);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    priority.begin('light', 'POLICE-IR-10-12', 4);
    const heavy = yieldOf(priority, 'heavy', log);
    // The light one never waits for the heavy one.
    await yieldOf(priority, 'light', log);
    await settle();
    expect(log).toEqual(['light resumes']);
    expect(priority.waiting).toBe(1);
    priority.end('light');
    await heavy;
    expect(log).toEqual(['light resumes', 'heavy resumes']);
    expect(priority.waiting).toBe(0);
  });

  it('never holds an operation for its own agency, nor for one less than ten times cheaper', async () => {
    const priority = new CheapFirst(60_000);
    priority.begin('report', 'HEALTH-IR-10', 7216);
    priority.begin('same-agency-page', 'HEALTH-IR-10', 4);
    priority.begin('other-report', 'POLICE-IR-10', 1344);
    const log: string[] = [];
    await yieldOf(priority, 'report', log);
    expect(log).toEqual(['report resumes']);
    // The other agency's report does wait for HEALTH's page, until it ends.
    const other = yieldOf(priority, 'other-report', log);
    await settle();
    expect(priority.waiting).toBe(1);
    priority.end('same-agency-page');
    await other;
    expect(log).toEqual(['report resumes', 'other-report resumes']);
  });

  it('holds a heavy operation at most the yield time per step: slowed, never starved', async () => {
    const priority = new CheapFirst(30);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    // A light query that never ends (a client sending them back to back looks the same).
    priority.begin('light', 'POLICE-IR-10-12', 4);
    await yieldOf(priority, 'heavy', log);
    expect(log).toEqual(['heavy resumes']);
    expect(priority.waiting).toBe(0);
  });

  it('holds heavy operations for a request whose cost is not known yet, and lets them go once it is known to be heavy too', async () => {
    const priority = new CheapFirst(60_000);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    // Another agency's request has arrived: cost 0 until its operation is costed.
    priority.begin('arriving', 'POLICE-IR-10', 0);
    const heavy = yieldOf(priority, 'heavy', log);
    await settle();
    expect(log).toEqual([]);
    priority.begin('arriving', 'POLICE-IR-10', 11500);
    await heavy;
    expect(log).toEqual(['heavy resumes']);
  });

  it('does nothing when turned off (PRIORITY_YIELD_MS=0) or for an operation it never saw', async () => {
    const off = new CheapFirst(0);
    off.begin('heavy', 'HEALTH-IR-10', 7216);
    off.begin('light', 'POLICE-IR-10-12', 4);
    const log: string[] = [];
    await yieldOf(off, 'heavy', log);
    await yieldOf(new CheapFirst(60_000), 'unknown', log);
    expect(log).toEqual(['heavy resumes', 'unknown resumes']);
  });

  it('counts a request from its arrival, before it is authenticated, as of another agency', async () => {
    const priority = new CheapFirst(60_000);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    priority.arrive('unknown');
    const heavy = yieldOf(priority, 'heavy', log);
    await settle();
    expect(log).toEqual([]);
    // Authenticated as the heavy operation's own agency: nothing to yield to.
    priority.begin('unknown', 'HEALTH-IR-10', 0);
    await heavy;
    expect(log).toEqual(['heavy resumes']);
  });

  it('lets a request that came in while an operation ran be seen before its next step', async () => {
    const priority = new CheapFirst(60_000);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    const heavy = yieldOf(priority, 'heavy', log);
    // What the event loop's next read of its sockets brings in.
    setImmediate(() => priority.arrive('light'));
    await settle();
    expect(log).toEqual([]);
    priority.end('light');
    await heavy;
    expect(log).toEqual(['heavy resumes']);
  });

  it('counts an answered operation on for the grace time, so that a client back with its next query finds no heavy step begun', async () => {
    const priority = new CheapFirst(60_000, 40);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    priority.begin('light-1', 'POLICE-IR-10-12', 4);
    const heavy = yieldOf(priority, 'heavy', log);
    const answered = performance.now();
    priority.end('light-1');
    await settle();
    // Its answer is written, and the heavy operation still waits: the client's next query is on its way.
    expect(log).toEqual([]);
    priority.begin('light-2', 'POLICE-IR-10-12', 4);
    priority.end('light-2');
    await heavy;
    expect(log).toEqual(['heavy resumes']);
    // Once the client has paused the grace time after its last answer.
    expect(performance.now() - answered).toBeGreaterThanOrEqual(35);
    expect(priority.waiting).toBe(0);
  });

  it('gives no grace time to a request that never ran, nor holds an operation longer than the yield time for it', async () => {
    const priority = new CheapFirst(60_000, 60_000);
    const log: string[] = [];
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    // Refused before it was costed (a bad token, a parse error): no query follows it that it would be worth waiting for.
    priority.arrive('refused');
    priority.end('refused');
    priority.begin('uncosted', 'POLICE-IR-10-12', 0, false);
    priority.end('uncosted');
    await yieldOf(priority, 'heavy', log);
    expect(log).toEqual(['heavy resumes']);
    // A light query answered: within the grace time, the heavy operation waits at most its yield time.
    const bounded = new CheapFirst(30, 60_000);
    bounded.begin('heavy', 'HEALTH-IR-10', 7216);
    bounded.begin('light', 'POLICE-IR-10-12', 4);
    bounded.end('light');
    await yieldOf(bounded, 'heavy', log);
    expect(log).toEqual(['heavy resumes', 'heavy resumes']);
  });

  it('never delays an operation too cheap for any other to be ten times cheaper', async () => {
    const priority = new CheapFirst(60_000);
    const log: string[] = [];
    priority.begin('light', 'POLICE-IR-10-12', 4);
    priority.arrive('other');
    const light = yieldOf(priority, 'light', log);
    setImmediate(() => log.push('next turn of the event loop'));
    await light;
    await settle();
    expect(log).toEqual(['light resumes', 'next turn of the event loop']);
  });

  it('sends the subgraph calls of operations that yield one at a time while much cheaper ones keep coming', async () => {
    const priority = new CheapFirst(60_000);
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    priority.begin('other-heavy', 'EDU-IR-10', 5000);
    // No cheaper request in: no lane, every call goes at once.
    const free = await Promise.all([priority.lane('heavy'), priority.lane('heavy'), priority.lane('other-heavy')]);
    expect(priority.waiting).toBe(0);
    free.forEach((done) => done());

    const log: string[] = [];
    const call = (requestId: string, name: string) =>
      priority.lane(requestId).then((done) => {
        log.push(`${name} sent`);
        return done;
      });
    // Light queries back to back: each call yields until one ends, and finds the next one already in.
    let light = 0;
    priority.begin(`light-${light}`, 'POLICE-IR-10-12', 4);
    const nextLight = async () => {
      priority.end(`light-${light}`);
      light += 1;
      priority.begin(`light-${light}`, 'POLICE-IR-10-12', 4);
      await settle();
    };
    const first = call('heavy', 'heavy 1');
    const second = call('heavy', 'heavy 2');
    const third = call('other-heavy', 'other 1');
    await settle();
    expect(log).toEqual([]);
    expect(priority.waiting).toBe(3);
    await nextLight();
    // One took the lane; the others wait for it.
    expect(log).toEqual(['heavy 1 sent']);
    expect(priority.waiting).toBe(2);
    (await first)();
    await settle();
    expect(log).toEqual(['heavy 1 sent', 'heavy 2 sent']);
    // The lane is given back when the operation ends, whatever became of its call.
    priority.end('heavy');
    await settle();
    expect(log).toEqual(['heavy 1 sent', 'heavy 2 sent', 'other 1 sent']);
    (await second)();
    (await third)();
    // No cheaper request in any more: the calls go at once again.
    priority.end(`light-${light}`);
    await call('other-heavy', 'other 2');
    expect(log).toContain('other 2 sent');
    expect(priority.waiting).toBe(0);
  });

  it('waits for the lane at most the yield time: slowed, never starved', async () => {
    const priority = new CheapFirst(30);
    priority.begin('heavy', 'HEALTH-IR-10', 7216);
    priority.begin('other-heavy', 'EDU-IR-10', 5000);
    // A light query that never ends.
    priority.begin('light', 'POLICE-IR-10-12', 4);
    const held = await priority.lane('heavy');
    // Its yield and its wait for the lane both end; the call goes without the lane.
    const done = await priority.lane('other-heavy');
    expect(priority.waiting).toBe(0);
    done();
    held();
  });
});
