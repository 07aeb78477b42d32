/**
 * The html page's interaction in headless Chromium, driven by playwright-core (which uses Debian's
 * /usr/bin/chromium; it downloads no browser): hovering a principal highlights exactly its paths,
 * clicking pins them, typing filters, and the page makes no request and logs no error (a CSP
 * violation would be one). Skipped, with the reason, when no Chromium can be had.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessGraphOf } from '../../src/audit/render/access-graph.js';
import { renderHtml } from '../../src/audit/render/html.js';
import { EXAMPLE_SNAPSHOT, whoCanOf } from './fixtures.js';
import { useChromiumPages } from './chromium-pages.js';

const example = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true });
const graph = accessGraphOf(example);
const indexOf = (ref: string) => graph.principals.findIndex((p) => p.ref === ref);
/** How many graph elements (nodes and edges) a principal's paths use: what hovering it must light up. */
const elementsOf = (ref: string) => graph.nodes.filter((n) => n.principals.includes(indexOf(ref))).length + graph.edges.filter((e) => e.principals.includes(indexOf(ref))).length;

let page: Page;
const problems: string[] = [];

useChromiumPages('headless Chromium interaction tests of --format html', 'ramguard-html-ui-', () => ({ 'example.html': renderHtml(example) }), async (chrome) => {
  page = await chrome.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('request', (request) => !request.url().startsWith('file:') && problems.push(`request: ${request.url()}`));
  await page.goto(chrome.url('example.html'));
});

const highlighted = () => page.$$eval('#graph .hl', (elements) => elements.length);
// Expressions as text: this project's TypeScript has no DOM library.
const highlighting = () => page.evaluate<boolean>("document.documentElement.classList.contains('highlighting')");
const hash = () => page.evaluate<string>('location.hash');
const visibleRows = () => page.$$eval('#verdicts tbody tr:not([hidden])', (rows) => [...new Set(rows.map((r) => r.getAttribute('data-ref')))]);

describe('the html page, used', () => {
  it('highlights exactly the hovered principal’s paths, and nothing once the mouse leaves', async () => {
    await page.hover('#graph .node[data-ref="user/alice"]');
    expect(await highlighting()).toBe(true);
    expect(await highlighted()).toBe(elementsOf('user/alice'));
    await page.hover('#graph .node[data-ref="user/ci-bot"]');
    expect(await highlighted()).toBe(elementsOf('user/ci-bot'));
    await page.mouse.move(1, 1);
    expect(await highlighting()).toBe(false);
    expect(await highlighted()).toBe(0);
  });

  it('pins a principal’s paths on a click on its table row, and unpins on a second click', async () => {
    await page.click('#verdicts tbody tr[data-ref="user/dave"]');
    await page.mouse.move(1, 1);
    expect(await highlighting()).toBe(true);
    // The graph's elements of dave, plus dave's table rows.
    const daveRows = await page.$$eval('#verdicts tbody tr[data-ref="user/dave"]', (rows) => rows.length);
    expect(await highlighted()).toBe(elementsOf('user/dave'));
    expect(await page.$$eval('#verdicts tbody tr.hl', (rows) => rows.length)).toBe(daveRows);
    await page.click('#verdicts tbody tr[data-ref="user/dave"]');
    await page.mouse.move(1, 1);
    expect(await highlighting()).toBe(false);
  });

  it('filters the table and the graph as one types, and puts the filter in the address', async () => {
    await page.fill('#filter', 'ci-bot');
    expect(await page.textContent('#shown')).toBe(`showing 1 of ${example.principals.length} principals`);
    expect(await visibleRows()).toEqual(['user/ci-bot']);
    expect(await page.$eval('#graph .node[data-ref="user/alice"]', (n) => n.classList.contains('filtered-out'))).toBe(true);
    expect(await page.$eval('#graph .node[data-ref="user/ci-bot"]', (n) => n.classList.contains('filtered-out'))).toBe(false);
    expect(await hash()).toBe('#principal=ci-bot');
    await page.fill('#filter', '');
    expect(await visibleRows()).toHaveLength(example.principals.length);
    expect(await hash()).toBe('');
  });

  it('made no request and logged no error', () => {
    expect(problems).toEqual([]);
  });
});
