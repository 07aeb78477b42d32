/**
 * The html page's inline style sheet and script. Both are constants (no data inside), so the
 * page's Content-Security-Policy can name the script by its hash and nothing else can run.
 * The script is plain ES2017 for any browser: it filters by principal (the search box, or
 * `#principal=user/alice` in the address), highlights a principal's paths on hover, pins them on
 * click, and marks the document `data-ready` when it has run.
 */

const RELATION_COLOURS: Record<string, string> = {
  'member-of': '#0369a1',
  assumes: '#7c3aed',
  attached: '#a16207',
  contains: '#64748b',
  grants: '#15803d',
  'can-escalate-via': '#b91c1c',
  then: '#b91c1c',
  yields: '#b91c1c',
  restricts: '#c2410c',
};

const NODE_COLOURS: Record<string, [fill: string, stroke: string]> = {
  user: ['#dbeafe', '#2563eb'],
  role: ['#ede9fe', '#7c3aed'],
  group: ['#e0f2fe', '#0284c7'],
  policy: ['#fef9c3', '#a16207'],
  statement: ['#f1f5f9', '#64748b'],
  escalation: ['#fee2e2', '#b91c1c'],
  restriction: ['#ffedd5', '#c2410c'],
  target: ['#dcfce7', '#15803d'],
};

const relationRules = Object.entries(RELATION_COLOURS)
  .map(([r, c]) => `.rel-${r}{stroke:${c}} marker.rel-${r} path{fill:${c};stroke:none} .swatch.rel-${r}{border-color:${c}}`)
  .join('\n');
const nodeRules = Object.entries(NODE_COLOURS)
  .map(([k, [fill, stroke]]) => `.k-${k} rect{fill:${fill};stroke:${stroke}} .chip.k-${k}{background:${fill};border-color:${stroke}}`)
  .join('\n');

/** The page's style sheet. */
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:#0f172a;background:#f8fafc}
header,main{padding:16px 24px}
header{background:#0f172a;color:#f8fafc}
header h1{margin:0 0 4px;font-size:20px;font-weight:600}
header p{margin:0;color:#cbd5e1}
code,.mono,svg text{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 8px}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:0;padding:0;list-style:none}
.counts li{padding:4px 10px;border-radius:999px;background:#f1f5f9}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.controls input{font:inherit;padding:4px 8px;min-width:380px;border:1px solid #94a3b8;border-radius:6px}
#shown{color:#475569}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:8px 0;font-size:12px;color:#334155}
.swatch{display:inline-block;width:22px;border-top:3px solid;vertical-align:middle;margin-right:4px}
.swatch.s-conditional{border-top-style:dashed}
.swatch.s-taken-away{border-top-style:dotted;border-color:#94a3b8}
.chip{display:inline-block;padding:0 6px;border:1px solid;border-radius:4px}
.scroll{overflow:auto;max-height:75vh;border:1px solid #e2e8f0;border-radius:6px;background:#fff}
#graph.fit{max-width:100%;height:auto}
svg text{font-size:12px;fill:#0f172a;pointer-events:none}
.node rect{stroke-width:1.3}
.node.k-target rect{stroke-width:2.5}
.node.k-target text{font-weight:700}
.node[data-ref]{cursor:pointer}
.edge{fill:none;stroke-width:1.6}
.edge.s-conditional{stroke-dasharray:6 4}
.edge.s-taken-away{stroke:#cbd5e1;stroke-dasharray:2 3}
${relationRules}
${nodeRules}
.filtered-out{display:none}
.highlighting .edge:not(.hl),.highlighting .node:not(.hl):not(.k-target){opacity:.18}
.edge.hl{stroke-width:3}
.node.hl rect{stroke-width:2.5}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e2e8f0}
th{background:#f1f5f9;position:sticky;top:0}
tr[data-p]{cursor:pointer}
tr.hl td{background:#fef9c3}
td ul{margin:0;padding-left:16px}
.verdict{font-weight:600;white-space:nowrap;padding:1px 8px;border-radius:999px}
.v-allow{background:#dcfce7;color:#166534}
.v-conditional{background:#fef9c3;color:#854d0e}
.v-escalate{background:#fee2e2;color:#991b1b}
.v-none{background:#e2e8f0;color:#334155}
.note{color:#475569;font-size:13px}
`;

/** The page's script (no data inside: it reads the DOM). */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var refs = [];
  Array.prototype.forEach.call(document.querySelectorAll('#principal-refs option'), function (o) {
    refs[Number(o.getAttribute('data-p'))] = o.value;
  });
  var rows = Array.prototype.slice.call(document.querySelectorAll('#verdicts tbody tr[data-p]'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('#graph [data-p]'));
  var pinned = null;
  // A graph a little wider than the page is shrunk to fit; a much wider one keeps readable text and scrolls.
  var graph = document.getElementById('graph');
  if (graph && graph.width.baseVal.value <= graph.parentNode.clientWidth * 1.5) graph.classList.add('fit');

  function indices(element) {
    var text = element.getAttribute('data-p') || '';
    return text === '' ? [] : text.split(' ').map(Number);
  }
  function touches(element, set) {
    var own = indices(element);
    for (var i = 0; i < own.length; i++) if (set.indexOf(own[i]) >= 0) return true;
    return false;
  }
  function matching(query) {
    var q = query.trim().toLowerCase();
    var all = refs.map(function (_, i) { return i; });
    if (q === '') return all;
    var exact = all.filter(function (i) { return refs[i].toLowerCase() === q; });
    if (exact.length > 0) return exact;
    return all.filter(function (i) { return refs[i].toLowerCase().indexOf(q) >= 0; });
  }
  function applyFilter() {
    var set = matching(input.value);
    rows.forEach(function (row) { row.hidden = !touches(row, set); });
    // Nodes and edges no principal of the filter uses are hidden; the target (no data-p) stays.
    marks.forEach(function (m) { m.classList.toggle('filtered-out', indices(m).length > 0 && !touches(m, set)); });
    shown.textContent = 'showing ' + set.length + ' of ' + refs.length + ' principals';
    root.setAttribute('data-filter-count', String(set.length));
  }
  function highlight(set) {
    root.classList.toggle('highlighting', set !== null);
    marks.concat(rows).forEach(function (m) { m.classList.toggle('hl', set !== null && touches(m, set)); });
  }
  function hoverable(element) {
    element.addEventListener('mouseenter', function () { highlight(indices(element)); });
    element.addEventListener('mouseleave', function () { highlight(pinned); });
    element.addEventListener('focus', function () { highlight(indices(element)); });
    element.addEventListener('blur', function () { highlight(pinned); });
    element.addEventListener('click', function () {
      var own = indices(element);
      pinned = pinned !== null && pinned.join(' ') === own.join(' ') ? null : own;
      highlight(pinned);
    });
  }
  rows.forEach(hoverable);
  Array.prototype.forEach.call(document.querySelectorAll('#graph .node[data-ref]'), hoverable);
  input.addEventListener('input', function () {
    applyFilter();
    var base = location.href.split('#')[0];
    var q = input.value.trim();
    try { history.replaceState(null, '', q === '' ? base : base + '#principal=' + encodeURIComponent(q)); } catch (e) { /* the filter works without it */ }
  });
  var match = /^#principal=(.*)$/.exec(location.hash);
  if (match) {
    try { input.value = decodeURIComponent(match[1]); } catch (e) { input.value = match[1]; /* a malformed %-escape */ }
  }
  applyFilter();
  root.setAttribute('data-ready', 'true');
})();
`;
