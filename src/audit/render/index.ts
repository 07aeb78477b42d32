/**
 * The audit's output formats. Adding one is one entry here: a name and a loader that imports the
 * renderer's module on first use (a CLI run loads only the renderer it prints with).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AuditResult } from '../types.js';

/** Turns an answer into the text the command prints. */
export type AuditRenderer = (result: AuditResult) => string;

/** Every format, by its `--format` name. */
export const AUDIT_RENDERERS: Record<string, () => Promise<AuditRenderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./grouped.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  dot: async () => (await import('./dot.js')).renderDot,
  html: async () => (await import(/* the other renderer's module; see AUDIT_RENDERERS */ './html.js' as string) as { renderHtml: AuditRenderer }).renderHtml,
};

/** The format names, for `--format` choices. */
export const AUDIT_FORMATS = Object.keys(AUDIT_RENDERERS);

/** The renderer of a format, or why it cannot be had (a module not built). */
export async function auditRenderer(format: string): Promise<AuditRenderer | { error: string }> {
  const load = AUDIT_RENDERERS[format];
  if (!load) return { error: `unknown format \`${format}\`` };
  try {
    const renderer = await load();
    if (typeof renderer !== 'function') return { error: `the \`${format}\` renderer is not available in this build` };
    return renderer;
  } catch {
    return { error: `the \`${format}\` renderer is not available in this build` };
  }
}

/**
 * Renders an answer, or says it is too large: V8 strings end at about 512 Mi characters, and an
 * answer over a big account in a verbose format can pass that. A diagnostic with what to do
 * instead beats an internal error.
 */
export function renderAnswer(renderer: AuditRenderer, result: AuditResult, format: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: renderer(result) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      diagnostic: { code: 'answer-too-large', severity: 'error', message: `the answer is too large to print as ${format} (${error.message})`, path: '', help: 'narrow the question (--resource, --action), lower --max-paths, or use --format table' },
    };
  }
}
