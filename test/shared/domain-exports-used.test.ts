import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// One home per rule: every value exported by shared/domain is used by the product (server, agent,
// renderer or another shared module), not only by tests — a decision only tests call is a rule the
// server restates somewhere else.

const ROOT = resolve(__dirname, '../..');
const DOMAIN = join(ROOT, 'shared/domain');
const PRODUCT_DIRS = ['shared', 'src-server', 'src-main', 'src-renderer'];

/** Exports only the reference model of a test applies, each with why the product does not call it. */
const MODEL_ONLY: Record<string, string> = {
  'allocation-ops.ts#assign':
    'the server checks dedications after the write through decideDedicatedUse (dedication-guard.ts)',
  'allocation-ops.ts#release':
    'as assign: the allocation model of test/shared/domain/allocation-property.test.ts',
  'concurrent-use.ts#concurrentUse':
    'the definition of the utilization sweep; the server runs it in SQL (src-server/repositories/usage-sweep.ts, ending each bucket with bucketUse), held equal to it by test/server/usage-sweep.test.ts',
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });

const parse = (path: string) =>
  ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);

/** Value exports (functions, consts) of a module with their declaration nodes. */
function valueExports(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of sf.statements) {
    const exported = ts
      .getModifiers(st as ts.HasModifiers)
      ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
}

/** How often each identifier appears in a file (declaration included). */
function identifierCounts(sf: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return counts;
}

/** Names each product file imports from each shared/domain module. */
function importsByModule(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const file of PRODUCT_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('domain/') && !file.startsWith(DOMAIN)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const target = resolve(file, '..', st.moduleSpecifier.text);
      if (!target.startsWith(DOMAIN)) continue;
      const key = `${relative(DOMAIN, target)}.ts`;
      const names = used.get(key) ?? new Set<string>();
      const bindings = st.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) names.add((el.propertyName ?? el.name).text);
      used.set(key, names);
    }
  }
  return used;
}

describe('shared/domain exports', () => {
  it('every exported decision is called by the product, not only by tests', () => {
    const imported = importsByModule();
    const unused: string[] = [];
    for (const file of sourceFiles(DOMAIN)) {
      const sf = parse(file);
      const key = relative(DOMAIN, file);
      const local = identifierCounts(sf);
      for (const name of valueExports(sf)) {
        const usedElsewhere = imported.get(key)?.has(name) === true;
        const usedInside = (local.get(name) ?? 0) > 1;
        if (!usedElsewhere && !usedInside && MODEL_ONLY[`${key}#${name}`] === undefined)
          unused.push(`${key}#${name}`);
      }
    }
    expect(unused).toEqual([]);
  }, 60_000);
});
