/**
 * The playground page in headless Chromium (Debian's, through playwright-core, as the audit page
 * is tested): it opens on the scenario's decision, re-decides as the scenario is edited, shows a
 * typo'd action as a finding, restores itself from its address, keeps hostile text as text, makes
 * no network request and throws no error, fits 1280×800 and 390×844 without horizontal scrolling,
 * and is reachable by keyboard. When no Chromium can be had, these tests alone are skipped.
 * `RAMGUARD_PLAYGROUND_SCREENSHOTS=docs` also writes the screenshots into docs/.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES } from '../../src/catalog/builtin.generated.js';
import { DEFAULT_SCENARIO, renderPlaygroundPage } from '../../src/playground/page.js';
import { useChromiumPages } from '../audit-render/chromium-pages.js';
import { BIN, ROOT } from '../cli/run.js';
import { HOSTILE_SCENARIO, scenarioOfStatements, WITH_POLICY_TYPO, WITH_SOURCE_IP } from './scenarios.js';
import { typicalStatements } from '../../bench/policies.js';

const TYPICAL = scenarioOfStatements([typicalStatements(0)]);
const LARGE = scenarioOfStatements(Array.from({ length: 30 }, (_, i) => [...typicalStatements(i), ...typicalStatements(i + 100)]));

/** The page for a scenario, from the built bundle. */
const pageOf = (scenario: string) => renderPlaygroundPage(readFileSync(resolve(ROOT, 'dist/playground/app.js'), 'utf8'), { scenario, notes: [] });

const chrome = useChromiumPages('headless Chromium tests of the playground', 'ramguard-playground-', () => ({
  'default.html': pageOf(DEFAULT_SCENARIO),
  'hostile.html': pageOf(HOSTILE_SCENARIO),
  'typo.html': pageOf(WITH_POLICY_TYPO),
  'typical.html': pageOf(TYPICAL),
  'large.html': pageOf(LARGE),
}));

/** A page with everything that must not happen recorded: errors, console errors (CSP reports), any request but the page's own file. */
interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(url: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Watched> {
  const page = await chrome.browser.newPage({ viewport, colorScheme });
  const watched: Watched = { page, errors: [], requests: [] };
  page.on('pageerror', (e) => watched.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watched.errors.push(`console ${m.type()}: ${m.text()}`);
  });
  // Every request goes through here: the page's own file is served, anything else is refused and recorded.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') && route.request().isNavigationRequest()) return route.continue();
    watched.requests.push(url);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  return watched;
}

/** Evaluates a browser expression (as text: the DOM's types are not the Node tests'). */
const js = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

const pageUrl = chrome.url;
const decisionOf = (page: Page) => page.getByTestId('decision').getAttribute('data-decision');

/** Nothing went wrong on the page: no error, no CSP report, no request. */
function clean(watched: Watched): void {
  expect(watched.errors).toEqual([]);
  expect(watched.requests).toEqual([]);
}

describe('the playground page in headless Chromium', () => {
  it('opens on the scenario and shows its decision with eval’s explanation, no request and no error', async () => {
    const w = await open(pageUrl('default.html'));
    expect(await decisionOf(w.page)).toBe('Conditional');
    const explanation = await w.page.locator('#explanation').textContent();
    expect(explanation).toContain('allowed only if: `acs:SourceIp` IpAddress');
    expect(explanation).toContain('unknown context keys: `acs:SourceIp`');
    expect(await w.page.getByTestId('findings').locator('li').count()).toBe(0);
    expect(await w.page.locator('#entry').textContent()).toContain('access levelupdate');
    clean(w);
    await w.page.close();
  });

  it('re-decides when the scenario is edited, and restores the edit from its address after a reload', async () => {
    const w = await open(pageUrl('default.html'));
    await w.page.getByTestId('scenario').fill(WITH_SOURCE_IP);
    await w.page.waitForSelector('[data-testid=decision][data-decision=Allow]');
    expect(await w.page.locator('#explanation').textContent()).toContain('allowed by identity policy `cams-operator` statement 1');
    await w.page.waitForSelector('body[data-saved=true]');
    const url = w.page.url();
    expect(url).toMatch(/#s1=[A-Za-z0-9_-]+$/);
    await w.page.reload();
    await w.page.waitForSelector('body[data-ready=true]');
    expect(await w.page.getByTestId('scenario').inputValue()).toBe(WITH_SOURCE_IP);
    expect(await decisionOf(w.page)).toBe('Allow');
    // A shared link: a new page opened on the address.
    const shared = await open(url);
    expect(await decisionOf(shared.page)).toBe('Allow');
    clean(w);
    clean(shared);
    await w.page.close();
    await shared.page.close();
  });

  it('opens on its own scenario, and says so, when the address holds a damaged or foreign state', async () => {
    for (const hash of ['#s1=AAAA', '#s1=not*base64', '#principal=alice']) {
      const w = await open(pageUrl('default.html', hash));
      expect(await w.page.getByTestId('scenario').inputValue(), hash).toBe(DEFAULT_SCENARIO);
      expect(await decisionOf(w.page), hash).toBe('Conditional');
      expect(await w.page.locator('#status').textContent(), hash).toContain('the address holds no scenario');
      clean(w);
      await w.page.close();
    }
  });

  it("shows a typo'd action as a finding with its did-you-mean, and does not crash", async () => {
    const w = await open(pageUrl('default.html'));
    await w.page.locator('#action').fill('cams:UpdateInstanse');
    await w.page.waitForSelector('[data-testid=findings] li');
    const findings = await w.page.getByTestId('findings').textContent();
    expect(findings).toContain('warning[unknown-action] line 6, column 11'); // `action:` is line 6 of the scenario
    expect(findings).toContain('cams:UpdateInstance');
    expect(await decisionOf(w.page)).toBe('ImplicitDeny');
    expect(await w.page.getByTestId('scenario').inputValue()).toContain('action: cams:UpdateInstanse');
    expect(await w.page.locator('#gutter .warning').count()).toBe(1);
    // A finding moves the editor's cursor to its line.
    await w.page.getByTestId('findings').locator('button').first().click();
    expect(await js<string>(w.page, 'document.activeElement?.id')).toBe('scenario');
    clean(w);
    await w.page.close();
  });

  it("completes the action from the catalog and shows the action's entry: access level, resource types, source", async () => {
    const w = await open(pageUrl('default.html'));
    await w.page.locator('#action').fill('ecs');
    expect(await js<string[]>(w.page, "[...document.querySelectorAll('#action-list option')].map((o) => o.value)")).toEqual(expect.arrayContaining(['cams:', 'ecs:', 'ram:', 'sts:']));
    await w.page.locator('#action').fill('ram:');
    const options = await js<string[]>(w.page, "[...document.querySelectorAll('#action-list option')].map((o) => o.value)");
    expect(options).toEqual(expect.arrayContaining(['ram:CreateUser', 'ram:AttachPolicyToUser']));
    expect(options.every((o) => o.startsWith('ram:'))).toBe(true);
    // Every built-in service's data is in the page: each one builds, with its actions.
    for (const { service, actions } of BUILTIN_SERVICES) {
      await w.page.locator('#action').fill(`${service}:`);
      expect(await js<number>(w.page, "document.querySelectorAll('#action-list option').length"), service).toBe(actions);
    }
    await w.page.locator('#action').fill('ram:CreateUser');
    await w.page.waitForSelector('#entry:has-text("ram:CreateUser")');
    const entry = await w.page.locator('#entry').textContent();
    expect(entry).toMatch(/access level(create|Write)/);
    expect(entry).toMatch(/source(documented|inferred): /);
    clean(w);
    await w.page.close();
  });

  it('sets a context key from its row: the unknown key given, the decision is Allow', async () => {
    const w = await open(pageUrl('default.html'));
    const mode = w.page.locator('select[data-key="acs:SourceIp"]');
    await mode.selectOption('values');
    await w.page.locator('textarea[data-key="acs:SourceIp"]').fill('203.0.113.7');
    await w.page.waitForSelector('[data-testid=decision][data-decision=Allow]');
    expect(await w.page.getByTestId('scenario').inputValue()).toContain('acs:SourceIp: 203.0.113.7');
    await w.page.locator('select[data-key="acs:SourceIp"]').selectOption('absent');
    await w.page.waitForSelector('[data-testid=decision][data-decision=ImplicitDeny]');
    clean(w);
    await w.page.close();
  });

  it('keeps hostile text as text: </script> and HTML in a policy inject nothing', async () => {
    const w = await open(pageUrl('hostile.html'));
    expect(await js<number>(w.page, "document.querySelectorAll('img, b, iframe').length")).toBe(0);
    expect(await js<number>(w.page, "document.querySelectorAll('script').length")).toBe(2);
    expect(await js<unknown>(w.page, 'window.pwned')).toBeUndefined();
    expect(await w.page.getByTestId('scenario').inputValue()).toBe(HOSTILE_SCENARIO);
    expect(await w.page.locator('#explanation').textContent()).toContain('`</script><img src=x onerror=pwned=1>`');
    expect(await decisionOf(w.page)).toBe('Allow');
    clean(w);
    await w.page.close();
  });

  it('fits 1280×800 and 390×844 without horizontal scrolling, in light and dark, and paints', async () => {
    const shots = process.env.RAMGUARD_PLAYGROUND_SCREENSHOTS === 'docs' ? resolve(ROOT, 'docs') : chrome.dir;
    const backgrounds = new Set<string>();
    for (const [name, viewport, scheme] of [
      ['desktop', { width: 1280, height: 800 }, 'light'],
      ['phone', { width: 390, height: 844 }, 'light'],
      ['desktop-dark', { width: 1280, height: 800 }, 'dark'],
    ] as const) {
      const w = await open(pageUrl('typo.html'), viewport, scheme);
      expect(await w.page.locator('#gutter .error').count(), name).toBe(1); // the policy's typo, marked at its line
      const widths = await js<{ scroll: number; client: number; body: number }>(w.page, '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, body: document.body.scrollWidth })');
      expect(widths.scroll, name).toBeLessThanOrEqual(widths.client);
      expect(widths.body, name).toBeLessThanOrEqual(widths.client);
      backgrounds.add(await js<string>(w.page, 'getComputedStyle(document.body).backgroundColor'));
      const png = await w.page.screenshot({ path: join(shots, `playground-${name}.png`) });
      expect(png.readUInt32BE(16), name).toBe(viewport.width);
      expect(png.length, name).toBeGreaterThan(20_000); // a blank page compresses to a few KB
      clean(w);
      await w.page.close();
    }
    expect(backgrounds.size).toBe(2); // dark follows the system
  });

  it('reaches every control by keyboard, and labels every one', async () => {
    const w = await open(pageUrl('default.html'));
    const unlabelled = await js<string[]>(w.page, "[...document.querySelectorAll('input, select, textarea, button')].filter((e) => !e.labels?.length && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()).map((e) => e.outerHTML.slice(0, 80))");
    expect(unlabelled).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await w.page.keyboard.press('Tab');
      reached.add(await js<string>(w.page, "document.activeElement?.id || document.activeElement?.getAttribute('data-key') || document.activeElement?.tagName || ''"));
    }
    for (const id of ['copy', 'reset', 'scenario', 'command', 'action', 'resource', 'key-0-mode']) expect([...reached], id).toContain(id);
    clean(w);
    await w.page.close();
  });

  it('copies an eval command that a shell runs to the same decision', async () => {
    const w = await open(pageUrl('default.html'));
    await w.page.getByTestId('scenario').fill(WITH_SOURCE_IP.replace('alice', "al'ice $(touch pwned) `id`"));
    await w.page.waitForSelector('[data-testid=decision][data-decision=Allow]');
    await w.page.locator('#copy').click();
    await w.page.waitForSelector('#status:has-text("cop")');
    const command = await w.page.locator('#command').inputValue();
    const bin = mkdtempSync(join(tmpdir(), 'ramguard-bin-'));
    writeFileSync(join(bin, 'ramguard'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'ramguard'), 0o755);
    const run = spawnSync('sh', ['-c', command], { cwd: bin, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe((await w.page.locator('#explanation').textContent())!.trim());
    expect(spawnSync('ls', [bin], { encoding: 'utf8' }).stdout.trim()).toBe('ramguard'); // nothing ran from the text
    rmSync(bin, { recursive: true, force: true });
    clean(w);
    await w.page.close();
  });
});

/** The typical set with the request's address set to the `i`th value: an edit of the request only. */
const requestEdit = (text: string, i: number) => text.replace('acs:SourceIp: 10.1.2.3', `acs:SourceIp: 10.1.${i % 250}.3`);
/** An edit inside the first policy: its bucket pattern. */
const policyEdit = (text: string, i: number) => text.replace('bucket/logs-*', `bucket/logs-${i}-*`);

/** Medians of re-deciding `text` after each kind of edit, in the page (ms of analysis: parse, check, lint, decide, explain). */
async function timed(name: string, text: string, rounds: number): Promise<Record<string, number>> {
  const w = await open(pageUrl(name));
  const opened = Number(await w.page.locator('body').getAttribute('data-opened-ms'));
  const first = Number(await w.page.getByTestId('decision').getAttribute('data-ms'));
  // Interleaved (request, policy, request, ...): the machine is shared, so each kind of edit gets
  // the same share of any slow spell.
  expect(requestEdit(text, 1)).not.toBe(text);
  expect(policyEdit(text, 1)).not.toBe(text);
  const texts: string[] = [];
  for (let i = 1; i <= rounds; i++) texts.push(requestEdit(text, i), policyEdit(text, i));
  const times = await w.page.evaluate((all) => all.map((t) => (globalThis as unknown as { ramguardPlayground: { decide(t: string): number } }).ramguardPlayground.decide(t)), texts);
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const result = { opened, first, request: median(times.filter((_, i) => i % 2 === 0)), policy: median(times.filter((_, i) => i % 2 === 1)) };
  expect(await decisionOf(w.page)).not.toBe('none');
  clean(w);
  await w.page.close();
  return result;
}

describe('the playground page, timed', () => {
  it('re-decides the typical set (10 statements) well under 50 ms after an edit, and the large set (600) in time to type', async () => {
    const typical = await timed('typical.html', TYPICAL, 30);
    const large = await timed('large.html', LARGE, 8);
    console.log(`playground timings (ms): typical ${JSON.stringify(typical)}; large ${JSON.stringify(large)}`);
    expect(typical.request).toBeLessThan(50);
    expect(typical.policy).toBeLessThan(50);
    expect(large.policy).toBeLessThan(2000);
  });
});
