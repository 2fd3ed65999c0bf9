import type { OcpDatabase } from '@ocp/db';
import { type ChatOptions, type ResolvedChatOptions, resolveChatOptions } from './config.js';
import { ChatHub } from './hub.js';

/** The chat state of one database handle: configuration, the stream fan-out, and replies in progress. */
export interface ChatRuntime {
  options: ResolvedChatOptions;
  hub: ChatHub;
  /** Sessions with a reply being written (one at a time per session). */
  busy: Set<string>;
  /** The configured model's `llm_models` row, inserted once per process (see services/models.ts). */
  modelRow?: Promise<void>;
}

// Keyed by the database handle, like the data engine and the live-event bus: every request of a server shares the
// handle, so it shares the runtime without a field in every context.
const runtimes = new WeakMap<OcpDatabase, ChatRuntime>();

/** The runtime of `db`; configured from the environment unless {@link configureChat} was called. */
export function chatRuntime(db: OcpDatabase): ChatRuntime {
  let runtime = runtimes.get(db);
  if (!runtime) {
    runtime = { options: resolveChatOptions(), hub: new ChatHub(), busy: new Set() };
    runtimes.set(db, runtime);
  }
  return runtime;
}

/** Configures chat for the server(s) on `db` (createOcpServer's `chat` option). Keeps open streams. */
export function configureChat(db: OcpDatabase, options: ChatOptions): void {
  const runtime = chatRuntime(db);
  runtime.options = resolveChatOptions(options);
  runtime.modelRow = undefined;
}
