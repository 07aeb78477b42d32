/**
 * A strict parser for the subset of Graphviz's dot language that `renderDot` writes: one
 * `digraph ID { ... }` of attribute statements (`graph|node|edge [..]`), node statements
 * (`ID [..]`), edge statements (`ID -> ID [..]`) and anonymous subgraphs (`{ rank=sink; ID; }`).
 * Anything else throws, so a name that escaped its quotes shows up as a parse error or as an
 * extra node or edge. Strings are read back the way Graphviz reads them (`\"` is `"`, `\\` is `\`).
 */

export interface ParsedDot {
  name: string;
  nodes: Map<string, Record<string, string>>;
  edges: Array<{ from: string; to: string; attributes: Record<string, string> }>;
  /** Node ids declared in `{ rank=... }` subgraphs, by rank. */
  ranks: Map<string, string[]>;
}

type Token = { kind: 'id' | 'string' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error('unterminated string');
        const d = source[i]!;
        if (d === '\n') throw new Error('raw line break inside a string');
        if (d === '"') break;
        if (d === '\\') {
          const e = source[i + 1];
          if (e === undefined) throw new Error('unterminated escape');
          // Graphviz: \" is a quote; \\ a backslash; \n \l \r line breaks; others kept as they are.
          text += e === '"' ? '"' : e === '\\' ? '\\' : e === 'n' ? '\n' : `\\${e}`;
          i += 2;
        } else {
          text += d;
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', text });
    } else if (source.startsWith('->', i)) {
      tokens.push({ kind: 'punct', text: '->' });
      i += 2;
    } else if ('{}[]=;,'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      const match = /^[A-Za-z_0-9.]+/.exec(source.slice(i));
      if (!match) throw new Error(`unexpected character \`${c}\` at ${i}`);
      tokens.push({ kind: 'id', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Parses renderDot's output; throws on anything outside the subset. */
export function parseDot(source: string): ParsedDot {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (!token) throw new Error('unexpected end of input');
    return token;
  };
  const expect = (text: string) => {
    const token = next();
    if (token.text !== text || token.kind === 'string') throw new Error(`expected \`${text}\`, got \`${token.text}\``);
  };
  const id = () => {
    const token = next();
    if (token.kind === 'punct') throw new Error(`expected an id, got \`${token.text}\``);
    return token.text;
  };
  const attributes = () => {
    const out: Record<string, string> = {};
    if (peek()?.text !== '[') return out;
    expect('[');
    while (peek()?.text !== ']') {
      const key = id();
      expect('=');
      if (key in out) throw new Error(`attribute \`${key}\` given twice`);
      out[key] = id();
      if (peek()?.text === ',') next();
    }
    expect(']');
    return out;
  };

  expect('digraph');
  const result: ParsedDot = { name: id(), nodes: new Map(), edges: [], ranks: new Map() };
  expect('{');
  while (peek()?.text !== '}') {
    const token = peek()!;
    if (token.kind === 'punct' && token.text === '{') {
      next();
      expect('rank');
      expect('=');
      const rank = id();
      expect(';');
      const members: string[] = [];
      while (peek()?.text !== '}') {
        members.push(id());
        expect(';');
      }
      expect('}');
      result.ranks.set(rank, members);
      continue;
    }
    const first = id();
    if (token.kind === 'id' && ['graph', 'node', 'edge'].includes(first)) {
      attributes();
    } else if (peek()?.text === '->') {
      next();
      const to = id();
      result.edges.push({ from: first, to, attributes: attributes() });
    } else {
      if (result.nodes.has(first)) throw new Error(`node \`${first}\` declared twice`);
      result.nodes.set(first, attributes());
    }
    expect(';');
  }
  expect('}');
  if (at !== tokens.length) throw new Error('text after the graph');
  return result;
}
