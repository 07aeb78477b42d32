/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with help, default level and (for security
 * rules) `security-severity`; results with repository-relative URIs, regions and stable
 * `partialFingerprints` (rule + file + JSON Pointer, so a finding keeps its identity when lines move).
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { Finding } from '../engine.js';
import type { LintRule } from '../types.js';
import { capFindings } from './cap.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', 'security-warning': 'warning', warning: 'warning', suggestion: 'note' };
/** GitHub reads 7.0–8.9 as high; RAM security warnings open doors to the account. */
const SECURITY_SEVERITY = '8.0';

function ruleDescriptor(rule: LintRule, severity: Severity) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.title },
    help: { text: rule.help, markdown: `**${rule.title}**\n\n${rule.help}\n\nSee \`docs/rules/${rule.id}.md\` in ramguard for examples.` },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: severity === 'security-warning' ? ['security', 'ram'] : ['ram'], ...(severity === 'security-warning' ? { 'security-severity': SECURITY_SEVERITY } : {}) },
  };
}

/** The SARIF log, findings capped per file (see `capFindings`). `uriOf` turns a finding's file into a repository-relative URI. */
export function renderSarif(findings: Finding[], rules: readonly LintRule[], version: string, uriOf: (file: string) => string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = capFindings(findings).map((f) => {
    const uri = uriOf(f.file ?? '');
    const region = f.range ? { startLine: f.range.line, startColumn: f.range.column, endLine: f.range.endLine, endColumn: Math.max(f.range.endColumn, f.range.column + (f.range.endLine === f.range.line ? 1 : 0)) } : { startLine: 1 };
    const fingerprint = createHash('sha256').update(`${f.code}\u0000${uri}\u0000${f.path}`).digest('hex');
    return {
      ruleId: f.code,
      ...(index.has(f.code) ? { ruleIndex: index.get(f.code)! } : {}),
      level: LEVEL[f.severity],
      message: { text: f.origin ? `${f.message} (${f.origin})` : f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
      partialFingerprints: { 'ramguardFinding/v1': fingerprint },
      properties: { path: f.path, kind: f.kind },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ramguard', version, rules: rules.map((r) => ruleDescriptor(r, r.severity)) } },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
