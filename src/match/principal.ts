/**
 * Trust-policy principal matching (M7). `Principal.RAM` entries are RAM wildcard patterns over the
 * caller's ARN, plus two documented shorthands: an account's `root` trusts every identity of that
 * account, and `role/<name>` trusts that role's sessions (role chaining).
 */
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

// The shapes this module reads, structurally: matching depends on no other module's types (a
// `Principal` block of the policy model and a `RequestPrincipal` fit them), so match/ is a leaf.
/** The caller, as far as matching goes: its ARN. */
export interface CallerArn {
  arn?: string;
}
/** A `Principal` block, as far as matching goes: its `RAM` entries. */
export interface RamPrincipals {
  RAM: readonly string[];
}

/** A compiled `Principal` block: returns the entry that matched, or undefined. */
export type PrincipalMatcher = (principal: CallerArn) => string | undefined;

const ROOT = /^acs:ram::([^:]+):root$/;
const ROLE = /^acs:ram::([^:]+):role\/(.+)$/;

/** The account id in a RAM or STS ARN (`acs:ram::<uid>:...`, `acs:sts::<uid>:...`). */
export function accountOfArn(arn: string): string | undefined {
  return /^acs:(?:ram|sts):[^:]*:([^:]+):/.exec(arn)?.[1];
}

/** Compiles one trust policy `Principal`. Only `RAM` entries can match ramguard's callers. */
export function compilePrincipal(principal: RamPrincipals): PrincipalMatcher {
  const entries: { entry: string; test: (arn: string) => boolean }[] = principal.RAM.map((entry) => {
    const direct: WildcardMatcher = compileWildcard(entry);
    const root = ROOT.exec(entry);
    const role = ROLE.exec(entry);
    const account = root?.[1];
    const sessions = role ? compileWildcard(`acs:sts::${role[1]}:assumed-role/${role[2]}/*`) : undefined;
    return {
      entry,
      test: (arn: string) =>
        direct.test(arn) ||
        (account !== undefined && (account === '*' || accountOfArn(arn) === account)) ||
        (sessions !== undefined && sessions.test(arn)),
    };
  });
  return (caller) => {
    const arn = caller.arn;
    if (arn === undefined) return undefined;
    return entries.find((e) => e.test(arn))?.entry;
  };
}
