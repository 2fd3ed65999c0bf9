/**
 * The adapter for any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's compatible route,
 * OpenRouter, vLLM, Ollama, LM Studio, llama.cpp's server…): `POST {baseUrl}/chat/completions` with
 * `stream: true`, read as Server-Sent Events (`data: {chunk}` lines, `data: [DONE]` at the end). Text deltas are
 * passed on as they arrive; tool calls are assembled from their fragments (id and name first, arguments in pieces,
 * keyed by `index`). A provider that ignores `stream` and answers with one JSON completion is read as well.
 *
 * Plain `fetch`, no SDK: the wire format is small and stable, and owning the reader is what lets us bound the time
 * and the bytes an upstream may take. Every failure is a {@link ProviderError} whose message is safe to show to the
 * user (no URL, no key, no upstream body); details go to the server log only, redacted ({@link redactDetail}).
 */

/** A message in the provider's wire format. */
export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface WireTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface CompletionRequest {
  /** e.g. `https://api.openai.com/v1` (the path `/chat/completions` is appended). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  messages: WireMessage[];
  tools?: WireTool[];
  /** Aborts the request (the caller went away, or the turn's deadline passed). */
  signal?: AbortSignal;
  /** The whole request, first byte to last (default 60 s). */
  timeoutMs?: number;
  /** Largest response accepted, counted as it streams (default 4 MiB). */
  maxResponseBytes?: number;
  /** Tries again after a 429 or 503 (before anything streamed): this many times (default 2). */
  retries?: number;
  /** The first pause before trying again, doubled each time, unless the upstream says `Retry-After` (default 500 ms; at most 5 s). */
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

export interface CompletionResult {
  text: string;
  toolCalls: WireToolCall[];
  finishReason: string | null;
}

export type ProviderErrorCode = 'GATEWAY_TIMEOUT' | 'BAD_GATEWAY' | 'TOO_MANY_REQUESTS' | 'CLIENT_CLOSED_REQUEST';

/** An upstream failure with a message meant for the user. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    /** For the server log only. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const MAX_TOOL_CALLS = 16;
const MAX_ARGUMENT_CHARS = 256 * 1024;
const MAX_TEXT_CHARS = 64 * 1024;

/** Most characters of an upstream's words kept for the log. */
const MAX_DETAIL = 300;
/** A run of this many characters shared with the prompt counts as an echo of it. */
const ECHO = 16;

/** An error body's fields that describe the error (`{"error":{"type","code","message"}}`), else the body. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const e = (
      typeof parsed.error === 'string'
        ? { message: parsed.error }
        : parsed.error && typeof parsed.error === 'object'
          ? parsed.error
          : parsed
    ) as Record<string, unknown>;
    const parts = [e.type, e.code, e.message].filter((v) => typeof v === 'string' || typeof v === 'number');
    if (parts.length) return parts.join(': ');
  } catch {
    // not JSON: the text itself
  }
  return body;
}

/**
 * What of an upstream's words may go to the server log: one line, bounded, without the API key, anything shaped
 * like a credential, or the prompt (an upstream may echo the request it refused, and the prompt holds the user's
 * messages and data). Runs of {@link ECHO} or more characters found in the prompt become `[prompt]`.
 */
export function redactDetail(detail: string, request: Pick<CompletionRequest, 'apiKey' | 'messages'>): string {
  // One line: control characters (newlines could forge log lines) become spaces.
  let text = detail.replace(/\p{Cc}+|[\u2028\u2029]+/gu, ' ').slice(0, MAX_DETAIL * 2);
  if (request.apiKey && request.apiKey.length >= 4) text = text.split(request.apiKey).join('[key]');
  text = text
    .replace(/\bBearer\s+[^\s"',;()[\]{}]+/gi, 'Bearer [redacted]')
    .replace(
      /((?:api[_-]?key|key|token|secret|password|authorization)["']?\s*[:=]\s*["']?)(?!Bearer\b|\[)[^\s"',;&()[\]{}]+/gi,
      '$1[redacted]',
    )
    .replace(/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}/g, '[key]')
    .replace(/[A-Za-z0-9_\-+/=]{32,}/g, '[redacted]');
  const prompt = request.messages
    .flatMap((m) => [
      m.content ?? '',
      ...('tool_calls' in m ? (m.tool_calls ?? []).map((c) => c.function.arguments) : []),
    ])
    .filter((c) => c.trim().length >= 6);
  const echoed = new Array<boolean>(text.length).fill(false);
  for (const part of prompt) {
    const whole = part.trim();
    for (let at = text.indexOf(whole); at >= 0; at = text.indexOf(whole, at + 1)) {
      echoed.fill(true, at, at + whole.length);
    }
  }
  for (let i = 0; i + ECHO <= text.length; i++) {
    const run = text.slice(i, i + ECHO);
    if (prompt.some((part) => part.includes(run))) echoed.fill(true, i, i + ECHO);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!echoed[i]) out += text[i];
    else if (i === 0 || !echoed[i - 1]) out += '[prompt]';
  }
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL)}…` : out;
}

/** The upstream's status, as the user should read it. */
function statusError(status: number, body: string): ProviderError {
  const detail = `HTTP ${status}${body ? `: ${errorText(body)}` : ''}`;
  if (status === 401 || status === 403)
    return new ProviderError('BAD_GATEWAY', 'The model provider refused the server’s credentials', detail);
  if (status === 404)
    return new ProviderError('BAD_GATEWAY', 'The model provider does not know this model or endpoint', detail);
  if (status === 429)
    return new ProviderError(
      'TOO_MANY_REQUESTS',
      'The model provider is rate-limiting requests; try again shortly',
      detail,
    );
  if (status === 408 || status === 504)
    return new ProviderError('GATEWAY_TIMEOUT', 'The model provider did not answer in time', detail);
  return new ProviderError('BAD_GATEWAY', `The model provider failed (HTTP ${status})`, detail);
}

/** Reads at most `limit` bytes of an error body (enough for a whole JSON error), for the log. */
async function peek(res: Response, limit = 16 * 1024): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // what arrived is enough
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, limit);
}

interface Accumulator {
  text: string;
  calls: Map<number, { id: string; name: string; arguments: string }>;
  finishReason: string | null;
}

type Chunk = {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    message?: {
      content?: string | null;
      tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  error?: { message?: string } | string;
};

function malformed(detail: string): ProviderError {
  return new ProviderError('BAD_GATEWAY', 'The model provider sent an answer that could not be read', detail);
}

/** Folds one chunk (streamed, or a whole non-streamed completion) into the accumulator. */
function apply(acc: Accumulator, chunk: Chunk, onDelta: (text: string) => void): void {
  if (chunk.error) {
    const detail = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? 'error');
    throw new ProviderError('BAD_GATEWAY', 'The model provider reported an error', detail);
  }
  const choice = chunk.choices?.[0];
  if (!choice) return;
  const part = choice.delta ?? choice.message;
  if (typeof part?.content === 'string' && part.content) {
    if (acc.text.length + part.content.length > MAX_TEXT_CHARS) throw malformed('text over the limit');
    acc.text += part.content;
    onDelta(part.content);
  }
  const calls = part?.tool_calls ?? [];
  calls.forEach((call, position) => {
    const index = 'index' in call && typeof call.index === 'number' ? call.index : position;
    if (index < 0 || index >= MAX_TOOL_CALLS) throw malformed(`tool call index ${index}`);
    const slot = acc.calls.get(index) ?? { id: '', name: '', arguments: '' };
    if (call.id) slot.id = call.id;
    if (call.function?.name) slot.name += call.function.name;
    if (call.function?.arguments) slot.arguments += call.function.arguments;
    if (slot.arguments.length > MAX_ARGUMENT_CHARS) throw malformed('tool call arguments over the limit');
    acc.calls.set(index, slot);
  });
  if (choice.finish_reason) acc.finishReason = choice.finish_reason;
}

function parseChunk(data: string): Chunk {
  try {
    return JSON.parse(data) as Chunk;
  } catch {
    throw malformed(`not JSON: ${data.slice(0, 200)}`);
  }
}

/**
 * Splits an SSE byte stream into events' `data` fields (several `data:` lines of one event are joined with "\n",
 * comments and other fields are ignored), counting bytes against `maxBytes`.
 */
async function* sseData(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let bytes = 0;
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) {
        bytes += value.byteLength;
        if (bytes > maxBytes)
          throw new ProviderError('BAD_GATEWAY', 'The model provider’s answer was too large', `${bytes} bytes`);
        buffer += decoder.decode(value, { stream: true });
      }
      if (done) buffer += `${decoder.decode()}\n\n`;
      let newline = buffer.search(/\r\n|\r|\n/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        newline = buffer.search(/\r\n|\r|\n/);
      }
      if (buffer.length > maxBytes) throw malformed('an SSE line over the limit');
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * One chat completion, streamed. Resolves with the whole text and the assembled tool calls; `onDelta` gets each
 * piece of text as it arrives. Rejects with a {@link ProviderError} only.
 */
/** A 429 or 503 the upstream answered before any byte of a reply: worth a second try, after `waitMs`. */
class Busy extends ProviderError {
  constructor(
    error: ProviderError,
    readonly waitMs: number | null,
  ) {
    super(error.code, error.message, error.detail);
  }
}

/** `Retry-After` in seconds (or an HTTP date), as milliseconds; null when absent or unreadable. */
function retryAfter(res: Response): number | null {
  const value = res.headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

const MAX_RETRY_WAIT = 5_000;

export async function streamCompletion(
  request: CompletionRequest,
  onDelta: (text: string) => void,
): Promise<CompletionResult> {
  const retries = request.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptCompletion(request, onDelta);
    } catch (error) {
      if (!(error instanceof Busy) || attempt >= retries || request.signal?.aborted) throw error;
      const wait = Math.min(error.waitMs ?? (request.retryDelayMs ?? 500) * 2 ** attempt, MAX_RETRY_WAIT);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function attemptCompletion(
  request: CompletionRequest,
  onDelta: (text: string) => void,
): Promise<CompletionResult> {
  try {
    return await completion(request, onDelta);
  } catch (error) {
    // Every detail is redacted here, at the one exit, whichever step wrote it.
    const e = error as ProviderError;
    if (e instanceof Busy)
      throw new Busy(new ProviderError(e.code, e.message, e.detail && redactDetail(e.detail, request)), e.waitMs);
    throw e.detail ? new ProviderError(e.code, e.message, redactDetail(e.detail, request)) : e;
  }
}

async function completion(request: CompletionRequest, onDelta: (text: string) => void): Promise<CompletionResult> {
  const timeoutMs = request.timeoutMs ?? 60_000;
  const maxBytes = request.maxResponseBytes ?? 4 * 1024 * 1024;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  const url = `${request.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const acc: Accumulator = { text: '', calls: new Map(), finishReason: null };
  try {
    const res = await (request.fetch ?? fetch)(url, {
      method: 'POST',
      signal,
      redirect: 'error',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream, application/json',
        ...(request.apiKey ? { authorization: `Bearer ${request.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: request.model,
        messages: request.messages,
        stream: true,
        ...(request.tools?.length ? { tools: request.tools, tool_choice: 'auto' } : {}),
      }),
    });
    if (!res.ok) {
      const failed = statusError(res.status, await peek(res));
      throw res.status === 429 || res.status === 503 ? new Busy(failed, retryAfter(res)) : failed;
    }
    if (!res.body) throw malformed('no body');
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream')) {
      for await (const data of sseData(res.body, maxBytes)) {
        if (data.trim() === '[DONE]') break;
        apply(acc, parseChunk(data), onDelta);
      }
    } else {
      // Not streamed: one completion as JSON, bounded like a stream.
      let text = '';
      for await (const piece of boundedText(res.body, maxBytes)) text += piece;
      apply(acc, parseChunk(text), onDelta);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (deadline.aborted) throw new ProviderError('GATEWAY_TIMEOUT', 'The model provider did not answer in time');
    if (request.signal?.aborted) throw new ProviderError('CLIENT_CLOSED_REQUEST', 'The reply was cancelled');
    throw new ProviderError('BAD_GATEWAY', 'The model provider could not be reached', String(error));
  }
  const toolCalls = [...acc.calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({
      id: c.id || `call_${index}`,
      type: 'function' as const,
      function: { name: c.name, arguments: c.arguments },
    }));
  return { text: acc.text, toolCalls, finishReason: acc.finishReason };
}

/** A body's text, decoded as it streams and bounded by `maxBytes`. */
async function* boundedText(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes)
        throw new ProviderError('BAD_GATEWAY', 'The model provider’s answer was too large', `${bytes} bytes`);
      yield decoder.decode(value, { stream: true });
    }
    yield decoder.decode();
  } finally {
    await reader.cancel().catch(() => {});
  }
}
