/**
 * YAML read within bounds. The `yaml` library composes documents recursively and resolves aliases
 * by reference, so hostile text can exhaust the stack (`- - - … x`, 1,000 levels, even aborts V8
 * while it compiles a regular expression at the stack's edge) or make later walkers visit millions
 * of nodes (ten aliases of a 50,000-item list). Here the parser runs token by token with its stack
 * measured, and the composed tree is walked once — depth, alias expansion, self-reference and
 * duplicate keys — before anything turns it into plain data.
 */
import type { CST, Document, LineCounter, Node } from 'yaml';
import { ALIAS_EXPANSION_ALLOWANCE, MAX_ALIASES, MAX_DEPTH, tooDeep } from './limits.js';

type Yaml = typeof import('yaml');

/** What stops a document: a problem at a source offset range. */
export interface YamlProblem {
  code: 'too-deep' | 'too-many-aliases' | 'recursive-alias' | 'syntax-error' | 'duplicate-key';
  message: string;
  help: string;
  range: [number, number];
}

/** The first YAML document of `text`, or the offset where its nesting goes deeper than MAX_DEPTH. */
export function composeYaml(yaml: Yaml, text: string, lineCounter: LineCounter): { doc: Document.Parsed } | { problem: YamlProblem } {
  const parser = new yaml.Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  lineCounter.addNewLine(0);
  // The parser keeps one stack entry per open collection (plus the document and a scalar or
  // two): a stack beyond the bound means nesting beyond it, found before the recursive composer
  // runs. The walk below draws the exact line at MAX_DEPTH.
  for (const lexeme of new yaml.Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_DEPTH + 4) return { problem: deep([parser.offset, parser.offset + 1]) };
  }
  for (const token of parser.end()) tokens.push(token);
  // Duplicate keys are found by the walk below with a set per map: the library's own check
  // compares each key with every earlier one, minutes for a map of 90,000 keys. `logLevel`
  // `error`: the library would otherwise print warnings quoting the input (a collection used as a
  // key) on stderr through process.emitWarning, unescaped.
  const composer = new yaml.Composer({ uniqueKeys: false, strict: true, logLevel: 'error' });
  let doc: Document.Parsed | undefined;
  for (const composed of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = composed;
    else {
      doc.errors.push(new yaml.YAMLParseError(composed.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return { doc: doc! };
}

/**
 * Size and height of a node with its aliases expanded. The size is about the characters of its
 * JSON (a scalar's text plus one, a collection's members plus two), so that an alias of a long
 * string weighs what it costs: ten thousand aliases of a 900 KB string are 9 GB to stringify.
 * The height counts collections.
 */
interface Measure {
  size: number;
  height: number;
}

/**
 * Walks a composed document once, in document order: duplicate keys (all of them), and the first
 * problem that makes it unusable — nesting deeper than MAX_DEPTH once aliases are expanded, an alias
 * inside the node it names (`a: &a [*a]`), an alias with no anchor before it, more than MAX_ALIASES
 * aliases, or aliases that add more than ALIAS_EXPANSION_ALLOWANCE allows. The recursion
 * follows the written nesting, which the parser has already bounded.
 */
export function checkYamlTree(yaml: Yaml, doc: Document.Parsed): { duplicates: YamlProblem[]; problem?: YamlProblem } {
  const { isAlias, isCollection, isMap, isPair, isScalar } = yaml;
  const duplicates: YamlProblem[] = [];
  let problem: YamlProblem | undefined;
  const fail = (p: YamlProblem): void => void (problem ??= p);
  const anchors = new Map<string, Node>();
  const measured = new Map<Node, Measure>();
  const open = new Set<Node>();
  // Each alias adds the expanded size of what it names; where the running total passes the
  // allowance is known only once the document's own size is, so the aliases are kept in order.
  const added: [alias: Node, total: number][] = [];
  let addedTotal = 0;

  const walk = (node: unknown, depth: number): Measure => {
    if (isAlias(node)) {
      if (added.length >= MAX_ALIASES) {
        fail({ code: 'too-many-aliases', message: `the document uses more than ${MAX_ALIASES} YAML aliases`, help: 'write the values out instead of aliasing them', range: rangeOf(node) });
        return { size: 1, height: 0 };
      }
      const target = anchors.get(node.source);
      if (!target) {
        fail({ code: 'syntax-error', message: `cannot parse the input: alias \`*${node.source}\` names no anchor before it`, help: 'define the anchor (`&name`) before the alias that uses it', range: rangeOf(node) });
        return { size: 1, height: 0 };
      }
      if (open.has(target)) {
        fail({ code: 'recursive-alias', message: `alias \`*${node.source}\` is inside the node it names, which would never end`, help: 'an alias can only repeat a node that is complete before it', range: rangeOf(node) });
        return { size: 1, height: 0 };
      }
      const m = measured.get(target) ?? { size: 1, height: 0 };
      addedTotal += m.size;
      added.push([node, addedTotal]);
      if (depth + m.height > MAX_DEPTH) fail(deep(rangeOf(node), `alias \`*${node.source}\``));
      return m;
    }
    if (!node || typeof node !== 'object') return { size: 1, height: 0 }; // an empty key or value
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined) anchors.set(anchor, node as Node);
    if (isScalar(node) || !isCollection(node)) {
      const m = { size: 1 + (isScalar(node) ? String(node.value).length : 0), height: 0 };
      measured.set(node as Node, m);
      return m;
    }
    if (depth + 1 > MAX_DEPTH) {
      fail(deep(rangeOf(node)));
      return { size: 1, height: 1 };
    }
    open.add(node);
    const m = { size: 2, height: 1 };
    const keys = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      const children = isPair(item) ? [item.key, item.value] : [item];
      if (keys && isPair(item) && isScalar(item.key)) {
        if (keys.has(item.key.value)) {
          const start = item.key.range?.[0] ?? 0;
          duplicates.push({ code: 'duplicate-key', message: 'duplicate key in a mapping', help: 'RAM would silently keep only one of the two values; remove or merge the duplicate', range: [start, start + 1] });
        }
        keys.add(item.key.value);
      }
      for (const child of children) {
        const c = walk(child, depth + 1);
        m.size += c.size + 1;
        m.height = Math.max(m.height, c.height + 1);
      }
    }
    open.delete(node);
    measured.set(node, m);
    return m;
  };
  // The document's own size is its expanded size less what the aliases add.
  const literal = walk(doc.contents, 0).size - addedTotal;
  const allowance = Math.max(ALIAS_EXPANSION_ALLOWANCE, literal);
  const over = added.find(([, total]) => total > allowance);
  if (over && !problem) {
    fail({ code: 'too-many-aliases', message: `YAML aliases expand the document by more than ${allowance} characters`, help: 'write the values out instead of aliasing them', range: rangeOf(over[0]) });
  }
  return { duplicates, ...(problem ? { problem } : {}) };
}

function deep(range: [number, number], what?: string): YamlProblem {
  const { message, help } = tooDeep(what);
  return { code: 'too-deep', message, help, range };
}

function rangeOf(node: unknown): [number, number] {
  const range = (node as { range?: [number, number, number] }).range;
  return range ? [range[0], range[1]] : [0, 0];
}
