/**
 * The playground page's style: system fonts only (no font is fetched), light and dark after the
 * system's `prefers-color-scheme`, two columns from 900 px and one below, and nothing wider than
 * the window (long words and the editor scroll inside their own boxes).
 */
export const PLAYGROUND_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--accent:#0a58ca;
--allow:#116329;--allow-bg:#dafbe1;--deny:#a40e26;--deny-bg:#ffebe9;--cond:#7d4e00;--cond-bg:#fff8c5;--focus:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#161b22;--accent:#4493f8;
--allow:#7ee787;--allow-bg:#12361d;--deny:#ffa198;--deny-bg:#4a1215;--cond:#e3b341;--cond-bg:#3b2e0a;--focus:#4493f8}}
*{box-sizing:border-box}
html,body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{overflow-x:hidden}
header,main{max-width:1400px;margin:0 auto;padding:12px 16px}
header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line)}
h1{font-size:1.25rem;margin:0}
h2{font-size:1rem;margin:0 0 6px}
code,pre,textarea,input,select{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
button,input,select,textarea{color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:6px 12px;cursor:pointer;background:var(--panel)}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}
/* One column on a phone, the decision first: it is what an edit changes. */
@media (max-width:900px){main{grid-template-columns:minmax(0,1fr)}main>div{display:contents}#decision-section{order:-1}}
section{min-width:0;margin-bottom:16px}
.editor{display:flex;border:1px solid var(--line);border-radius:6px;overflow:hidden;height:min(60vh,560px);min-height:240px}
.gutter{margin:0;padding:8px 6px;min-width:3.2em;text-align:right;color:var(--muted);background:var(--panel);overflow:hidden;user-select:none;line-height:18px;font-size:13px;white-space:pre}
.gutter .error{color:var(--deny);font-weight:700}
.gutter .warning{color:var(--cond);font-weight:700}
textarea#scenario{flex:1;min-width:0;border:0;border-radius:0;padding:8px;resize:none;line-height:18px;white-space:pre;overflow:auto;tab-size:2}
.muted{color:var(--muted)}
ol#findings{list-style:none;margin:0;padding:0}
ol#findings li{margin:4px 0}
ol#findings button{display:block;width:100%;text-align:left;background:var(--panel);border-left:4px solid var(--line);overflow-wrap:anywhere}
ol#findings .error{border-left-color:var(--deny)}
ol#findings .warning,ol#findings .security-warning{border-left-color:var(--cond)}
ol#findings .suggestion{border-left-color:var(--accent)}
.field{display:flex;flex-direction:column;gap:2px;margin-bottom:8px}
.field input{padding:6px;width:100%}
.entry{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px;overflow-wrap:anywhere;font-size:14px}
.entry dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0}
.entry dt{color:var(--muted)}
.entry dd{margin:0}
#decision{font-weight:700;font-size:1.1rem;padding:8px 12px;border-radius:6px;border:1px solid var(--line);overflow-wrap:anywhere}
#decision[data-decision=Allow]{color:var(--allow);background:var(--allow-bg)}
#decision[data-decision=ExplicitDeny],#decision[data-decision=ImplicitDeny]{color:var(--deny);background:var(--deny-bg)}
#decision[data-decision=Conditional]{color:var(--cond);background:var(--cond-bg)}
pre#explanation{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere;margin:8px 0 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid var(--line);padding:4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:40%}th:nth-child(2){width:18%}th:nth-child(3){width:42%}
td select{width:100%;padding:4px}
td textarea{width:100%;margin-top:4px;padding:4px;resize:vertical;min-height:2.2em}
.keys{max-height:420px;overflow:auto}
#command{width:100%;min-height:3em;padding:6px;white-space:pre-wrap;overflow-wrap:anywhere;resize:vertical}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
