import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProviderError, redactDetail, streamCompletion } from '../src/chat/openai.js';

/** A fetch that answers with `body` cut into the given byte pieces, as a network would. */
function fetchOf(body: string, pieces: number[], type = 'text/event-stream'): typeof fetch {
  return (async () => {
    const bytes = new TextEncoder().encode(body);
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        const size = pieces[at % pieces.length] ?? 7;
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': type } });
  }) as typeof fetch;
}

const request = (fetch: typeof globalThis.fetch) => ({
  baseUrl: 'http://upstream.test/v1',
  model: 'm',
  messages: [{ role: 'user' as const, content: 'hi' }],
  fetch,
});

describe('the OpenAI-compatible stream reader', () => {
  test('CRLF, comments, "data:" without a space, and chunks cut anywhere (even inside a UTF-8 character)', async () => {
    const body = [
      ': keep-alive comment',
      'data: {"choices":[{"delta":{"role":"assistant","content":""}}]}',
      '',
      'data:{"choices":[{"delta":{"content":"Caf"}}]}',
      '',
      'data: {"choices":[{"delta":{"content":"é — ok"}}]}',
      '',
      'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}',
      '',
      'data: [DONE]',
      '',
      '',
    ].join('\r\n');
    for (const pieces of [[1], [3], [5, 2, 9], [4096]]) {
      const deltas: string[] = [];
      const result = await streamCompletion(request(fetchOf(body, pieces)), (d) => deltas.push(d));
      assert.equal(result.text, 'Café — ok', `pieces ${pieces}`);
      assert.deepEqual(deltas, ['Caf', 'é — ok']);
      assert.equal(result.finishReason, 'stop');
    }
  });

  test('tool calls are assembled by index, whatever order their fragments come in', async () => {
    const chunk = (calls: unknown[]) => `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: calls } }] })}\n\n`;
    const body =
      chunk([{ index: 1, id: 'b', type: 'function', function: { name: 'describe_data', arguments: '' } }]) +
      chunk([{ index: 0, id: 'a', type: 'function', function: { name: 'create_', arguments: '{"ti' } }]) +
      chunk([{ index: 0, function: { name: 'chart', arguments: 'tle":"x"}' } }]) +
      chunk([{ index: 1, function: { arguments: '{}' } }]) +
      'data: {"choices":[{"delta":{},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n';
    const result = await streamCompletion(request(fetchOf(body, [11])), () => {});
    assert.deepEqual(result.toolCalls, [
      { id: 'a', type: 'function', function: { name: 'create_chart', arguments: '{"title":"x"}' } },
      { id: 'b', type: 'function', function: { name: 'describe_data', arguments: '{}' } },
    ]);
    assert.equal(result.finishReason, 'tool_calls');
  });

  test('errors: a streamed error object, garbage, too many tool calls, a body without [DONE]', async () => {
    const fail = async (body: string) => {
      try {
        await streamCompletion(request(fetchOf(body, [64])), () => {});
        return null;
      } catch (e) {
        assert.ok(e instanceof ProviderError);
        return [e.code, e.message];
      }
    };
    assert.deepEqual(await fail('data: {"error":{"message":"overloaded"}}\n\n'), [
      'BAD_GATEWAY',
      'The model provider reported an error',
    ]);
    assert.deepEqual(await fail('data: <html>\n\n'), [
      'BAD_GATEWAY',
      'The model provider sent an answer that could not be read',
    ]);
    const many = `data: ${JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 99, function: { name: 'x' } }] } }] })}\n\n`;
    assert.deepEqual(await fail(many), ['BAD_GATEWAY', 'The model provider sent an answer that could not be read']);
    // A stream that just ends still yields what came (some servers omit [DONE]).
    assert.equal(await fail('data: {"choices":[{"delta":{"content":"partial"}}]}'), null);
  });

  test('the request: POST {baseUrl}/chat/completions, bearer key, stream, tools with tool_choice auto', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof globalThis.fetch;
    await streamCompletion(
      {
        ...request(fetch),
        baseUrl: 'http://upstream.test/v1/',
        apiKey: 'sk-1',
        tools: [{ type: 'function', function: { name: 't', description: 'd', parameters: { type: 'object' } } }],
      },
      () => {},
    );
    assert.equal(seen!.url, 'http://upstream.test/v1/chat/completions');
    assert.equal((seen!.init.headers as Record<string, string>).authorization, 'Bearer sk-1');
    const body = JSON.parse(String(seen!.init.body));
    assert.deepEqual([body.model, body.stream, body.tool_choice, body.tools.length], ['m', true, 'auto', 1]);
    assert.equal(seen!.init.redirect, 'error');
  });

  test('error details for the log: no key, no credential-shaped text, no prompt, one bounded line', () => {
    const prompt = {
      apiKey: 'my-custom-key-42',
      messages: [
        { role: 'system' as const, content: 'You are a helpful assistant for ACME dashboards.' },
        { role: 'user' as const, content: 'Chart the salaries of Jane Roe and John Doe by month' },
      ],
    };
    const detail = [
      'HTTP 400: bad request for key my-custom-key-42 (Authorization: Bearer abc.def.ghi)',
      'api_key=zzz-111 token: "t0k3n" sk-proj-AbCdEf123456',
      'blob QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw',
      'you sent: …the salaries of Jane Roe and John…\r\nforged line',
    ].join(' ');
    const out = redactDetail(detail, prompt);
    assert.equal(
      out,
      'HTTP 400: bad request for key [key] (Authorization: Bearer [redacted]) api_key=[redacted] token: "[redacted]" ' +
        '[key] blob [redacted] you sent: …[prompt]… forged line',
    );
    const long = redactDetail(`HTTP 500: ${'word '.repeat(500)}`, prompt);
    assert.ok(long.length <= 301 && long.endsWith('…'), `${long.length}`);
  });
});
