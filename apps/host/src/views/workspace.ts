import type { WorkspaceFolderNode, WorkspaceItemView } from '@ocp/contract';
import type { View } from '../main.js';
import { api } from '../session.js';
import { deleteWithUndo, flushDeletes } from '../ui/deferred.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { settle, showSkeleton } from '../ui/skeleton.js';

type Item = WorkspaceItemView;
const ROOT = '';

function flatten(nodes: WorkspaceFolderNode[], depth = 0): Array<{ node: WorkspaceFolderNode; depth: number }> {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flatten(n.children, depth + 1)]);
}

/**
 * The workspace, managed: folders (new, rename, move under another, delete: their items move up), items by folder
 * (drag onto a folder, or "Move to…"), notes opened and edited, and deletion of notes and datasets with undo. Charts
 * are deleted or archived from the chart editor, where their dashboards are named.
 */
export const renderWorkspace: View = (main) => {
  let folders: WorkspaceFolderNode[] = [];
  let items: Item[] = [];
  let open = ROOT; // the folder path shown ('' = all items at the root)
  const tree = h('nav', { class: 'folder-tree', 'aria-label': 'Folders' });
  const list = h('section', { class: 'item-list', 'aria-label': 'Items', 'aria-live': 'polite' });

  const load = async () => {
    try {
      [folders, items] = await Promise.all([
        api.workspace.folders.tree.query(),
        api.workspace.items.list.query({ limit: 1000 }),
      ]);
      render();
    } catch (e) {
      mount(list, statusBlock('error', messageOf(e), load));
    } finally {
      settle(list);
    }
  };

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      notify(done);
      await load();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const askName = async (title: string, value = '') => {
    const input = h('input', { type: 'text', required: true, maxlength: '100', value });
    return openDialog({
      title,
      body: field('Folder name', input),
      submit: { label: 'Save', value: () => input.value.trim() || undefined },
    });
  };

  const moveTarget = async (title: string, exclude?: string) => {
    const select = h(
      'select',
      null,
      h('option', { value: '' }, 'Top level'),
      flatten(folders)
        .filter(({ node }) => !exclude || (node.path !== exclude && !node.path.startsWith(`${exclude}/`)))
        .map(({ node, depth }) => h('option', { value: node.path }, `${'  '.repeat(depth)}${node.name}`)),
    );
    return openDialog({ title, body: field('Into', select), submit: { label: 'Move', value: () => select.value } });
  };

  const folderByPath = (path: string) => flatten(folders).find(({ node }) => node.path === path)?.node;

  const dropOn = (el: HTMLElement, path: string) => {
    el.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes('application/x-ocp-item')) {
        e.preventDefault();
        el.classList.add('drop');
      }
    });
    el.addEventListener('dragleave', () => el.classList.remove('drop'));
    el.addEventListener('drop', (e) => {
      el.classList.remove('drop');
      const id = e.dataTransfer?.getData('application/x-ocp-item');
      const item = items.find((i) => i.id === id);
      if (!item) return;
      e.preventDefault();
      void act(
        () => api.workspace.items.update.mutate({ id: item.id, folderPath: path || null }),
        `${item.title} moved to ${path || 'the top level'}.`,
      );
    });
  };

  const renderTree = () => {
    const row = (label: string, path: string, depth: number, node?: WorkspaceFolderNode) => {
      const link = h(
        'button',
        {
          type: 'button',
          class: 'folder-link',
          'aria-current': open === path ? 'true' : null,
          style: `padding-left: ${0.5 + depth}rem`,
          onclick: () => {
            open = path;
            render();
          },
        },
        node ? '📁 ' : '',
        label,
      );
      dropOn(link, path);
      return h('li', { 'data-folder': path || '/' }, link);
    };
    mount(
      tree,
      h(
        'ul',
        null,
        row('All items at the top', ROOT, 0),
        flatten(folders).map(({ node, depth }) => row(node.name, node.path, depth + 1, node)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              const name = await askName(open ? `New folder in ${open}` : 'New folder');
              const parent = folderByPath(open);
              if (name)
                await act(
                  () => api.workspace.folders.create.mutate({ name, parentFolderId: parent?.id ?? null }),
                  `Folder ${name} created.`,
                );
            },
          },
          'New folder',
        ),
      ),
    );
  };

  const folderActions = (node: WorkspaceFolderNode) =>
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': `Folder ${node.name}` },
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            const name = await askName(`Rename folder ${node.name}`, node.name);
            if (name) {
              await act(() => api.workspace.folders.rename.mutate({ id: node.id, name }), `Folder renamed to ${name}.`);
              open = `${node.path.slice(0, node.path.length - node.name.length)}${name}`;
              render();
            }
          },
        },
        'Rename',
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            const into = await moveTarget(`Move folder ${node.name}`, node.path);
            if (into === null) return;
            const parent = folderByPath(into);
            await act(
              () => api.workspace.folders.move.mutate({ id: node.id, parentFolderId: parent?.id ?? null }),
              `Folder ${node.name} moved.`,
            );
            open = `${into}/${node.name}`;
            render();
          },
        },
        'Move…',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            const ok = await openDialog({
              title: `Delete folder ${node.name}?`,
              body: h(
                'p',
                null,
                'Its subfolders go too; everything in them moves up to the folder above. Nothing else is deleted.',
              ),
              submit: { label: 'Delete folder', value: () => true },
            });
            if (!ok) return;
            await act(
              () => api.workspace.folders.delete.mutate({ id: node.id }),
              `Folder ${node.name} deleted; its items moved up.`,
            );
            open = node.path.slice(0, node.path.length - node.name.length - 1);
            render();
          },
        },
        'Delete',
      ),
    );

  const editNote = async (item: Item) => {
    const text = h('textarea', { rows: '10' }, typeof item.content.text === 'string' ? item.content.text : '');
    const title = h('input', { type: 'text', required: true, maxlength: '200', value: item.title });
    const saved = await openDialog({
      title: `Note: ${item.title}`,
      wide: true,
      body: h('div', null, field('Title', title), field('Text', text)),
      submit: {
        label: 'Save note',
        value: () => (title.value.trim() ? { title: title.value.trim(), text: text.value } : undefined),
      },
    });
    if (saved)
      await act(
        () =>
          api.workspace.items.update.mutate({
            id: item.id,
            title: saved.title,
            content: { ...item.content, text: saved.text },
          }),
        'Note saved.',
      );
  };

  const itemRow = (item: Item) => {
    const li: HTMLElement = h(
      'li',
      { class: 'card item-row', draggable: 'true', 'data-item-id': item.id },
      h('span', { class: 'badge' }, item.itemType),
      item.itemType === 'chart' && item.referenceId
        ? h('a', { href: `/charts/${item.referenceId}` }, item.title)
        : item.itemType === 'note'
          ? h('button', { type: 'button', class: 'link', onclick: () => editNote(item) }, item.title)
          : h('span', null, item.title),
      item.itemType === 'dataset' && typeof item.content.rowCount === 'number'
        ? h('span', { class: 'muted' }, `${item.content.rowCount} rows`)
        : null,
      h(
        'div',
        { class: 'toolbar' },
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Move ${item.title} to a folder`,
            onclick: async () => {
              const into = await moveTarget(`Move ${item.title}`);
              if (into !== null)
                await act(
                  () => api.workspace.items.update.mutate({ id: item.id, folderPath: into || null }),
                  `${item.title} moved.`,
                );
            },
          },
          'Move…',
        ),
        item.itemType === 'note' || item.itemType === 'dataset'
          ? h(
              'button',
              {
                type: 'button',
                class: 'danger',
                'aria-label': `Delete ${item.title}`,
                onclick: async () => {
                  const ok = await openDialog({
                    title: `Delete ${item.itemType} ${item.title}?`,
                    body: h(
                      'p',
                      null,
                      item.itemType === 'dataset'
                        ? 'Charts that read this dataset will show an error until they get another source. You can undo for a few seconds.'
                        : 'You can undo for a few seconds.',
                    ),
                    submit: { label: 'Delete', value: () => true },
                  });
                  if (!ok) return;
                  deleteWithUndo({
                    key: `item:${item.id}`,
                    message: `${item.title} deleted.`,
                    hide: () => {
                      li.hidden = true;
                    },
                    restore: () => {
                      li.hidden = false;
                    },
                    commit: () => api.workspace.items.delete.mutate({ id: item.id }),
                    committed: () => {
                      items = items.filter((i) => i.id !== item.id);
                    },
                    failed: (e) => notify(messageOf(e), 'error'),
                  });
                },
              },
              'Delete',
            )
          : null,
      ),
    );
    li.addEventListener('dragstart', (e) => {
      e.dataTransfer?.setData('application/x-ocp-item', item.id);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
    });
    return li;
  };

  const render = () => {
    renderTree();
    const node = folderByPath(open);
    const here = items.filter((i) => (i.folderPath ?? '') === open);
    mount(
      list,
      h(
        'div',
        { class: 'page-head' },
        h('h2', null, node ? node.path : 'Top level'),
        node ? folderActions(node) : null,
      ),
      here.length
        ? h('ul', { class: 'items' }, here.map(itemRow))
        : statusBlock(
            'empty',
            node
              ? 'This folder is empty. Drag items here from another folder, or use Move….'
              : 'Nothing at the top level.',
          ),
    );
  };

  mount(
    main,
    h('div', { class: 'page-head' }, h('h1', null, 'Workspace')),
    h(
      'p',
      { class: 'muted' },
      'Drag an item onto a folder to move it, or use Move…. Charts are deleted or archived in the chart editor.',
    ),
    h('div', { class: 'workspace-page' }, tree, list),
  );
  showSkeleton(list, 'rows', 'Loading your workspace…');
  void load();
  return () => flushDeletes();
};
