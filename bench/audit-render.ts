/**
 * Audit renderer bench (issue #6): `--format html` and `--format dot` of who-can
 * cams:UpdateInstance --all-resources over the generated account (10,000 principals × 5 policies
 * × 1,000 instances by default): time to render, size of the output, and how many principals the
 * html graph draws (the table lists them all). Run by bench/run.ts in a child process. Figures
 * are printed, never asserted.
 */
import { accessGraphOf } from '../src/audit/render/access-graph.js';
import { renderDot } from '../src/audit/render/dot.js';
import { MAX_GRAPH_PRINCIPALS, renderHtml } from '../src/audit/render/html.js';
import { whoCan } from '../src/audit/who-can.js';
import { snapshotFromValue } from '../src/snapshot/parse-snapshot.js';
import { generatedAccount } from './audit-account.js';

const principals = Number(process.argv[2] ?? 10_000);
const instances = Number(process.argv[3] ?? 1_000);
const parsed = snapshotFromValue(generatedAccount(principals, instances), { file: 'generated.json', locate: () => undefined });
const result = parsed.snapshot && whoCan(parsed.snapshot, { action: 'cams:UpdateInstance', allResources: true }).result;
if (!result) {
  console.log('audit render bench: the generated account gave no answer');
  process.exit(1);
}

/** Milliseconds of the fastest of `runs` calls (the first warms up), and the last output. */
function fastest(fn: () => string, runs = 3): { ms: number; text: string } {
  let best = Infinity;
  let text = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    text = fn();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, text };
}

const html = fastest(() => renderHtml(result));
const dot = fastest(() => renderDot(result));
const graph = accessGraphOf(result);
const mb = (text: string) => (Buffer.byteLength(text) / 1e6).toFixed(1);
console.log(
  `audit render, who-can over ${principals.toLocaleString('en-US')} principals × ${instances.toLocaleString('en-US')} instances (${result.principals.length.toLocaleString('en-US')} answered): ` +
    `html ${html.ms.toFixed(0)} ms (${mb(html.text)} MB, graph of the first ${Math.min(MAX_GRAPH_PRINCIPALS, result.principals.length)}), ` +
    `dot ${dot.ms.toFixed(0)} ms (${mb(dot.text)} MB, ${graph.nodes.length.toLocaleString('en-US')} nodes, ${graph.edges.length.toLocaleString('en-US')} edges)`,
);
