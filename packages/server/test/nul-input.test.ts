import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEMPLATE } from './fixtures.js';
import { type Harness, startHarness, type TestUser } from './harness.js';

describe('a NUL character in any text is BAD_REQUEST (PostgreSQL text cannot hold it), never a server error', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness();
    me = await h.user('nul');
  });
  after(() => h?.close());

  test('in a plain field, deep in a JSON config, and in a JSON key', async () => {
    const title = await h.call(me, 'dashboards.create', { title: 'a\u0000b', templateId: TEMPLATE.single });
    assert.equal(title.status, 400);
    assert.equal(title.code, 'BAD_REQUEST');
    assert.match(title.body.error!.message, /title: contains a NUL character/);

    const deep = await h.call(me, 'workspace.items.create', {
      itemType: 'note',
      title: 'n',
      content: { blocks: [{ text: 'x\u0000' }] },
    });
    assert.equal(deep.status, 400);
    assert.match(deep.body.error!.message, /contains a NUL character/);

    const key = await h.call(me, 'me.update', { preferences: { 'k\u0000': 1 } });
    assert.equal(key.status, 400);
    assert.match(key.body.error!.message, /a key contains a NUL character/);

    const search = await h.call(me, 'dashboards.list', { search: '\u0000' });
    assert.equal(search.status, 400);
  });

  test('in the query of POST /datasets', async () => {
    const res = await fetch(`${h.url}/datasets?title=a%00b&format=csv`, {
      method: 'POST',
      body: 'a,b\n1,2\n',
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /title: contains a NUL/);
  });
});
