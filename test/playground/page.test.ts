/**
 * The page's HTML, as text: the CSP names exactly the page's style and script by hash, the
 * scenario's JSON cannot end its `<script>` element, and the script cannot either.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScript, renderPlaygroundPage, scriptSafeJson } from '../../src/playground/page.js';
import { STATE_ELEMENT_ID } from '../../src/playground/state.js';

const HOSTILE = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> &amp; \u2028';
const page = renderPlaygroundPage('console.log("</script>"); let a = "<!--";', { scenario: HOSTILE, notes: ['<b>note</b>'] });
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('renderPlaygroundPage', () => {
  it('has exactly two script elements and one style, whatever the scenario holds', () => {
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<\/script>/gi)).toHaveLength(2);
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>note');
  });

  it('embeds the state as JSON that parses back to the same text', () => {
    const json = new RegExp(`<script type="application/json" id="${STATE_ELEMENT_ID}">(.*?)</script>`, 's').exec(page)![1]!;
    expect(JSON.parse(json)).toEqual({ scenario: HOSTILE, notes: ['<b>note</b>'] });
  });

  it("allows only its own inline style and script in the CSP, by hash, and nothing else (no request of any kind)", () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
    const style = /<style>(.*?)<\/style>/s.exec(page)![1]!;
    const script = /<script>(.*?)<\/script>/s.exec(page)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src ${sha(style)}; script-src ${sha(script)}; base-uri 'none'; form-action 'none'`);
  });

  it('has the test hooks and a label for every control', () => {
    for (const id of ['scenario', 'decision', 'findings']) expect(page).toContain(`data-testid="${id}"`);
    for (const id of ['scenario', 'action', 'resource', 'command']) expect(page).toMatch(new RegExp(`<label[^>]* for="${id}"`));
  });
});

describe('scriptSafeJson and inlineScript', () => {
  it('leave no <, >, & or line separator in JSON, and parse back the same', () => {
    const value = { a: HOSTILE };
    expect(scriptSafeJson(value)).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(scriptSafeJson(value))).toEqual(value);
  });

  it('rewrite </script and <!-- in a script to the same JavaScript strings', () => {
    const script = inlineScript('x = "</SCRIPT>" + "<!--"');
    expect(script).not.toMatch(/<\/script|<!--/i);
    expect(new Function(`let x; ${script}; return x;`)()).toBe('</SCRIPT><!--');
  });
});
