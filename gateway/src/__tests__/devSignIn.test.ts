import { loadConfig } from '@safety-graph/shared';
import { startStack, type Stack } from '@safety-graph/test-helpers';
import { devSignInRoutes } from '../devSignIn';

/** The development sign-in the explorer and the dashboard use: demo agencies and a token for one. */
describe('development sign-in', () => {
  let stack: Stack;
  let base: string;

  beforeAll(async () => {
    stack = await startStack('devsignin');
    base = stack.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => stack.stop());

  it('lists the demo agencies with their default scopes', async () => {
    const response = await fetch(`${base}/dev/agencies`);
    expect(response.status).toBe(200);
    const agencies = (await response.json()) as { code: string; kind: string; scopes: string[] }[];
    const kashan = agencies.find((agency) => agency.code === 'POLICE-IR-10-12');
    expect(kashan).toMatchObject({ kind: 'POLICE' });
    expect(kashan!.scopes).toContain('reports:read');
  });

  it("gives a token that the gateway takes as that agency's", async () => {
    const response = await fetch(`${base}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agency: 'POLICE-IR-10-12' }),
    });
    expect(response.status).toBe(200);
    const { token, agency } = (await response.json()) as { token: string; agency: string };
    expect(agency).toBe('POLICE-IR-10-12');
    const answer = await stack.query<{ agency: { code: string } }>('{ agency(code: "POLICE-IR-10-12") { code } }', {}, { token });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.agency.code).toBe('POLICE-IR-10-12');
  });

  it('refuses an unknown agency, a body that is not JSON and a wrong method with a code', async () => {
    const unknown = await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ agency: 'NOPE' }) });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    const garbage = await fetch(`${base}/dev/token`, { method: 'POST', body: '{' });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await fetch(`${base}/dev/token`)).status).toBe(405);
  });

  it('is not mounted in production', () => {
    expect(devSignInRoutes(loadConfig({ NODE_ENV: 'production' }))).toEqual({});
  });
});
