/** The catalog and security rules (errors that need the catalog, and security warnings). */
import type { LintRule } from '../types.js';
import { allowStarOnStar } from './allow-star-on-star.js';

/** Listed in the registry. */
export const SECURITY_RULES: LintRule[] = [allowStarOnStar];
