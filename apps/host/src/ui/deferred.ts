import { notifyUndo } from './feedback.js';

/** Deletions waiting out their undo window, by key. */
const pending = new Map<string, { timer: number; commit: () => Promise<unknown> }>();
const UNDO_MS = 8000;

/**
 * Deletes after an undo window: `hide` runs now (the item leaves the page), `commit` after 8 s unless "Undo" is
 * pressed (then `restore` puts the item back). For what the server cannot bring back once deleted (a dashboard and
 * its tabs, a dataset). Leaving the page or the view commits at once, so nothing waits on a closed tab.
 */
export function deleteWithUndo(options: {
  key: string;
  message: string;
  hide: () => void;
  restore: () => void;
  commit: () => Promise<unknown>;
  committed?: () => void;
  failed?: (e: unknown) => void;
}): void {
  const run = async () => {
    pending.delete(options.key);
    try {
      await options.commit();
      options.committed?.();
    } catch (e) {
      options.restore();
      options.failed?.(e);
    }
  };
  options.hide();
  pending.set(options.key, { timer: window.setTimeout(run, UNDO_MS), commit: run });
  notifyUndo(options.message, async () => {
    const p = pending.get(options.key);
    if (!p) return 'Too late: it was already deleted.';
    clearTimeout(p.timer);
    pending.delete(options.key);
    options.restore();
    return 'Undone.';
  });
}

/** Commits every waiting deletion now (leaving a view, or the page). */
export function flushDeletes(): void {
  for (const p of [...pending.values()]) {
    clearTimeout(p.timer);
    void p.commit();
  }
}

window.addEventListener('pagehide', flushDeletes);
