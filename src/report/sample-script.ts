// The sample browser's script, inlined in report.html (its sha256 is the page's only allowed
// script). It reads the sample from a JSON script element and builds every node with textContent,
// never innerHTML: example text from the web is shown as text and never parsed as markup.
export const SAMPLE_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('sample-data').textContent);
  const list = document.getElementById('sample-list');
  const input = document.getElementById('sample-search');
  const splitSelect = document.getElementById('sample-split');
  const count = document.getElementById('sample-count');
  const SHOWN = 50;
  const haystacks = data.map((e) => [e.id, ...Object.entries(e.labels).map(([k, v]) => k + ': ' + v), ...e.turns.map((t) => t.text)].join('\\n').toLowerCase());
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const card = (e) => {
    const details = el('details', 'example');
    details.dataset.id = e.id;
    const summary = el('summary');
    summary.append(el('code', '', e.id), el('span', 'split', e.split), ...Object.entries(e.labels).map(([k, v]) => el('span', 'tag', k + ': ' + v)));
    details.append(summary);
    for (const t of e.turns) {
      const turn = el('div', 'turn');
      turn.append(el('div', 'role', t.role), el('pre', 'content', t.text));
      details.append(turn);
    }
    return details;
  };
  const render = () => {
    const q = input.value.trim().toLowerCase();
    const split = splitSelect.value;
    const matches = [];
    data.forEach((e, i) => {
      if ((split === '' || e.split === split) && (q === '' || haystacks[i].includes(q))) matches.push(e);
    });
    list.replaceChildren(...matches.slice(0, SHOWN).map(card));
    count.textContent = matches.length + ' of ' + data.length + ' sampled examples match' + (matches.length > SHOWN ? '; the first ' + SHOWN + ' are shown' : '');
  };
  input.addEventListener('input', render);
  splitSelect.addEventListener('change', render);
  render();
})();`;
