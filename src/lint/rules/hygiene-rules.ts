/** The warning and suggestion rules: dead statements, impossible conditions, redundancy, style. */
import type { LintRule } from '../types.js';

/** Listed in the registry. */
export const HYGIENE_RULES: LintRule[] = [];
