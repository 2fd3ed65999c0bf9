import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TRPCError } from '@trpc/server';
import { createLink } from '../src/services/sharing.js';
import { dashboard } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

describe('sharing links: frame origins are exact sites, wildcards refused', () => {
  let h: Harness;
  let me: TestUser;
  let dashboardId: string;
  before(async () => {
    h = await startHarness();
    me = await h.user('sharer');
    dashboardId = (await dashboard(h, me)).id;
  });
  after(() => h?.close());

  const create = (allowedOrigins: string[]) =>
    h.call(me, 'sharing.create', {
      resourceType: 'dashboard',
      resourceId: dashboardId,
      permissions: { view: true, allowedOrigins },
    });

  test('wildcards and CSP-breaking characters are BAD_REQUEST saying to list each site', async () => {
    for (const bad of [
      'https://*.example.com',
      'https://*',
      'http://a*b.example.com',
      'https://a;b.example.com',
      "https://a'b.example.com",
      'https://a,b.example.com',
      'https://-bad.example.com',
    ]) {
      const r = await create([bad]);
      assert.equal(r.code, 'BAD_REQUEST', bad);
      assert.match(r.body.error!.message, /no wildcards: list each site/, bad);
    }
    const good = [
      'https://app.example.com',
      'http://localhost:5173',
      'https://[::1]:8443',
      'https://xn--bcher-kva.example',
    ];
    ok(await create(good));
  });

  test('the service refuses them too, for hosts that call it without the router', async () => {
    await assert.rejects(
      createLink(
        h.db.db,
        { id: me.id, email: me.email },
        {
          resourceType: 'dashboard',
          resourceId: dashboardId,
          permissions: { view: true, allowedOrigins: ['https://*.example.com'] },
        },
        (t) => `/embed/${t}`,
      ),
      (e: TRPCError) => e.code === 'BAD_REQUEST' && /allowedOrigins/.test(e.message),
    );
  });
});
