/** The catalog and security rules (errors that need the catalog, and security warnings). */
import type { LintRule } from '../types.js';
import { actionMatchesNothing } from './action-matches-nothing.js';
import { allowNotaction } from './allow-notaction.js';
import { allowServiceOnStar } from './allow-service-on-star.js';
import { allowStarOnStar } from './allow-star-on-star.js';
import { assumeRoleOnStar } from './assume-role-on-star.js';
import { foreignConditionKey } from './foreign-condition-key.js';
import { escalationActionsOnBroadResources } from './escalation-actions-on-broad-resources.js';
import { malformedArn } from './malformed-arn.js';
import { operatorKeyTypeMismatch } from './operator-key-type-mismatch.js';
import { resourceOfAnotherService } from './resource-of-another-service.js';
import { resourceNotAcs } from './resource-not-acs.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';
import { serviceWildcardResource } from './service-wildcard-resource.js';
import { trustForeignRootWithoutCondition } from './trust-foreign-root-without-condition.js';
import { unknownAcsKey } from './unknown-acs-key.js';
import { unknownAction } from './unknown-action.js';
import { unlistedAction } from './unlisted-action.js';
import { unknownService } from './unknown-service.js';

/** Listed in the registry: catalog errors first, then security warnings, then suggestions. */
export const SECURITY_RULES: LintRule[] = [
  unknownAction,
  unlistedAction,
  actionMatchesNothing,
  resourceNotAcs,
  malformedArn,
  resourceTypeMismatch,
  resourceOfAnotherService,
  operatorKeyTypeMismatch,
  unknownAcsKey,
  foreignConditionKey,
  allowStarOnStar,
  allowServiceOnStar,
  serviceWildcardResource,
  allowNotaction,
  escalationActionsOnBroadResources,
  assumeRoleOnStar,
  trustForeignRootWithoutCondition,
  unknownService,
];
