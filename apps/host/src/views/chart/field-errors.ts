import { h } from '../../ui/dom.js';

export interface FieldIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

interface Slot {
  label: string;
  control: HTMLElement;
  message: HTMLElement;
}

let counter = 0;

/**
 * Error messages shown under the field they are about: each field registers under the path its value has in the
 * data source config ("url", "params.2", "mapping.x"), and an issue lands on the field of the longest registered
 * prefix of its path. The control gets aria-invalid and aria-describedby, so the message is read with it.
 */
export class FieldErrors {
  readonly #slots = new Map<string, Slot>();

  /** A labelled field with room for its error; `key` is its path in the config. */
  field(label: string, control: HTMLElement, key: string, hint?: string): HTMLElement {
    const message = h('p', { class: 'field-error', id: `field-error-${++counter}` });
    const hintEl = hint ? h('p', { class: 'muted field-hint', id: `field-hint-${counter}` }, hint) : null;
    control.setAttribute('aria-describedby', [hintEl?.id, message.id].filter(Boolean).join(' '));
    this.#slots.set(key, { label, control, message });
    // Labelled by `for`, not by wrapping: a wrapped select's name would take in its chosen option's text.
    control.id ||= `field-${counter}`;
    return h('div', { class: 'field field-wrap' }, h('label', { for: control.id }, label), control, hintEl, message);
  }

  /** Registers a control placed by the caller (a group, a table) with its own message element. */
  register(key: string, label: string, control: HTMLElement): HTMLElement {
    const message = h('p', { class: 'field-error', id: `field-error-${++counter}` });
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', [described, message.id].filter(Boolean).join(' '));
    this.#slots.set(key, { label, control, message });
    return message;
  }

  clear(): void {
    for (const { control, message } of this.#slots.values()) {
      message.textContent = '';
      control.removeAttribute(invalidAttribute(control));
    }
  }

  /**
   * Shows each issue under its field (the first issue per field). Returns readable lines for the form's summary:
   * "Label: message", or the bare message of an issue no visible field takes.
   */
  show(issues: FieldIssue[]): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
      const slot = this.#slotFor(issue.path);
      if (!slot) {
        lines.push(issue.message);
        continue;
      }
      if (!slot.message.textContent) {
        slot.message.textContent = issue.message;
        slot.control.setAttribute(invalidAttribute(slot.control), 'true');
      }
      lines.push(`${slot.label}: ${issue.message}`);
    }
    return lines;
  }

  #slotFor(path: ReadonlyArray<PropertyKey>): Slot | undefined {
    for (let n = path.length; n > 0; n--) {
      const slot = this.#slots.get(path.slice(0, n).map(String).join('.'));
      // A field of another kind's form is hidden: its message would never be seen.
      if (slot && slot.control.closest('[hidden]') === null) return slot;
    }
    return undefined;
  }
}

/** aria-invalid belongs on form controls; a group (a table, a list of rows) is marked for styling only. */
function invalidAttribute(control: HTMLElement): string {
  return control.matches('input, select, textarea') ? 'aria-invalid' : 'data-invalid';
}

/**
 * The path and message of a server error about one field ("dataSourceConfig.mapping.y.0: no column …"), so it can
 * be shown under that field too; null when the message names no field.
 */
export function serverIssue(message: string): FieldIssue | null {
  const m = /^dataSourceConfig\.([A-Za-z0-9_.]+): ([\s\S]+)$/.exec(message);
  return m ? { path: m[1]!.split('.'), message: m[2]! } : null;
}

/** An error about one field that a form's `read` throws (shown under it like a schema issue). */
export function fieldError(path: Array<string | number>, message: string): Error & FieldIssue {
  return Object.assign(new Error(message), { path });
}
