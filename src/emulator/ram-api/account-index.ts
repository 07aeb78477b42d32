/**
 * The account an account emulator serves, indexed for answering: a snapshot as written in a file
 * (the form `ramguard collect` writes, documents inline as RAM returns them), its system policies
 * (the built-in catalog's, overridden by the snapshot's own), and the names RAM and Resource
 * Manager report. Pure.
 */
import { builtinCatalog } from '../../catalog/builtin.js';
import { AccountIndex as NameIndex } from '../../snapshot/account-index.js';
import type { RawSnapshot } from '../../snapshot/references.js';
import type { Attachment } from '../../snapshot/types.js';

/** An account as a snapshot file holds it, every document inline (`document:`, never `file:`). */
export type ServedAccount = RawSnapshot;
type Item<T> = NonNullable<T> extends readonly (infer U)[] ? U : never;
export type ServedUser = Item<RawSnapshot['users']>;
export type ServedGroup = Item<RawSnapshot['groups']>;
export type ServedRole = Item<RawSnapshot['roles']>;
export type ServedPolicy = Item<RawSnapshot['policies']>;

/** A system policy as the emulator serves it. */
export interface ServedSystemPolicy {
  name: string;
  description: string;
  /** The document as RAM returns it (parsed JSON). */
  document: unknown;
}

/** An attachment with its holder, as Resource Manager lists it. */
export interface HeldAttachment {
  holder: { type: 'IMSUser' | 'IMSGroup' | 'ServiceRole'; name: string };
  attachment: Attachment;
}

/** The indexed account. */
export interface AccountIndex {
  account: ServedAccount;
  users: ServedUser[];
  groups: ServedGroup[];
  roles: ServedRole[];
  policies: ServedPolicy[];
  /** Users, groups, roles and custom policies by name: the same index `policySetFor` and the audit use. */
  names: NameIndex<ServedAccount>;
  systemPolicies: Map<string, ServedSystemPolicy>;
  /** Every attachment at every scope, users first, then groups, then roles. */
  attachments: HeldAttachment[];
  /** The account alias of the default domain (`<alias>.onaliyun.com`). */
  domainAlias: string;
}

/** The date every emulated entity was created: fixed, so answers are repeatable. */
export const CREATED = '2026-01-05T08:00:00Z';

/** Indexes `account`; `domainAlias` defaults to the account id. Throws when a document is given by `file:`. */
export function indexAccount(account: ServedAccount, domainAlias = account.accountId): AccountIndex {
  const users = account.users ?? [];
  const groups = account.groups ?? [];
  const roles = account.roles ?? [];
  const policies = account.policies ?? [];
  const byFile = [...policies.flatMap((p) => p.versions), ...roles.map((r) => r.trustPolicy), ...(account.systemPolicies ?? []), ...(account.resourceDirectory?.controlPolicies ?? [])].some((d) => d.document === undefined);
  if (byFile) throw new Error('the account emulator serves documents given inline (`document:`), not by `file:`');
  const systemPolicies = new Map<string, ServedSystemPolicy>();
  for (const p of builtinCatalog().systemPolicies.values()) if (p.kind === 'identity') systemPolicies.set(p.name, { name: p.name, description: p.description, document: p.document });
  for (const p of account.systemPolicies ?? []) systemPolicies.set(p.name, { name: p.name, description: p.description ?? '', document: p.document });
  const held = (type: HeldAttachment['holder']['type'], name: string, list: Attachment[] = []) => list.map((attachment) => ({ holder: { type, name }, attachment }));
  return {
    account,
    users,
    groups,
    roles,
    policies,
    names: new NameIndex(account),
    systemPolicies,
    attachments: [
      ...users.flatMap((u) => held('IMSUser', u.name, u.attachments)),
      ...groups.flatMap((g) => held('IMSGroup', g.name, g.attachments)),
      ...roles.flatMap((r) => held('ServiceRole', r.name, r.attachments)),
    ],
    domainAlias,
  };
}

/** The PrincipalName Resource Manager reports for a holder (its AttachPolicy reference gives the forms). */
export function principalName(index: AccountIndex, holder: HeldAttachment['holder']): string {
  switch (holder.type) {
    case 'IMSUser':
      return `${holder.name}@${index.domainAlias}.onaliyun.com`;
    case 'IMSGroup':
      return `${holder.name}@group.${index.domainAlias}.onaliyun.com`;
    case 'ServiceRole':
      return `${holder.name}@role.${index.domainAlias}.onaliyunservice.com`;
  }
}

/** A stable numeric id for an entity (RAM ids are long digit strings). */
export function idOf(kind: string, name: string): string {
  let hash = 2166136261;
  for (const c of `${kind}/${name}`) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return `2${String(hash).padStart(10, '0')}${String(name.length).padStart(4, '0')}`;
}
