/**
 * The grammar rules: one rule per diagnostic code of the core validator (src/policy). They share
 * the validator as their implementation — a policy is validated once, and each problem it finds
 * becomes a finding of the rule named by its code — so they have no `check` of their own.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import type { LintRule } from '../types.js';

const grammar = (id: DiagnosticCode, title: string, help: string): LintRule => ({ id, severity: 'error', title, help, check: () => {} });

/** Every grammar rule, by the validator code it reports. */
export const GRAMMAR_RULES: LintRule[] = [
  grammar('syntax-error', 'the document is not valid JSON or YAML', 'fix the syntax at the position shown'),
  grammar('duplicate-key', 'a key appears twice in one object', 'RAM keeps only one of the two values: remove or merge the duplicate'),
  grammar('missing-element', 'a required element is missing', 'add the element the message names'),
  grammar('unknown-element', 'an element RAM does not know', 'remove it, or fix its spelling (element names are case-sensitive)'),
  grammar('unsupported-element', 'an element RAM does not support (NotResource, NotPrincipal)', 'rewrite the statement with `Resource` or `Principal`'),
  grammar('element-not-allowed', 'an element not allowed in this kind of policy', '`Principal` belongs in trust policies only; trust policies have no `Resource`'),
  grammar('wrong-type', 'an element of the wrong JSON type', 'use the type the message names'),
  grammar('invalid-version', '`Version` is not `"1"`', 'write `"Version": "1"`'),
  grammar('invalid-effect', '`Effect` is not `Allow` or `Deny`', 'write `Allow` or `Deny`, with that capitalisation'),
  grammar('empty-array', 'an array that must have items is empty', 'add an item, or remove the element'),
  grammar('empty-element', 'an object that must have members is empty', 'add a member, or remove the element'),
  grammar('action-and-notaction', 'a statement has both `Action` and `NotAction`', 'split it into two statements'),
  grammar('invalid-action-format', 'an action is not `service:Action`', 'write `<service>:<ActionName>`, `<service>:*` or `*`'),
  grammar('trust-action', 'a trust policy allows something other than `sts:AssumeRole`', 'a trust policy allows exactly `sts:AssumeRole`'),
  grammar('unsupported-policy-variable', 'a policy variable `${...}`, which RAM does not support', 'write the concrete value'),
  grammar('unsupported-operator', 'an operator RAM does not support (IfExists, Null, ForAnyValue, ARN operators)', "use one of RAM's documented operators"),
  grammar('unknown-operator', 'a condition operator RAM does not have', 'use a documented operator; names are case-sensitive'),
  grammar('invalid-condition-key', 'a condition key is not `acs:Key` or `service:Key`', 'write the key with its prefix, e.g. `acs:SourceIp`'),
  grammar('bool-multiple-values', '`Bool` with more than one value', 'keep one value: `true` or `false`'),
  grammar('condition-value-type', 'a condition value is not a string', 'quote it: `"true"`, `"10"`'),
  grammar('invalid-condition-value', "a condition value is not of its operator's type", 'write a number, an ISO 8601 date-time, or an IP address or CIDR, as the operator needs'),
  grammar('policy-too-large', 'the policy is longer than RAM allows for its kind', 'split it into several policies'),
];
