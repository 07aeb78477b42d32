/** The service catalog's model: services, actions, resource types, condition keys, system policies. */
import type { WildcardMatcher } from '../match/wildcard.js';
import type { PolicyDocument, PolicyKind } from '../policy/types.js';
import type { AccessLevel } from './access.js';

export type { AccessLevel } from './access.js';

/** Where a fact comes from: a documentation page, or the rule that inferred it. */
export type FactSource = { documented: string } | { inferred: string };

/** A resource type and its ARN template, e.g. Instance `acs:cams:{#regionId}:{#accountId}:instance/{#InstanceId}`. */
export interface ResourceType {
  service: string;
  name: string;
  arn: string;
  /** The template as a RAM pattern (placeholders → `*`), to recognise ARNs of this type. */
  matcher: WildcardMatcher;
  source: FactSource;
}

/** One action, e.g. `cams:UpdateInstance`. */
export interface CatalogAction {
  service: string;
  /** The API name as the API spells it. */
  name: string;
  /** `service:Name`, canonical spelling. */
  fullName: string;
  /** The level as the source writes it (`update`, `Write`, `none`, …); compare with `currentLevels`. */
  access: AccessLevel;
  /** Resource type names, `all` resources (documented as `*`: no resource type), or `unknown`. */
  resources: string[] | 'all' | 'unknown';
  conditionKeys: string[];
  /** True for actions that can grant permissions (audit follows them for escalation). */
  changesPermissions: boolean;
  /** The source of every fact of this entry that is not `unknown`. */
  source: FactSource;
  /** What else the source says: other copies of the page, conflicts between them and the copy kept. */
  note?: string;
}

/** One service. */
export interface CatalogService {
  service: string;
  name: string;
  apiVersion?: string;
  documentation?: string;
  resourceTypes: ResourceType[];
  conditionKeys: { keys: string[]; source: FactSource };
  actions: CatalogAction[];
  /**
   * Set when the action list may miss actions RAM checks (an outdated SDK package, or a service
   * whose RAM actions are not all API names): an action missing from it is then no typo.
   */
  actionsIncomplete?: string;
}

/** A common `acs:` condition key. */
export interface ConditionKeyInfo {
  /** e.g. `acs:SourceIp`, or a pattern like `acs:ResourceTag/*`. */
  name: string;
  type: 'string' | 'numeric' | 'date' | 'bool' | 'ip';
  /** Every real request carries it. */
  alwaysPresent: boolean;
  description: string;
  source: FactSource;
}

/** A system policy, attachable by name. */
export interface SystemPolicy {
  name: string;
  kind: Extract<PolicyKind, 'identity' | 'control'>;
  description: string;
  source: FactSource;
  /** The document as published. */
  document: unknown;
  /** The validated document. */
  policy: PolicyDocument;
}

/**
 * The whole catalog, indexed. Build it with `builtinCatalog()` or `buildCatalog()`. The built-in
 * services are built when first named (a look-up) or walked (iteration): src/catalog/lazy.ts.
 */
export interface Catalog {
  services: Map<string, CatalogService>;
  /** By lower-cased `service:name`. */
  actions: Map<string, CatalogAction>;
  conditionKeys: ConditionKeyInfo[];
  systemPolicies: Map<string, SystemPolicy>;
}
