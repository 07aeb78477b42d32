/**
 * Trust-policy principal matching (M7). `Principal.RAM` entries are RAM wildcard patterns over the
 * caller's ARN, plus two documented shorthands: an account's `root` trusts every identity of that
 * account, and `role/<name>` trusts that role's sessions (role chaining).
 */
import type { Principal } from '../policy/types.js';
import type { RequestPrincipal } from '../request/types.js';
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

/** A compiled `Principal` block: returns the entry that matched, or undefined. */
export type PrincipalMatcher = (principal: RequestPrincipal) => string | undefined;

const ROOT = /^acs:ram::([^:]+):root$/;
const ROLE = /^acs:ram::([^:]+):role\/(.+)$/;

/** The account id in a RAM or STS ARN (`acs:ram::<uid>:...`, `acs:sts::<uid>:...`). */
export function accountOfArn(arn: string): string | undefined {
  return /^acs:(?:ram|sts):[^:]*:([^:]+):/.exec(arn)?.[1];
}

/** Compiles one trust policy `Principal`. Only `RAM` entries can match ramguard's callers. */
export function compilePrincipal(principal: Principal): PrincipalMatcher {
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
