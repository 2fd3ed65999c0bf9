import type { OcpDatabase } from '../client.js';
import { llmModels } from '../schema/chat.js';

/**
 * The built-in offline agent as an `llm_models` row, so chat messages can name the model that wrote them and
 * `models.list` offers it beside the configured providers. It needs no network: the server answers common requests
 * ("bar chart of X by Y", "add it to the top-left slot") deterministically. Fixed id, like the system templates.
 */
export const OFFLINE_MODEL = {
  id: '00000000-0000-4000-8000-0000000000a1',
  provider: 'ocp',
  modelId: 'offline',
  displayName: 'Offline agent',
  description: 'Built in, no network: "bar chart of X by Y", "add it to the top-left slot", "what data do I have?"',
  capabilities: { offline: true, tools: true, streaming: true },
} as const;

/** Installs or refreshes the offline model row (keyed by its fixed id); safe on every start. */
export async function installSystemModels(db: OcpDatabase): Promise<void> {
  const { id, ...fields } = OFFLINE_MODEL;
  const values = { ...fields, capabilities: { ...fields.capabilities } };
  await db
    .insert(llmModels)
    .values({ id, ...values, isActive: true })
    .onConflictDoUpdate({ target: llmModels.id, set: values });
}
