// The side-by-side page's one script, inlined (its sha256 is the page's only allowed script). It
// reads the data from a JSON script element and builds every node with textContent, never
// innerHTML: model replies are hostile text and are never parsed as markup. Examples are drawn a
// page at a time (STEP), so thousands of them stay quick to filter and scroll.
export const COMPARE_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('compare-data').textContent);
  const list = document.getElementById('compare-list');
  const search = document.getElementById('compare-search');
  const suiteSelect = document.getElementById('compare-suite');
  const disagree = document.getElementById('compare-disagree');
  const count = document.getElementById('compare-count');
  const more = document.getElementById('compare-more');
  const STEP = 100;
  const LONG = 600;
  let shown = STEP;
  let matches = [];
  const haystacks = data.examples.map((e) => {
    const parts = [e.suite, e.id, ...e.references];
    if (e.prompt) for (const t of e.prompt) parts.push(t.text);
    for (const a of e.answers) if (a) {
      parts.push(a.reply === null ? '' : a.reply, a.error || '');
      for (const s of a.scores) for (const n of s.notes || []) parts.push(n[1]);
    }
    return parts.join('\\n').toLowerCase();
  });
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  // Long text is folded: its start in the summary, the whole of it one click away.
  const block = (cls, text) => {
    if (text.length <= LONG) return el('pre', cls, text);
    const details = el('details', 'long');
    details.append(el('summary', '', text.slice(0, 160).replace(/\\s+/g, ' ') + '... (' + text.length.toLocaleString('en-US') + ' characters)'), el('pre', cls, text));
    return details;
  };
  const answerColumn = (model, a) => {
    const col = el('div', 'answer');
    const head = el('div', 'model');
    head.append(el('code', '', model.name));
    if (model.label !== 'model') head.append(' ', el('span', 'tag', model.label));
    col.append(head);
    if (!a) {
      col.append(el('p', 'absent', 'not asked'));
      return col;
    }
    if (a.reply === null) col.append(el('p', 'absent', 'no reply'));
    else col.append(block('reply', a.reply));
    if (a.error) col.append(el('p', 'warn error', a.error));
    const scores = el('ul', 'scores');
    for (const s of a.scores) {
      const item = el('li', 'score' + (s.level ? ' ' + s.level : ''));
      item.append(el('b', '', s.scorer + ' ' + s.text));
      if (s.predicted !== undefined) item.append(' ', el('span', 'muted', 'read: ' + (s.predicted === null ? 'nothing' : s.predicted)));
      if (s.parts) item.append(' ', el('span', 'muted', s.parts));
      for (const n of s.notes || []) item.append(el('div', 'note', n[0] + ': ' + n[1]));
      scores.append(item);
    }
    col.append(scores);
    if (a.cached) col.append(el('div', 'muted small', 'from the answer cache'));
    return col;
  };
  const card = (e) => {
    const node = el('article', 'cmp');
    node.dataset.id = e.id;
    const head = el('div', 'cmp-head');
    head.append(el('code', '', e.id), ' ', el('span', 'split', e.suite), ' ', el('span', 'muted', 'line ' + e.line));
    if (e.disagree) head.append(' ', el('span', 'tag differ', 'the models disagree'));
    node.append(head);
    if (e.prompt) {
      const prompt = el('div', 'prompt');
      for (const t of e.prompt) {
        const turn = el('div', 'turn');
        turn.append(el('div', 'role', t.role), block('content', t.text));
        prompt.append(turn);
      }
      node.append(prompt);
    } else node.append(el('p', 'absent', 'prompt not recorded'));
    const refs = el('div', 'refs');
    refs.append(el('div', 'role', e.references.length > 1 ? 'references (' + e.references.length + ')' : 'reference'));
    for (const r of e.references) refs.append(block('content ref', r));
    node.append(refs);
    const answers = el('div', 'answers');
    data.models.forEach((m, i) => answers.append(answerColumn(m, e.answers[i])));
    node.append(answers);
    return node;
  };
  const draw = () => {
    // A heading wherever the suite changes: the examples come grouped by suite.
    const nodes = [];
    let suite;
    for (const e of matches.slice(0, shown)) {
      if (e.suite !== suite) nodes.push(el('h3', 'suite', (suite = e.suite)));
      nodes.push(card(e));
    }
    list.replaceChildren(...nodes);
    const total = data.examples.length;
    count.textContent = matches.length + ' of ' + total + ' examples match' + (matches.length > shown ? '; the first ' + shown + ' are shown' : '');
    more.hidden = matches.length <= shown;
  };
  const filter = () => {
    const q = search.value.trim().toLowerCase();
    const suite = suiteSelect.value;
    const onlyDisagree = disagree.checked;
    matches = data.examples.filter((e, i) => (suite === '' || e.suite === suite) && (!onlyDisagree || e.disagree) && (q === '' || haystacks[i].includes(q)));
    shown = STEP;
    draw();
  };
  more.addEventListener('click', () => {
    shown += STEP;
    draw();
  });
  search.addEventListener('input', filter);
  suiteSelect.addEventListener('change', filter);
  disagree.addEventListener('change', filter);
  filter();
})();`;
