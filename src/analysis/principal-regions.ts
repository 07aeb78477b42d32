/**
 * The principal dimension of a trust-policy analysis (N11): every distinct `Principal.RAM` entry
 * of the pair is an atom, true when the evaluator's principal matcher (M7) accepts the caller's
 * ARN. The regions are found exactly over all strings: each entry is explored as the automata
 * of what M7 makes it match — the entry as a wildcard pattern, for `acs:ram::<uid>:root` every
 * ARN of account `<uid>`, for `acs:ram::<uid>:role/<name>` that role's sessions — while each
 * region's signature comes from the matcher itself, so no region is claimed that does not exist.
 */
import { compilePrincipal } from '../match/principal.js';
import type { PrincipalType, RequestPrincipal } from '../request/types.js';
import { stringPredicates, type KeyLanguage } from './key-regions.js';
import { stringRegions, type StringPredicate, type StringRegion } from './string-regions.js';

const ROOT = /^acs:ram::([^:]+):root$/;
const ROLE = /^acs:ram::([^:]+):role\/(.+)$/;

/** The caller a witness ARN stands for: an account root, a role session (`acs:sts:`), or a RAM user. */
export function principalOfArn(arn: string): RequestPrincipal {
  const type: PrincipalType = ROOT.test(arn) ? 'Root' : arn.startsWith('acs:sts:') ? 'AssumedRole' : 'RamUser';
  return { type, arn };
}

/** The automata that decide whether one entry matches (see the file comment). */
function predicatesOf(entry: string): StringPredicate[] {
  const out: StringPredicate[] = [{ kind: 'glob', pattern: entry }];
  const root = ROOT.exec(entry);
  if (root && root[1] !== '*') out.push({ kind: 'arn-account', account: root[1]! });
  const role = ROLE.exec(entry);
  if (role) out.push({ kind: 'glob', pattern: `acs:sts::${role[1]}:assumed-role/${role[2]}/*` });
  return out;
}

/** Readable first guesses: a user, a role session and the root of each account the entries name. */
function examples(entries: string[], fallback: string): string[] {
  const out = [fallback];
  for (const e of entries) {
    const filled = e.replace(/[*?]/g, 'x');
    out.push(filled);
    const root = ROOT.exec(filled);
    if (root) out.push(`acs:ram::${root[1]}:user/ramguard-witness`);
    const role = ROLE.exec(filled);
    if (role) out.push(`acs:sts::${role[1]}:assumed-role/${role[2]}/ramguard-witness`);
  }
  return out;
}

/**
 * Every signature over `entries` (then `arnLanguages`: string-family languages tested on
 * `acs:PrincipalARN`, which the evaluator fills from the caller's ARN) some caller ARN realizes,
 * with an ARN for each (`fallback` first when it matches none).
 */
export function principalRegions(entries: string[], arnLanguages: KeyLanguage[], fallback: string, maxStates?: number): StringRegion[] {
  const matchers = entries.map((e) => compilePrincipal({ RAM: [e] }));
  const inLanguage = (l: KeyLanguage, arn: string) => {
    const read = l.spec.family.read(arn);
    return read !== undefined && l.predicates.some((p) => p(read));
  };
  return stringRegions(
    [...entries.flatMap(predicatesOf), ...stringPredicates(arnLanguages)],
    (arn) => [...matchers.map((m) => m(principalOfArn(arn)) !== undefined), ...arnLanguages.map((l) => inLanguage(l, arn))],
    { prefer: examples(entries, fallback), ...(maxStates !== undefined ? { maxStates } : {}) },
  );
}
