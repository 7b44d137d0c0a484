// The side-by-side page's rules, after the run report's own (src/report/page.ts): wider, answers in
// columns that scroll sideways when there are many models, and long lines wrapped inside their box.
export const COMPARE_CSS = `
main{max-width:none}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}#compare-search{width:320px;padding:4px 6px}
.cmp{border:1px solid #e4e4e4;border-radius:4px;margin:10px 0;padding:6px 10px}.cmp-head{margin-bottom:4px}
.prompt,.refs{margin:4px 0}.refs .content{background:#f1f7f1}
.answers{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(260px,1fr);gap:10px;overflow-x:auto;margin-top:6px}
.answer{border-left:3px solid #d8dee6;padding-left:8px;min-width:0}.model{margin-bottom:2px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:2px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#fafafa;padding:6px;border-radius:3px;max-height:360px;overflow:auto}
details.long summary{color:#555;font-size:12px}
ul.scores{list-style:none;padding:0;margin:4px 0}.score{padding:1px 5px;border-radius:3px;margin:2px 0;font-size:12px}
.score.low{background:#fbe9e7}.score.mid{background:#fff6dd}.score.high{background:#e6f4e6}
.note{color:#444;white-space:pre-wrap;overflow-wrap:anywhere}.small{font-size:11px}
.tag.differ{background:#fff0d6;color:#8a4b00}.error{overflow-wrap:anywhere}
`;
