import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardRoutes } from '../dashboardRoute';

describe('the dashboard route without a build', () => {
  let root: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dashboard-unbuilt-'));
    const routes = dashboardRoutes(join(root, 'dist'));
    server = createServer((request, response) => {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      void (routes[pathname] ?? routes['/dashboard/*'])(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 SERVICE_UNAVAILABLE saying how to build it, not a crash', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/assets/index.js']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'The dashboard is not built: run `npm run build`', code: 'SERVICE_UNAVAILABLE' });
    }
  });

  it('serves nothing outside assets/', async () => {
    const response = await fetch(`${origin}/dashboard/secret.txt`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
