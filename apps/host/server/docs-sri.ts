// `pnpm docs:sri`: writes the script-tag snippet in docs/embedding.md (the SDK's versioned URL and its integrity
// hash) from the SDK as built; `pnpm docs:sri --check` only compares and fails when the docs are out of date (CI).
// The hash changes whenever the elements, the client or the contract change, so rerun this after such changes.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './build.js';
import { APP_DIR } from './paths.js';
import { readSdkIntegrity, SDK_VERSION } from './sdk.js';

const check = process.argv.includes('--check');
const DOCS = path.resolve(APP_DIR, '../../docs/embedding.md');
const BLOCK = /(<!-- sdk-sri:start[^>]*-->)([\s\S]*?)(<!-- sdk-sri:end -->)/;

await buildApp({ log: console.log });
const hash = readSdkIntegrity()?.files['ocp.js'];
if (!hash) throw new Error('the SDK build wrote no integrity.json');

const text = fs.readFileSync(DOCS, 'utf8');
const match = BLOCK.exec(text);
if (!match) throw new Error(`${DOCS} has no <!-- sdk-sri:start --> … <!-- sdk-sri:end --> block`);
const block = match[2]!
  .replace(/\/sdk\/[^/"'\s]+\/ocp\.js/g, `/sdk/${SDK_VERSION}/ocp.js`)
  .replace(/integrity="sha384-[^"]*"/g, `integrity="${hash}"`)
  .replace(/this repository's [^\s]+ build/g, `this repository's ${SDK_VERSION} build`);
const next = text.replace(BLOCK, `$1${block}$3`);

if (next === text) {
  console.log(`docs/embedding.md: SDK ${SDK_VERSION}, ${hash} (up to date)`);
} else if (check) {
  console.error(
    `docs/embedding.md: the script-tag snippet does not match the built SDK (${SDK_VERSION}, ${hash}); run pnpm docs:sri`,
  );
  process.exit(1);
} else {
  fs.writeFileSync(DOCS, next);
  console.log(`docs/embedding.md: SDK ${SDK_VERSION}, ${hash} (updated)`);
}
