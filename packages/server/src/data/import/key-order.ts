/**
 * JavaScript objects list integer-like keys ("2023", "7") first, whatever their place in the text, so a JSON record
 * `{"region": "N", "2023": 1}` parses into an object whose keys come out as 2023, region. Imports keep the file's
 * column order: when a parsed object has such a key, its keys are read again, in order, from its text.
 */

/** Whether JSON.parse may have moved keys of `value` (an object whose first key is integer-like). */
export function keysMayBeReordered(value: object): boolean {
  for (const key in value) return /^(?:0|[1-9]\d*)$/.test(key);
  return false;
}

/** The keys of the JSON object `text` (already known to be valid JSON) in the order the text gives them. */
export function keysInTextOrder(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22) break;
      }
      if (depth === 1 && expectKey) {
        keys.push(JSON.parse(text.slice(start, i + 1)) as string);
        expectKey = false;
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      depth--;
      if (depth === 0) break;
    } else if (ch === 0x2c /* , */ && depth === 1) expectKey = true;
  }
  return keys;
}
