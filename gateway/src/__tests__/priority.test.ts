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
});
