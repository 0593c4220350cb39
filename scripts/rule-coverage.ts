// Prints which tests name each licensing rule R1–R30 (DOMAIN.md) and fails when a rule has none,
// so a rule can never silently lose its test.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const RULE_COUNT = 30;
const TEST_FILE = /\.test\.tsx?$/;
const TITLE = /\b(?:it|test|describe)(?:\.(?:each|for)\([^)]*\))?(?:\.(?:skip|todo|concurrent))?\(\s*(['"`])((?:(?!\1).)*)\1/g;

/** Lists every test file below a folder. */
function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return TEST_FILE.test(name) ? [path] : [];
  });
}

/** Maps each rule id to the files whose test titles name it. */
export function ruleIndex(root: string): Map<number, Set<string>> {
  const index = new Map<number, Set<string>>();
  for (const file of testFiles(join(root, 'test'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(TITLE)) {
      for (const id of (match[2] ?? '').matchAll(/\bR(\d{1,2})\b/g)) {
        const rule = Number(id[1]);
        const files = index.get(rule) ?? new Set<string>();
        files.add(relative(root, file));
        index.set(rule, files);
      }
    }
  }
  return index;
}

const root = process.cwd();
const index = ruleIndex(root);
const missing: number[] = [];
for (let rule = 1; rule <= RULE_COUNT; rule += 1) {
  const files = index.get(rule);
  if (!files) missing.push(rule);
  console.log(`R${rule}`.padEnd(4), files ? [...files].sort().join(', ') : 'NO TEST');
}
if (missing.length > 0) {
  console.error(`Rules without a test naming them: ${missing.map((r) => `R${r}`).join(', ')}`);
  process.exit(1);
}
console.log(`All ${RULE_COUNT} rules are named by tests.`);
