import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every domain file except auth.ts: auth.users is created by hand (migration 0000) only where
  // Supabase does not already provide it, so drizzle-kit must not emit it.
  schema: [
    './src/schema/users-teams.ts',
    './src/schema/templates.ts',
    './src/schema/dashboards.ts',
    './src/schema/charts.ts',
    './src/schema/workspace.ts',
    './src/schema/chat.ts',
    './src/schema/sharing.ts',
    './src/schema/energy.ts',
  ],
  out: './migrations',
});
