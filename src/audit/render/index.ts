/**
 * The audit's output formats. Adding one is one entry here: a name and a loader that imports the
 * renderer's module on first use (a CLI run loads only the renderer it prints with).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AuditResult } from '../types.js';

/** What a renderer may be told about where the text goes. */
export interface AuditRenderOptions {
  /** Columns the table keeps within (default 120); the CLI passes the terminal's width. */
  width?: number;
}

/** Turns an answer into the text the command prints. */
export type AuditRenderer = (result: AuditResult, options?: AuditRenderOptions) => string;

/** The same text in chunks of whole lines (joined with line breaks, the text): no one string of the whole answer. */
export type AuditChunkRenderer = (result: AuditResult, options?: AuditRenderOptions) => Iterable<string>;

/** Every format, by its `--format` name. */
export const AUDIT_RENDERERS: Record<string, () => Promise<AuditRenderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  dot: async () => (await import('./dot.js')).renderDot,
  html: async () => (await import(/* the other renderer's module; see AUDIT_RENDERERS */ './html.js' as string) as { renderHtml: AuditRenderer }).renderHtml,
};

/** Formats that are written in chunks; the others are one string (see `auditChunkRenderer`). */
const CHUNKED: Record<string, () => Promise<AuditChunkRenderer>> = {
  json: async () => (await import('./json.js')).jsonChunks,
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

/** The chunked renderer of a format: its own when it has one, else its renderer's one string as one chunk. */
export async function auditChunkRenderer(format: string): Promise<AuditChunkRenderer | { error: string }> {
  const chunked = CHUNKED[format];
  if (chunked) {
    try {
      return await chunked();
    } catch {
      return { error: `the \`${format}\` renderer is not available in this build` };
    }
  }
  const renderer = await auditRenderer(format);
  return typeof renderer === 'function' ? (result, options) => [renderer(result, options)] : renderer;
}

/**
 * Renders an answer in chunks (see `renderAnswer`): every chunk is made before any is printed, so
 * an answer that cannot be rendered prints nothing but its diagnostic.
 */
export function renderAnswerChunks(renderer: AuditChunkRenderer, result: AuditResult, format: string, options?: AuditRenderOptions): { chunks: string[] } | { diagnostic: Diagnostic } {
  try {
    return { chunks: [...renderer(result, options)] };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { diagnostic: tooLarge(format, error) };
  }
}

/**
 * Renders an answer, or says it is too large: V8 strings end at about 512 Mi characters, and an
 * answer over a big account in a verbose format can pass that. A diagnostic with what to do
 * instead beats an internal error.
 */
export function renderAnswer(renderer: AuditRenderer, result: AuditResult, format: string, options?: AuditRenderOptions): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: renderer(result, options) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { diagnostic: tooLarge(format, error) };
  }
}

function tooLarge(format: string, error: RangeError): Diagnostic {
  return { code: 'answer-too-large', severity: 'error', message: `the answer is too large to print as ${format} (${error.message})`, path: '', help: 'narrow the question (--resource, --action), lower --max-paths, or use --format table' };
}
