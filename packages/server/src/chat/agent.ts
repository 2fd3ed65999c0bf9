import type { ChatCreatedItem, ChatMessageView, OcpDatabase } from '@ocp/db';
import type { OcpUser } from '../context.js';
import { getDashboard } from '../services/dashboards.js';
import type { ModelRoute, ResolvedChatOptions } from './config.js';
import type { ReplyEvents } from './hub.js';
import { offlineReply } from './offline-agent.js';
import { ProviderError, streamCompletion, type WireMessage } from './openai.js';
import { type OutputRoute, runTool, type ToolName, type ToolOutcome, toolSpecs } from './tools.js';

/** One reply: the text, what the tools made, and (when it failed half-way) why. */
export interface TurnResult {
  text: string;
  created: ChatCreatedItem[];
  routes: OutputRoute[];
  toolCalls: Array<{ name: string; ok: boolean; error?: string }>;
  rounds: number;
  error: ProviderError | null;
}

export interface TurnInput {
  db: OcpDatabase;
  user: OcpUser;
  options: ResolvedChatOptions;
  route: ModelRoute;
  session: { contextType: string | null; contextId: string | null };
  agent: { name: string; instructions: string } | null;
  tools: readonly ToolName[];
  /** Earlier messages of the session, oldest first (the new user message not included). */
  history: ChatMessageView[];
  content: string;
  events: ReplyEvents;
  signal?: AbortSignal;
}

const DEFAULT_INSTRUCTIONS =
  'You help the user build charts and dashboards from their data. Prefer doing over explaining: look at the data ' +
  '(describe_data, search_workspace), then create or change charts with the tools. Keep replies short.';

/** Most characters of a tool result sent back to the model. */
const MAX_TOOL_RESULT = 16_000;
/** Most characters of a tool call's arguments shown on the stream. */
const MAX_SHOWN_ARGUMENTS = 8_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shownArguments(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { unparsed: raw.slice(0, 200) };
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const text = JSON.stringify(value);
  return text.length <= MAX_SHOWN_ARGUMENTS
    ? (value as Record<string, unknown>)
    : { truncated: true, keys: Object.keys(value).slice(0, 32) };
}

/** Charts made in this chat, newest first: the follow-up "add it to …" refers to the first. */
export function chartsOf(history: ChatMessageView[]): ChatCreatedItem[] {
  return history
    .flatMap((m) => m.createdItems ?? [])
    .filter((i) => i.type === 'chart')
    .reverse();
}

/** What the model is told about the dashboard the chat belongs to (ids it may use, slots and what fills them). */
async function dashboardContext(input: TurnInput): Promise<string> {
  if (input.session.contextType !== 'dashboard' || !input.session.contextId) return '';
  const d = await getDashboard(input.db, input.user, input.session.contextId).catch(() => null);
  if (!d) return '';
  const tabs = d.tabs.slice(0, 10).map((t) => {
    const filled = new Map(
      t.placements.map((p) => [p.slotKey, p.chart ? `“${p.chart.title}”` : 'a chart that is not available']),
    );
    const slots = t.template.slots
      .map((s) => `${s.slotKey}${filled.has(s.slotKey) ? ` (holds ${filled.get(s.slotKey)})` : ' (empty)'}`)
      .join(', ');
    return `- tab “${t.title}” (tabId ${t.id}), template “${t.template.name}”: slots ${slots}`;
  });
  return `\nThe user is looking at the dashboard “${d.title}” (id ${d.id}, their role: ${d.role}).\n${tabs.join('\n')}`;
}

function historyMessages(history: ChatMessageView[], options: ResolvedChatOptions): WireMessage[] {
  const out: WireMessage[] = [];
  let chars = 0;
  for (const m of [...history].reverse().slice(0, options.historyMessages)) {
    if (m.role !== 'user' && m.role !== 'assistant') continue;
    const made = (m.createdItems ?? []).map((i) => `${i.type} “${i.title ?? ''}” (id ${i.id})`).join(', ');
    const content = m.content.text + (made ? `\n[created: ${made}]` : '');
    chars += content.length;
    if (chars > options.historyChars) break;
    out.unshift({ role: m.role, content });
  }
  return out;
}

/**
 * Runs one reply: the offline agent, or the model with its tools for up to `maxRounds` rounds. Events go out as
 * they happen (deltas, tool calls, created items). Never throws: an upstream failure ends the reply with
 * `error` set, keeping whatever was produced before it.
 */
export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const { events } = input;
  const messageId = events.messageId;
  const result: TurnResult = { text: '', created: [], routes: [], toolCalls: [], rounds: 0, error: null };
  const allowed = new Set(input.tools);
  const scope = {
    db: input.db,
    user: input.user,
    messageId,
    created: result.created,
    routes: result.routes,
    onCreated: (item: ChatCreatedItem) => events.emit({ type: 'created-item', messageId, item }),
  };
  const call = async (name: string, args: unknown): Promise<ToolOutcome> => {
    events.emit({ type: 'tool-call', messageId, name, arguments: shownArguments(args) });
    const outcome = await runTool(scope, name, args, allowed);
    result.toolCalls.push({ name, ok: outcome.ok, ...(outcome.ok ? {} : { error: outcome.error.message }) });
    return outcome;
  };

  if (input.route.kind === 'offline') {
    const recentCharts = chartsOf(input.history);
    const text = await offlineReply({
      db: input.db,
      user: input.user,
      text: input.content,
      session: input.session,
      recentCharts,
      tool: async (name, args) => {
        const outcome = await call(name, args);
        const made = result.created.at(-1);
        if (outcome.ok && name === 'create_chart' && made) recentCharts.unshift(made);
        return outcome;
      },
    });
    result.rounds = 1;
    for (const word of text.split(/(?<= )/)) {
      result.text += word;
      events.emit({ type: 'delta', messageId, text: word });
      if (input.options.offlineDelayMs > 0) await pause(input.options.offlineDelayMs);
    }
    return result;
  }

  const route = input.route;
  const deadline = AbortSignal.timeout(input.options.turnTimeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
  const made = chartsOf(input.history)
    .slice(0, 10)
    .map((c) => `“${c.title ?? ''}” (chartId ${c.id}, ${c.chartType ?? 'chart'})`);
  const system =
    `You are “${input.agent?.name ?? 'Chart assistant'}”, an assistant inside OCP Dashboards, a dashboard builder ` +
    `using Plotly charts. ${input.agent?.instructions ?? DEFAULT_INSTRUCTIONS}\n` +
    'Act through the tools; they run with the user’s permissions. Use only ids from tool results or from this ' +
    'message. When a tool fails, read its error and fix the arguments, or tell the user what stopped you.' +
    (await dashboardContext(input)) +
    (made.length ? `\nCharts created earlier in this chat, newest first: ${made.join('; ')}` : '');
  const messages: WireMessage[] = [
    { role: 'system', content: system },
    ...historyMessages(input.history, input.options),
    { role: 'user', content: input.content },
  ];
  const tools = toolSpecs(input.tools);
  try {
    for (let round = 1; round <= input.options.maxRounds; round++) {
      result.rounds = round;
      let first = true;
      const completion = await streamCompletion(
        {
          baseUrl: route.baseUrl,
          apiKey: route.apiKey,
          model: route.model,
          messages,
          tools,
          signal,
          timeoutMs: input.options.timeoutMs,
          maxResponseBytes: input.options.maxResponseBytes,
          fetch: input.options.fetch,
        },
        (delta) => {
          // Text of a later round starts a new paragraph.
          const text = first && result.text && !result.text.endsWith('\n') ? `\n\n${delta}` : delta;
          first = false;
          result.text += text;
          events.emit({ type: 'delta', messageId, text });
        },
      );
      if (completion.toolCalls.length === 0) return result;
      messages.push({ role: 'assistant', content: completion.text || null, tool_calls: completion.toolCalls });
      for (const toolCall of completion.toolCalls) {
        const outcome = await call(toolCall.function.name, toolCall.function.arguments);
        let content = JSON.stringify(outcome);
        if (content.length > MAX_TOOL_RESULT) content = `${content.slice(0, MAX_TOOL_RESULT)}… (truncated)`;
        messages.push({ role: 'tool', tool_call_id: toolCall.id, content });
      }
    }
    const note = `${result.text ? '\n\n' : ''}(I stopped after ${input.options.maxRounds} rounds of tool calls.)`;
    result.text += note;
    events.emit({ type: 'delta', messageId, text: note });
  } catch (error) {
    result.error = deadline.aborted
      ? new ProviderError('GATEWAY_TIMEOUT', 'The reply took too long and was stopped')
      : error instanceof ProviderError
        ? error
        : new ProviderError('BAD_GATEWAY', 'The reply failed', String(error));
    if (result.error.detail) console.error(`[ocp] chat provider: ${result.error.message}: ${result.error.detail}`);
  }
  return result;
}
