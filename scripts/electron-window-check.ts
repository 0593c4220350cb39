// Reads every BrowserWindow / BrowserView / WebContentsView and every WebPreferences object in the
// Electron sources with the TypeScript compiler API and reports any option weaker than the hardened
// set, a missing one, or one that cannot be read statically (electronegativity matches by pattern;
// this check follows the options into the helper that builds them).
import ts from 'typescript';
import { HARDENED_IF_PRESENT, HARDENED_WEB_PREFERENCES } from '../src-main/electron/hardened-web-preferences';

/** The one spread a webPreferences literal may hold: the hardened set itself, imported from its module. */
const HARDENED_NAME = 'HARDENED_WEB_PREFERENCES';
const HARDENED_MODULE = /\/hardened-web-preferences(\.ts)?$/;

/** One weak or unreadable window option, with where it is. */
export interface WindowFinding {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

/** Checks the given sources (path + text); returns every finding (empty: all windows hardened). */
export function checkElectronWindows(sources: readonly { path: string; text: string }[]): WindowFinding[] {
  const findings: WindowFinding[] = [];
  for (const { path, text } of sources) {
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const report = (node: ts.Node, problem: string): void => {
      findings.push({
        file: path,
        line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        problem,
      });
    };
    const importsHardenedSet = file.statements.some(
      (statement) =>
        ts.isImportDeclaration(statement) &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        HARDENED_MODULE.test(statement.moduleSpecifier.text) &&
        statement.importClause?.namedBindings !== undefined &&
        ts.isNamedImports(statement.importClause.namedBindings) &&
        statement.importClause.namedBindings.elements.some(
          (element) => element.name.text === HARDENED_NAME && element.propertyName === undefined,
        ),
    );
    /** A spread of the imported hardened set sets every hardened option to its value. */
    const spreadsHardenedSet = (expression: ts.Expression): boolean =>
      importsHardenedSet && ts.isIdentifier(expression) && expression.text === HARDENED_NAME;
    const checked = new Set<ts.Node>();
    const checkPreferences = (literal: ts.ObjectLiteralExpression): void => {
      if (checked.has(literal)) return;
      checked.add(literal);
      const seen = new Map<string, ts.Expression>();
      for (const property of literal.properties) {
        if (ts.isSpreadAssignment(property) && spreadsHardenedSet(property.expression))
          for (const name of Object.keys(HARDENED_WEB_PREFERENCES)) seen.set(name, property.expression);
        else if (ts.isSpreadAssignment(property))
          report(property, 'webPreferences spreads another object; list every option');
        else if (
          ts.isPropertyAssignment(property) &&
          (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
        )
          seen.set(property.name.text, property.initializer);
        else if (ts.isShorthandPropertyAssignment(property)) seen.set(property.name.text, property.name);
      }
      const want = (name: string, value: boolean, required: boolean): void => {
        const got = seen.get(name);
        if (got === undefined) {
          if (required) report(literal, `${name} is missing (must be ${value})`);
          return;
        }
        if (spreadsHardenedSet(got)) return;
        const literalValue =
          got.kind === ts.SyntaxKind.TrueKeyword
            ? true
            : got.kind === ts.SyntaxKind.FalseKeyword
              ? false
              : undefined;
        if (literalValue === undefined) report(got, `${name} is not a literal ${value}`);
        else if (literalValue !== value) report(got, `${name}: ${literalValue} is weaker than ${value}`);
      };
      for (const [name, value] of Object.entries(HARDENED_WEB_PREFERENCES)) want(name, value, true);
      for (const [name, value] of Object.entries(HARDENED_IF_PRESENT)) want(name, value, false);
    };
    const functions = new Map<string, ts.Node>();
    const objects = new Map<string, ts.Expression>();
    const index = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          functions.set(node.name.text, node.initializer);
        else objects.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, index);
    };
    index(file);
    /** Follows an expression to the object literal it builds (a literal, a local, or a local function's return). */
    const resolve = (expression: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined => {
      if (depth > 5) return undefined;
      let e = expression;
      while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
        e = e.expression;
      if (ts.isObjectLiteralExpression(e)) return e;
      if (ts.isIdentifier(e)) {
        const value = objects.get(e.text);
        return value ? resolve(value, depth + 1) : undefined;
      }
      if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
        const fn = functions.get(e.expression.text);
        if (fn === undefined) return undefined;
        if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return resolve(fn.body, depth + 1);
        let found: ts.ObjectLiteralExpression | undefined;
        const visit = (node: ts.Node): void => {
          if (ts.isReturnStatement(node) && node.expression) found ??= resolve(node.expression, depth + 1);
          else if (!ts.isFunctionLike(node) || node === fn) ts.forEachChild(node, visit);
        };
        visit(fn);
        return found;
      }
      return undefined;
    };
    const visit = (node: ts.Node): void => {
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        WINDOW_CLASSES.has(node.expression.text)
      ) {
        const options = node.arguments?.[0] ? resolve(node.arguments[0]) : undefined;
        if (options === undefined) report(node, `${node.expression.text} options cannot be read statically`);
        else {
          const prefs = options.properties.find(
            (p): p is ts.PropertyAssignment =>
              ts.isPropertyAssignment(p) && p.name.getText(file) === 'webPreferences',
          );
          const literal = prefs ? resolve(prefs.initializer) : undefined;
          if (prefs === undefined) report(node, `${node.expression.text} has no webPreferences`);
          else if (literal === undefined) report(prefs, 'webPreferences cannot be read statically');
          else checkPreferences(literal);
        }
      }
      const typed =
        (ts.isVariableDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionDeclaration(node)) &&
        node.type;
      if (typed && node.type.getText(file) === 'WebPreferences') {
        const body = ts.isVariableDeclaration(node)
          ? node.initializer
          : ts.isArrowFunction(node) && !ts.isBlock(node.body)
            ? node.body
            : undefined;
        const literal = body
          ? resolve(body)
          : ts.isFunctionDeclaration(node) && node.name
            ? resolve(ts.factory.createCallExpression(node.name, undefined, []))
            : undefined;
        if (literal) checkPreferences(literal);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}
