/**
 * The canonical order of a snapshot's lists, as `ramguard collect` writes them and the account
 * generator makes them: names in code-point order (not the locale's, so every machine agrees),
 * a principal's account-scope attachments before its resource-group ones.
 */
import type { Attachment } from './types.js';

/** Code-point order of two strings. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Attachments: account scope first, then by resource group, policy name and type. */
export function compareAttachments(a: Attachment, b: Attachment): number {
  return byCodePoint(a.resourceGroup ?? '', b.resourceGroup ?? '') || byCodePoint(a.policy, b.policy) || byCodePoint(a.type, b.type);
}
