/**
 * The Custom Elements Manifest documents every element fully, as Storybook's docs pages, IDEs and the React JSX
 * types read it: a description, every public property, attribute and event with a description, and every slot,
 * CSS part (exported parts too) and CSS custom property that the element's template and styles use, the custom
 * properties with the default the styles give them (`@cssproperty [--x=default]`). The manifest is regenerated
 * first (`cem analyze`), so the test reads the sources as they are.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

const elementsDir = path.resolve(import.meta.dirname, '../../../packages/elements');

interface Named {
  name: string;
  description?: string;
  default?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  summary?: string;
  members?: Array<Named & { kind: string; privacy?: string; static?: boolean; inheritedFrom?: unknown }>;
  attributes?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

const read = (file: string) => fs.readFileSync(path.join(elementsDir, file), 'utf8');

/** Event class name → event name, from src/events/*.ts (`static readonly eventName = '…'`). */
function eventNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of fs.readdirSync(path.join(elementsDir, 'src/events'))) {
    const text = read(`src/events/${file}`);
    for (const m of text.matchAll(/class (\w+) extends CustomEvent[\s\S]*?eventName = '([^']+)'/g)) {
      names.set(m[1]!, m[2]!);
    }
  }
  return names;
}

/** What a template and its styles use: parts (and part-name prefixes built at runtime), slots, events, CSS properties. */
function used(source: string, styles: string, events: Map<string, string>) {
  const parts = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of source.matchAll(/\spart="([^"]+)"/g)) for (const p of m[1]!.split(/\s+/)) parts.add(p);
  // part=${cond ? 'tab tab-selected' : 'tab'} and part=${`message message-${role}`}
  for (const expression of partExpressions(source)) {
    for (const literal of expression.matchAll(/'([^']*)'|`([^`]*)`/g)) {
      for (const token of (literal[1] ?? literal[2]!).split(/\s+/).filter(Boolean)) {
        if (token.includes('${')) prefixes.add(token.slice(0, token.indexOf('${')));
        else parts.add(token);
      }
    }
  }
  for (const m of source.matchAll(/exportparts="([^"]+)"/g)) {
    for (const pair of m[1]!.split(',')) parts.add(pair.split(':').pop()!.trim());
  }
  const slots = new Set<string>();
  for (const m of source.matchAll(/<slot(?:\s[^>]*)?>/g)) {
    const name = /name=(?:"([^"]+)"|\$\{)/.exec(m[0]);
    // A slot named at runtime (name=${key}) is documented under the name "*"… or as described; skip its name.
    if (name && !name[1]) continue;
    slots.add(name?.[1] ?? '');
  }
  const emitted = new Set<string>();
  for (const m of source.matchAll(/new (Ocp\w+Event)\(/g)) {
    const name = events.get(m[1]!);
    if (name) emitted.add(name);
  }
  const cssDefaults = new Map<string, string>();
  for (const m of styles.matchAll(/^\s+(--(?!_|ocp-)[\w-]+):\s*([^;]+);/gm)) {
    // The styles read the design tokens through private aliases (--_space is var(--ocp-space, 8px)): readers set
    // the token, so the documented default names it.
    cssDefaults.set(m[1]!, m[2]!.trim().replace(/var\(--_/g, 'var(--ocp-'));
  }
  const cssUsed = new Set([...styles.matchAll(/var\((--(?!_|ocp-)[\w-]+)/g)].map((m) => m[1]!));
  return { parts, prefixes, slots, emitted, cssDefaults, cssUsed };
}

/** The expressions of `part=${…}` bindings, braces balanced (they may hold template literals with `${…}`). */
function partExpressions(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\spart=\$\{/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '{') depth++;
      else if (source[i] === '}') depth--;
    }
    found.push(source.slice(start, i - 1));
  }
  return found;
}

describe('custom-elements.json documents every element', () => {
  let elements: Array<{ declaration: Declaration; path: string }> = [];
  const events = eventNames();

  before(() => {
    execFileSync(
      path.join(elementsDir, 'node_modules/.bin/cem'),
      ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
      {
        cwd: elementsDir,
        stdio: 'pipe',
      },
    );
    const manifest = JSON.parse(read('custom-elements.json')) as {
      modules: Array<{ path: string; declarations?: Declaration[] }>;
    };
    elements = manifest.modules.flatMap((m) =>
      (m.declarations ?? [])
        .filter((d) => d.customElement && d.tagName)
        .map((declaration) => ({ declaration, path: m.path })),
    );
  });

  test('every element under src/components is in the manifest', () => {
    const dirs = fs.readdirSync(path.join(elementsDir, 'src/components')).sort();
    assert.deepEqual(elements.map((e) => e.declaration.tagName!.replace(/^ocp-/, '')).sort(), dirs);
  });

  test('each element has a summary and a description; each property, attribute and event a description', () => {
    const missing: string[] = [];
    for (const { declaration: d } of elements) {
      if (!d.summary?.trim()) missing.push(`${d.tagName}: summary (@summary)`);
      if (!d.description?.trim()) missing.push(`${d.tagName}: description (@description)`);
      for (const m of d.members ?? []) {
        if (m.kind !== 'field' || m.static || m.privacy || m.name.startsWith('#')) continue;
        if (!m.description?.trim()) missing.push(`${d.tagName}: property ${m.name}`);
      }
      for (const a of d.attributes ?? []) if (!a.description?.trim()) missing.push(`${d.tagName}: attribute ${a.name}`);
      for (const e of d.events ?? []) if (!e.description?.trim()) missing.push(`${d.tagName}: event ${e.name}`);
    }
    assert.deepEqual(missing, []);
  });

  test('every part, slot, event and CSS property the element uses is documented, CSS properties with their default', () => {
    const missing: string[] = [];
    for (const { declaration: d, path: file } of elements) {
      const stylesFile = file.replace(/\.ts$/, '.styles.ts');
      const styles = fs.existsSync(path.join(elementsDir, stylesFile)) ? read(stylesFile) : '';
      const use = used(read(file), styles, events);
      const documented = (list: Named[] | undefined, name: string) =>
        list?.find((x) => x.name === name && x.description?.trim());
      for (const part of use.parts) if (!documented(d.cssParts, part)) missing.push(`${d.tagName}: part ${part}`);
      for (const prefix of use.prefixes) {
        if (!d.cssParts?.some((p) => p.name.startsWith(prefix) && p.description?.trim()))
          missing.push(`${d.tagName}: a part ${prefix}…`);
      }
      for (const slot of use.slots) {
        if (!documented(d.slots, slot)) missing.push(`${d.tagName}: slot ${slot || '(default)'}`);
      }
      for (const event of use.emitted) if (!documented(d.events, event)) missing.push(`${d.tagName}: event ${event}`);
      for (const name of new Set([...use.cssUsed, ...use.cssDefaults.keys()])) {
        const doc = documented(d.cssProperties, name);
        const expected = use.cssDefaults.get(name);
        if (!doc) missing.push(`${d.tagName}: CSS property ${name}`);
        else if (expected !== undefined && doc.default !== expected)
          missing.push(
            `${d.tagName}: CSS property ${name} default ${JSON.stringify(doc.default)}, styles say ${expected}`,
          );
      }
    }
    assert.deepEqual(missing, []);
  });
});
