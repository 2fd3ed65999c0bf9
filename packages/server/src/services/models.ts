import type { ModelView } from '@ocp/contract';
import { llmModels, type OcpDatabase, OFFLINE_MODEL } from '@ocp/db';
import { and, eq, sql } from 'drizzle-orm';
import { CONFIGURED_PROVIDER, type ModelRoute, publicCapabilities, routeOf } from '../chat/config.js';
import type { ChatRuntime } from '../chat/runtime.js';
import { badRequest, notFound } from './errors.js';

const rowColumns = {
  id: llmModels.id,
  provider: llmModels.provider,
  modelId: llmModels.modelId,
  displayName: llmModels.displayName,
  description: llmModels.description,
  isActive: sql<boolean>`coalesce(${llmModels.isActive}, true)`,
  capabilities: sql<Record<string, unknown>>`coalesce(${llmModels.capabilities}, '{}'::jsonb)`,
};

type Row = Omit<ModelView, 'capabilities'> & { capabilities: Record<string, unknown> };

const view = (row: Row): ModelView => ({ ...row, capabilities: publicCapabilities(row.capabilities) });

/**
 * The configured endpoint's model gets its `llm_models` row the first time the process needs it (messages point at
 * the model that wrote them). Inserted once, never overwritten: an operator may rename or deactivate it.
 */
export function ensureConfiguredModel(db: OcpDatabase, runtime: ChatRuntime): Promise<void> {
  const provider = runtime.options.provider;
  if (!provider) return Promise.resolve();
  runtime.modelRow ??= db
    .insert(llmModels)
    .values({
      provider: CONFIGURED_PROVIDER,
      modelId: provider.model,
      displayName: provider.displayName ?? provider.model,
      description: 'The model provider configured on this server',
      capabilities: { tools: true, streaming: true },
    })
    .onConflictDoNothing()
    .then(
      () => {},
      (error: unknown) => {
        runtime.modelRow = undefined;
        throw error;
      },
    );
  return runtime.modelRow;
}

/**
 * models.list: the active models this server can run — the offline agent, the configured model, and other rows
 * whose endpoint is configured — offline first, then by name. Endpoints and key variables are not shown.
 */
export async function listModels(db: OcpDatabase, runtime: ChatRuntime): Promise<ModelView[]> {
  await ensureConfiguredModel(db, runtime);
  const found = await db
    .select(rowColumns)
    .from(llmModels)
    .where(sql`coalesce(${llmModels.isActive}, true)`)
    .orderBy(llmModels.displayName, llmModels.id)
    .limit(200);
  return found
    .filter((row) => routeOf(row, runtime.options) !== null)
    .sort((a, b) => Number(b.id === OFFLINE_MODEL.id) - Number(a.id === OFFLINE_MODEL.id))
    .map(view);
}

export interface ResolvedModel {
  /** The `llm_models` row (null only when the system data was never installed). */
  id: string | null;
  provider: string;
  modelId: string;
  route: ModelRoute;
}

/**
 * The model a message runs on: the one asked for (an active row this server can run; unknown and inactive ids are
 * NOT_FOUND), else the configured model, else the offline agent.
 */
export async function resolveModel(
  db: OcpDatabase,
  runtime: ChatRuntime,
  modelId: string | undefined,
): Promise<ResolvedModel> {
  await ensureConfiguredModel(db, runtime);
  const provider = runtime.options.provider;
  const [row] = await db
    .select(rowColumns)
    .from(llmModels)
    .where(
      modelId
        ? and(eq(llmModels.id, modelId), sql`coalesce(${llmModels.isActive}, true)`)
        : provider
          ? and(eq(llmModels.provider, CONFIGURED_PROVIDER), eq(llmModels.modelId, provider.model))
          : eq(llmModels.id, OFFLINE_MODEL.id),
    );
  if (!row) {
    if (modelId) throw notFound('Model');
    if (provider) {
      const route = {
        kind: 'openai' as const,
        baseUrl: provider.baseUrl,
        apiKey: provider.apiKey,
        model: provider.model,
      };
      return { id: null, provider: CONFIGURED_PROVIDER, modelId: provider.model, route };
    }
    return { id: null, provider: OFFLINE_MODEL.provider, modelId: OFFLINE_MODEL.modelId, route: { kind: 'offline' } };
  }
  const route = routeOf(row, runtime.options);
  if (!route) throw badRequest(`The model “${row.displayName}” is not configured on this server`);
  return { id: row.id, provider: row.provider, modelId: row.modelId, route };
}
