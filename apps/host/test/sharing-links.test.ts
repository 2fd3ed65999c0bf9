import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startHost } from '../server/boot.js';
import { apiClient, createAccount } from './e2e/support/api.js';
import { startTestHost, type TestHost } from './e2e/support/host.js';

/** sharing.create over raw HTTP with a chosen Host header; returns the link's url and token. */
function createLink(base: string, token: string, dashboardId: string, hostHeader: string) {
  const body = JSON.stringify({ resourceType: 'dashboard', resourceId: dashboardId });
  return new Promise<{ url: string; token: string }>((resolve, reject) => {
    const req = http.request(
      `${base}/trpc/sharing.create`,
      {
        method: 'POST',
        headers: { host: hostHeader, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () =>
          resolve((JSON.parse(text) as { result: { data: { url: string; token: string } } }).result.data),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function ownerWithDashboard(host: TestHost) {
  const token = await createAccount(host.url, {
    email: `links-${Date.now()}-${Math.random()}@example.com`,
    password: 'correct horse battery',
    displayName: 'Linker',
  });
  const api = apiClient(host.url, token);
  const templates = await api.templates.list.query();
  const dashboard = await api.dashboards.create.mutate({ title: 'Linked', templateId: templates[0]!.id });
  return { api, token, dashboardId: dashboard.id };
}

describe('sharing links of the reference host are absolute', () => {
  let host: TestHost;
  before(async () => {
    host = await startTestHost();
  });
  after(() => host?.close());

  test('without OCP_PUBLIC_URL: the address the request came to, and the link opens', async () => {
    const { api, dashboardId } = await ownerWithDashboard(host);
    const link = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId: dashboardId });
    assert.equal(link.url, `${host.url}/embed/${link.token}`);
    assert.equal((await fetch(link.url)).status, 200);
  });

  test('a Host header that is not a host name never ends up in a link (the link stays relative)', async () => {
    const { token, dashboardId } = await ownerWithDashboard(host);
    const named = await createLink(host.url, token, dashboardId, 'dash.internal:8080');
    assert.equal(named.url, `http://dash.internal:8080/embed/${named.token}`);
    const junk = await createLink(host.url, token, dashboardId, 'evil.example/"><script>');
    assert.equal(junk.url, `/embed/${junk.token}`);
  });
});

describe('OCP_PUBLIC_URL', () => {
  let host: TestHost;
  before(async () => {
    host = await startTestHost({ publicUrl: 'https://dash.example.com/' });
  });
  after(() => host?.close());

  test('sharing.create returns links under the configured public URL', async () => {
    const { api, dashboardId } = await ownerWithDashboard(host);
    const link = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId: dashboardId });
    assert.equal(link.url, `https://dash.example.com/embed/${link.token}`);
  });

  test('a value that is not an http(s) URL stops the start with a clear message', async () => {
    const start = startHost({ port: 0, demo: false, publicUrl: 'dash.example.com', log: () => {} }).then(
      async (started) => {
        await started.close();
        throw new Error('the host started with an invalid public URL');
      },
    );
    await assert.rejects(start, /OCP_PUBLIC_URL must be an http\(s\) URL/);
  });
});
