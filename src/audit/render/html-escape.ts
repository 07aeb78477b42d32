/**
 * Escaping for the html pages (the audit page, the playground): every name in a snapshot is
 * attacker-controlled text as far as the page is concerned (a user called `<script>` must show as
 * that text, never run); and the hash by which each page's Content-Security-Policy allows its own
 * inline style and script, and nothing else.
 */
import { createHash } from 'node:crypto';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML and SVG element content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}


/** `'sha256-…'` of an inline element's text, as CSP names it. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
