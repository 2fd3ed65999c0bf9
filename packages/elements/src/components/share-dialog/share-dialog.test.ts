import { expect } from '@esm-bundle/chai';
import './share-dialog.js';
import type { OcpShareCreateEvent } from '../../events/share-create.js';
import type { OcpShareRevokeEvent } from '../../events/share-revoke.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpShareDialog } from './share-dialog.js';

describe('<ocp-share-dialog>', () => {
  afterEach(cleanup);

  it('opens as a modal dialog from the open attribute and closes', async () => {
    const provider = demoProvider();
    const el = await fixture<OcpShareDialog>(
      html`<ocp-share-dialog resource-id=${provider.data.dashboards[0]!.id} .provider=${provider}></ocp-share-dialog>`,
    );
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(false);
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    await waitUntil(() => el.state === 'empty', 'no links yet');
    await el.updateComplete;
    await expectAccessible(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Close"]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('creates a link that resolves, lists it, and revokes it', async () => {
    const provider = demoProvider();
    const dashboard = provider.data.dashboards[0]!;
    const el = await fixture<OcpShareDialog>(
      html`<ocp-share-dialog open resource-type="dashboard" resource-id=${dashboard.id} base-url="https://dash.example" .provider=${provider}></ocp-share-dialog>`,
    );
    await waitUntil(() => el.state === 'empty', 'links');
    const form = el.shadowRoot!.querySelector('form')!;
    (form.elements.namedItem('interact') as HTMLInputElement).checked = false;
    (form.elements.namedItem('origins') as HTMLInputElement).value = 'https://app.example.com';
    const created = oneEvent<OcpShareCreateEvent>(el, 'ocp-share-create');
    form.requestSubmit();
    const { share } = (await created).detail;
    expect(share.token).to.match(/^[0-9a-f]{32}$/);
    await waitUntil(() => el.state === 'ready', 'link listed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part="created"] input')!.value).to.equal(
      `https://dash.example/embed/${share.token}`,
    );
    expect(el.shadowRoot!.querySelector('[part="links"]')!.textContent).to.contain('View only').and.contain('expires');
    const resolved = await provider.resolveShare(share.token);
    expect(resolved.resourceType).to.equal('dashboard');
    expect(resolved.permissions).to.deep.equal({
      view: true,
      interact: false,
      allowedOrigins: ['https://app.example.com'],
    });

    const revoked = oneEvent<OcpShareRevokeEvent>(el, 'ocp-share-revoke');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="links"] button')!.click();
    expect((await revoked).detail.id).to.equal(share.id);
    await waitUntil(() => el.state === 'empty', 'revoked');
    let code = '';
    await provider.resolveShare(share.token).catch((e: { code: string }) => {
      code = e.code;
    });
    expect(code).to.equal('NOT_FOUND');
  });

  it('shows an error state when links cannot be listed', async () => {
    const el = await fixture<OcpShareDialog>(
      html`<ocp-share-dialog open resource-id="x" .provider=${demoProvider({ fail: () => 'FORBIDDEN' })}></ocp-share-dialog>`,
    );
    await waitUntil(() => el.state === 'error', 'error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('permission');
  });
});
