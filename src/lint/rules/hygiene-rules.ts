/** The warning and suggestion rules: dead statements, impossible conditions, redundancy, style. */
import type { LintRule } from '../types.js';
import { coveredStatement } from './covered-statement.js';
import { deadAllow } from './dead-allow.js';
import { denyOnAbsentKey } from './deny-on-absent-key.js';
import { duplicateSid } from './duplicate-sid.js';
import { impossibleCondition } from './impossible-condition.js';
import { nonCanonicalActionCase } from './non-canonical-action-case.js';
import { privateIpInSourceIp } from './private-ip-in-source-ip.js';
import { redundantAction } from './redundant-action.js';
import { redundantResource } from './redundant-resource.js';
import { wildcardInEquals } from './wildcard-in-equals.js';

/** Listed in the registry. */
export const HYGIENE_RULES: LintRule[] = [
  // warnings
  deadAllow,
  impossibleCondition,
  wildcardInEquals,
  privateIpInSourceIp,
  denyOnAbsentKey,
  // suggestions
  redundantAction,
  redundantResource,
  coveredStatement,
  duplicateSid,
  nonCanonicalActionCase,
];
