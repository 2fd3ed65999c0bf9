import { type ChatOptions, type ResolvedChatOptions, resolveChatOptions } from './config.js';
import { ChatHub } from './hub.js';

/** The chat state of one server: configuration, the stream fan-out, and replies in progress. */
export interface ChatRuntime {
  options: ResolvedChatOptions;
  hub: ChatHub;
  /** Sessions with a reply being written (one at a time per session). */
  busy: Set<string>;
  /** The configured model's `llm_models` row, inserted once per server (see services/models.ts). */
  modelRow?: Promise<void>;
}

/**
 * A server's chat state, made by createOcpServer (one per server, reaching procedures through the context): with
 * `options` as given, else from the environment (`OCP_LLM_*`), else the offline agent.
 */
export function createChatRuntime(options?: ChatOptions): ChatRuntime {
  return { options: resolveChatOptions(options), hub: new ChatHub(), busy: new Set() };
}

/** Changes the chat configuration of a running server (tests switch providers this way). Keeps open streams. */
export function configureChat(runtime: ChatRuntime, options: ChatOptions): void {
  runtime.options = resolveChatOptions(options);
  runtime.modelRow = undefined;
}
