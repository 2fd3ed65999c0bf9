/**
 * Where replies come from. Without configuration every chat runs on the built-in offline agent. With
 * `OCP_LLM_BASE_URL` (+ `OCP_LLM_API_KEY`, `OCP_LLM_MODEL`), or `createOcpServer({ chat: { provider } })`, the
 * server talks to that OpenAI-compatible endpoint. More models are `llm_models` rows: a row without a `baseUrl` in
 * its capabilities uses the configured endpoint with its own `model_id`; a row with `capabilities.baseUrl` names
 * its own endpoint and, in `capabilities.apiKeyEnv`, the environment variable holding its key. Keys are never
 * stored in the database and never returned by the API.
 */

export interface ChatProviderConfig {
  /** e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama). */
  baseUrl: string;
  apiKey?: string;
  /** The model id sent upstream, e.g. `gpt-4o-mini`. */
  model: string;
  /** Shown in `models.list` (default: the model id). */
  displayName?: string;
}

export interface ChatOptions {
  /**
   * The default OpenAI-compatible endpoint. Default: from `OCP_LLM_BASE_URL`, `OCP_LLM_API_KEY`, `OCP_LLM_MODEL`;
   * `null` turns it off (offline agent only) whatever the environment says.
   */
  provider?: ChatProviderConfig | null;
  /** The environment: `OCP_LLM_*` and the variables `capabilities.apiKeyEnv` of `llm_models` rows name (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** One upstream request, first byte to last (default 60 s). */
  timeoutMs?: number;
  /** A whole reply, every model round and tool call included (default 180 s). */
  turnTimeoutMs?: number;
  /** Largest upstream response (default 4 MiB). */
  maxResponseBytes?: number;
  /** Model rounds per reply: each round may call tools whose results feed the next (default 6). */
  maxRounds?: number;
  /** Earlier messages of the session sent as context (default 20, at most 24,000 characters). */
  historyMessages?: number;
  /** Pause between the offline agent's streamed words, so replies visibly stream (default 12 ms; tests use 0). */
  offlineDelayMs?: number;
  /** For tests and proxies. */
  fetch?: typeof fetch;
}

export interface ResolvedChatOptions {
  provider: ChatProviderConfig | null;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  turnTimeoutMs: number;
  maxResponseBytes: number;
  maxRounds: number;
  historyMessages: number;
  historyChars: number;
  offlineDelayMs: number;
  fetch: typeof fetch | undefined;
}

const httpUrl = (value: string | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
};

function providerFromEnv(env: Record<string, string | undefined>): ChatProviderConfig | null {
  const baseUrl = env.OCP_LLM_BASE_URL?.trim();
  if (!baseUrl) return null;
  const model = env.OCP_LLM_MODEL?.trim();
  if (!httpUrl(baseUrl) || !model) {
    console.warn('[ocp] OCP_LLM_BASE_URL needs to be an http(s) URL and OCP_LLM_MODEL a model id; chat stays offline');
    return null;
  }
  return { baseUrl, apiKey: env.OCP_LLM_API_KEY?.trim() || undefined, model };
}

export function resolveChatOptions(options: ChatOptions = {}): ResolvedChatOptions {
  const env = options.env ?? process.env;
  const provider = options.provider === undefined ? providerFromEnv(env) : options.provider;
  if (provider && !httpUrl(provider.baseUrl)) throw new Error('chat.provider.baseUrl must be an http(s) URL');
  return {
    provider,
    env,
    timeoutMs: options.timeoutMs ?? 60_000,
    turnTimeoutMs: options.turnTimeoutMs ?? 180_000,
    maxResponseBytes: options.maxResponseBytes ?? 4 * 1024 * 1024,
    maxRounds: options.maxRounds ?? 6,
    historyMessages: options.historyMessages ?? 20,
    historyChars: 24_000,
    offlineDelayMs: options.offlineDelayMs ?? 12,
    fetch: options.fetch,
  };
}

/** How one model row is run. */
export type ModelRoute =
  | { kind: 'offline' }
  | { kind: 'openai'; baseUrl: string; apiKey: string | undefined; model: string };

export interface ModelRow {
  id: string;
  provider: string;
  modelId: string;
  capabilities: Record<string, unknown> | null;
}

/** Rows of this provider run on the default endpoint; the server adds one for the configured model. */
export const CONFIGURED_PROVIDER = 'openai-compatible';

/** Environment variables a row may name for its key: nothing else of the server's environment can leak upstream. */
const KEY_VARIABLE = /^OCP_LLM_API_KEY(_[A-Z0-9_]{1,64})?$/;

/** How the server runs `row`, or null when this server cannot (no endpoint configured for it). */
export function routeOf(row: ModelRow, options: ResolvedChatOptions): ModelRoute | null {
  const caps = row.capabilities ?? {};
  if (caps.offline === true || (row.provider === 'ocp' && row.modelId === 'offline')) return { kind: 'offline' };
  const ownUrl = httpUrl(typeof caps.baseUrl === 'string' ? caps.baseUrl : undefined);
  if (ownUrl) {
    const variable = typeof caps.apiKeyEnv === 'string' && KEY_VARIABLE.test(caps.apiKeyEnv) ? caps.apiKeyEnv : null;
    return {
      kind: 'openai',
      baseUrl: ownUrl,
      apiKey: variable ? options.env[variable] : undefined,
      model: row.modelId,
    };
  }
  if (options.provider) {
    return { kind: 'openai', baseUrl: options.provider.baseUrl, apiKey: options.provider.apiKey, model: row.modelId };
  }
  return null;
}

/** Capabilities as the API shows them: connection details (endpoint, key variable) stay on the server. */
export function publicCapabilities(caps: Record<string, unknown> | null): Record<string, unknown> {
  const { baseUrl: _url, apiKeyEnv: _key, ...rest } = caps ?? {};
  return rest;
}
