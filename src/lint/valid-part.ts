/**
 * The valid part of an invalid policy: its statements without grammar errors, validated on their
 * own and renumbered back to their places in the document. Semantic rules lint that part, so one
 * statement's grammar error (`"Effect": "allow"`) does not hide the other statements' findings.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validatePolicy } from '../policy/parse-policy.js';
import type { PolicyDocument, PolicyKind, Statement } from '../policy/types.js';

/** Rounds of re-validation: the validator keeps only the first problems, so a hidden one may show up later. */
const ROUNDS = 3;

const STATEMENT = /^\/Statement\/(\d+)(?:\/|$)/;

/**
 * The statements of `value` that have no error among `diagnostics` (paths relative to the
 * document after `prefix`), as a PolicyDocument whose statements keep their own `index` and
 * `sourcePath`; undefined when no statement is valid or the Statement element itself is broken.
 * Problems outside the statements (`Version`, an unknown top-level element) do not stop it.
 */
export function validStatements(value: unknown, kind: PolicyKind, diagnostics: readonly Diagnostic[], prefix: string): PolicyDocument | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const list = (value as Record<string, unknown>)['Statement'];
  if (!Array.isArray(list)) return undefined;
  let keep = list.map((_, i) => i).filter((i) => !statementsWithErrors(diagnostics, prefix).has(i));
  for (let round = 0; round < ROUNDS && keep.length > 0; round++) {
    const result = validatePolicy({ Version: '1', Statement: keep.map((i) => list[i]) }, { kind });
    if (result.policy) return { ...result.policy, statements: result.policy.statements.map((s) => renumbered(s, keep[s.index]!)) };
    const failing = statementsWithErrors(result.diagnostics, '');
    // Only a policy-level error is left (the valid part alone is still too large): nothing to lint.
    if (failing.size === 0) return undefined;
    keep = keep.filter((_, k) => !failing.has(k));
  }
  return undefined;
}

/** Indexes of the statements an error points into. */
function statementsWithErrors(diagnostics: readonly Diagnostic[], prefix: string): Set<number> {
  const out = new Set<number>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || !d.path.startsWith(prefix)) continue;
    const m = STATEMENT.exec(d.path.slice(prefix.length));
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/** A statement validated at position `from` of the valid part, moved back to `to` in the document. */
function renumbered(s: Statement, to: number): Statement {
  const from = `/Statement/${s.index}`;
  const path = `/Statement/${to}`;
  return { ...s, index: to, sourcePath: path, conditions: s.conditions.map((c) => ({ ...c, sourcePath: path + c.sourcePath.slice(from.length) })) };
}
