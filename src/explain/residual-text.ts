/**
 * Renders a residual formula for people. `renderResidual` writes the formula as it is built
 * (`not (...)` and all); `plainResidual` writes the same condition plainly: negations pushed down
 * to the conditions, a negated condition written with its twin operator, and `A or (not A and B)`
 * written `A or B`. Only the text differs: the residual itself is untouched.
 */
import type { Residual } from '../decision/types.js';
import { operatorSpec } from '../conditions/operators.js';
import type { ConditionOperator } from '../conditions/operator-name.js';

function values(v: string[]): string {
  return v.length === 1 ? `\`${v[0]}\`` : `one of ${v.map((x) => `\`${x}\``).join(', ')}`;
}

/** One line of text for a residual formula, as it is built. */
export function renderResidual(p: Residual): string {
  switch (p.kind) {
    case 'true':
      return 'always';
    case 'false':
      return 'never';
    case 'condition':
      return `\`${p.key}\` ${p.operator} ${values(p.values)}`;
    case 'resource-group':
      return `the resource is in resource group \`${p.resourceGroup}\``;
    case 'not':
      return `not (${renderResidual(p.of)})`;
    case 'and':
    case 'or':
      return p.of.map((q) => (q.kind === 'and' || q.kind === 'or' ? `(${renderResidual(q)})` : renderResidual(q))).join(` ${p.kind} `);
  }
}

/**
 * Negated operators and their positive twins. A negated operator is exactly the negation of its
 * twin, absent keys included (semantics C3, C5), so `not (k NotIpAddress v)` is `k IpAddress v`.
 * The ordered operators have no exact twin (`not (k < 5)` holds for an absent key, `k >= 5` does
 * not) and keep their `not`.
 */
const TWINS = new Map<ConditionOperator, ConditionOperator>([
  ['StringEquals', 'StringNotEquals'],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['StringLike', 'StringNotLike'],
  ['NumericEquals', 'NumericNotEquals'],
  ['DateEquals', 'DateNotEquals'],
  ['IpAddress', 'NotIpAddress'],
]);
for (const [positive, negated] of [...TWINS]) TWINS.set(negated, positive);

type Atom = Extract<Residual, { kind: 'condition' | 'resource-group' }>;
type Literal = { kind: 'literal'; atom: Atom; positive: boolean; id: string };
type Plain = Literal | { kind: 'and' | 'or'; of: Plain[] } | { kind: 'true' | 'false' };

/**
 * An atom's identity for the text: what it tests (operator, key, values, resource group), not the
 * statement it came from — two statements with the same clause state the same fact.
 */
function atomId(p: Atom): string {
  if (p.kind === 'resource-group') return `rg:${p.resourceGroup}`;
  return `c:${p.operator}:${p.key.toLowerCase()}:${JSON.stringify(p.values)}`;
}

/** Negation normal form: `not` only on atoms. */
function pushNot(p: Residual, positive: boolean): Plain {
  switch (p.kind) {
    case 'true':
    case 'false':
      return { kind: (p.kind === 'true') === positive ? 'true' : 'false' };
    case 'not':
      return pushNot(p.of, !positive);
    case 'and':
    case 'or':
      return { kind: (p.kind === 'and') === positive ? 'and' : 'or', of: p.of.map((q) => pushNot(q, positive)) };
    default:
      return { kind: 'literal', atom: p, positive, id: atomId(p) };
  }
}

const key = (l: Literal, positive = l.positive) => `${positive ? '+' : '-'}${l.id}`;

/**
 * Flattens, drops duplicates and applies absorption: in `A or X`, a conjunct `X` that contains
 * `A` goes (`A or (A and B)` is `A`) and `not A` inside it goes (`A or (not A and B)` is
 * `A or B`); the same with `and` and `or` swapped.
 */
function simplify(p: Plain): Plain {
  if (p.kind !== 'and' && p.kind !== 'or') return p;
  const unit = p.kind === 'and' ? 'true' : 'false';
  const zero = p.kind === 'and' ? 'false' : 'true';
  const dual = p.kind === 'and' ? 'or' : 'and';
  const flat: Plain[] = [];
  for (const child of p.of.map(simplify)) {
    if (child.kind === zero) return child;
    if (child.kind === unit) continue;
    if (child.kind === p.kind) flat.push(...child.of);
    else flat.push(child);
  }
  const literals = new Set(flat.filter((c): c is Literal => c.kind === 'literal').map((l) => key(l)));
  const out: Plain[] = [];
  const seen = new Set<string>();
  for (const child of flat) {
    let item: Plain = child;
    if (child.kind === dual) {
      const inner = child.of as Plain[];
      if (inner.some((q) => q.kind === 'literal' && literals.has(key(q)))) continue; // absorbed
      const kept = inner.filter((q) => !(q.kind === 'literal' && literals.has(key(q, !q.positive))));
      item = kept.length === inner.length ? child : simplify({ kind: dual, of: kept });
      if (item.kind === zero) return item; // `A or (not A)`: what absorption left is always true
      if (item.kind === unit) continue;
    }
    const id = JSON.stringify(item, (k, v: unknown) => (k === 'atom' ? undefined : v));
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(item);
  }
  if (out.length === 0) return { kind: unit };
  return out.length === 1 ? out[0]! : { kind: p.kind, of: out };
}

function literalText(l: Literal): string {
  const a = l.atom;
  if (a.kind === 'resource-group') return `the resource is ${l.positive ? '' : 'not '}in resource group \`${a.resourceGroup}\``;
  if (l.positive) return `\`${a.key}\` ${a.operator} ${values(a.values)}`;
  const twin = TWINS.get(a.operator);
  if (twin && operatorSpec(twin)) return `\`${a.key}\` ${twin} ${values(a.values)}`;
  return `not (\`${a.key}\` ${a.operator} ${values(a.values)})`;
}

function plainText(p: Plain): string {
  switch (p.kind) {
    case 'true':
      return 'always';
    case 'false':
      return 'never';
    case 'literal':
      return literalText(p);
    default:
      return p.of.map((q) => (q.kind === 'and' || q.kind === 'or' ? `(${plainText(q)})` : plainText(q))).join(` ${p.kind} `);
  }
}

/** One line of plain text for a residual formula (what `eval` and `preflight` print). */
export function plainResidual(p: Residual): string {
  return plainText(simplify(pushNot(p, true)));
}
