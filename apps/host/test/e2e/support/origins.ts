import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ParentSite {
  origin: string;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A tiny site on its own loopback port (so its own origin) standing in for a customer's page:
 * - `/frame?src=URL[&poster=URL][&fit=1]` frames `src` (named `ocp`) and logs every message it receives in
 *   `window.messages`; `poster` adds a second iframe, from elsewhere, that tries to talk to the `ocp` frame; `fit`
 *   sizes the frame to the height the viewer reports, as docs/embedding.md shows.
 * - `/poster` is that second iframe: it posts a theme change to its parent's `ocp` frame.
 * - any path in `pages`: that HTML, as it is.
 */
export async function startParentSite(pages: Record<string, string> = {}): Promise<ParentSite> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    if (pages[url.pathname] !== undefined) body = pages[url.pathname]!;
    else if (url.pathname === '/frame') {
      const src = url.searchParams.get('src') ?? 'about:blank';
      const poster = url.searchParams.get('poster');
      body = `<!doctype html><title>Customer page</title>
<h1>Customer page</h1>
<iframe name="ocp" id="ocp" src="${escapeHtml(src)}" style="width:900px;height:400px;border:0"></iframe>
${poster ? `<iframe id="poster" src="${escapeHtml(poster)}" style="width:10px;height:10px;border:0"></iframe>` : ''}
<script>
  window.messages = [];
  addEventListener('message', (e) => {
    window.messages.push({ origin: e.origin, data: e.data });
    if (${url.searchParams.has('fit')} && e.data?.type === 'ocp:embed-height')
      document.getElementById('ocp').style.height = e.data.height + 'px';
  });
</script>`;
    } else if (url.pathname === '/poster') {
      body = `<!doctype html><title>Intruder</title><script>
  setTimeout(() => { parent.frames.ocp.postMessage({ type: 'ocp:set-theme', theme: 'dark' }, '*'); document.title = 'posted'; }, 300);
</script>`;
    } else {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
