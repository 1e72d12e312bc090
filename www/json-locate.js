// Where a JSON path (`rules[3].when.field`, as leadscore's errors write it) is in a JSON text, so that
// the playground can point at the line. Hand-written (about 60 lines) because a full JSON editor
// library is far heavier than this one lookup, and the paths must be spelled exactly as the engine
// spells them.

/** Map from every path in `text` to the offset where it starts (a member's key, an element's value). */
export function pathOffsets(text) {
  const at = new Map();
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i += 1; };
  const string = () => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i));
  };
  const value = (path) => {
    ws();
    if (!at.has(path)) at.set(path, i);
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') { i += 1; return; }
      for (;;) {
        ws();
        const keyAt = i;
        const key = string();
        const child = path ? `${path}.${key}` : key;
        at.set(child, keyAt);
        ws();
        if (text[i] !== ':') throw new Error('expected :');
        i += 1;
        value(child);
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return; }
        throw new Error('expected , or }');
      }
    } else if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') { i += 1; return; }
      for (let n = 0; ; n += 1) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return; }
        throw new Error('expected , or ]');
      }
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i += 1;
    }
  };
  try {
    value('');
  } catch {
    // Invalid JSON: keep what was found before the problem.
  }
  return at;
}

/** 1-based line of `path` in `text`: the path itself, else its nearest parent that exists. */
export function lineOf(text, path, offsets = pathOffsets(text)) {
  for (let p = path; ; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    if (offsets.has(p)) return text.slice(0, offsets.get(p)).split('\n').length;
    if (!p) return 1;
  }
}

/** The line a serde_json syntax message names ("... at line 3 column 7"), or null. */
export function syntaxLine(message) {
  const m = /line (\d+) column (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}
