// Where a location in a JSON text is, so that the playground can point at the line. The engine gives
// each issue its location as data (`segments`: `groups["my group"].max` is ["groups", "my group",
// "max"]), so nothing here parses a path string. Hand-written (a full JSON editor library is far
// heavier than this one lookup) and deliberately forgiving: it runs on the page's main thread for
// text the user is typing, so it must never throw or loop, whatever the text.

/**
 * A tree of the locations in `text`: each node is `{ offset, line, children }`, where `offset` is where
 * the location starts (a member's key, an element's value), `line` is 1-based, and `children` is a Map
 * from key (string) or index (number) to node, or null for a scalar. A Map keeps the key "3" and the
 * index 3 apart, and needs no joined path strings that could collide.
 *
 * One pass, linear time, no recursion (so deeply nested text cannot overflow the stack). On invalid
 * JSON it stops at the problem and keeps what was found before it. A duplicate key replaces the
 * earlier one, as in JSON.parse and serde_json: the last value is the one the engine reads.
 */
export function pathOffsets(text) {
  const root = { offset: 0, line: 1, children: null };
  const n = text.length;
  let i = 0;
  let line = 1;

  const ws = () => {
    for (; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 10) line += 1;
      else if (c !== 32 && c !== 9 && c !== 13) return;
    }
  };
  // Skips the string at `i`; returns its end, or -1 if it is unterminated or holds a raw control
  // character (which would also throw off the line count).
  const skipString = () => {
    for (let j = i + 1; j < n; j += 1) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 92) j += 1;
      else if (c < 32) return -1;
    }
    return -1;
  };
  // The key at `i` decoded (escapes and all, to match the engine's keys), or null if it is invalid.
  const key = () => {
    if (text[i] !== '"') return null;
    const end = skipString();
    if (end < 0) return null;
    try {
      const k = JSON.parse(text.slice(i, end));
      i = end;
      return k;
    } catch {
      return null; // a bad escape such as \x
    }
  };

  // Open arrays and objects, innermost last: { node, array, count }.
  const stack = [];
  let node = root; // the location whose value starts next
  scan: for (;;) {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i += 1;
      node.children = new Map();
      stack.push({ node, array: c === '[', count: 0 });
      ws();
      if (text[i] === (c === '[' ? ']' : '}')) {
        i += 1;
        stack.pop();
      } else {
        if (!member()) break scan;
        continue scan;
      }
    } else if (c === '"') {
      const end = skipString();
      if (end < 0) break scan;
      i = end;
    } else {
      const start = i;
      while (i < n && !',]}: \t\r\n"{['.includes(text[i])) i += 1;
      if (i === start) break scan; // no value here (end of text, or a stray , ] } :)
    }
    // After a value: close containers, or move to the next member.
    for (;;) {
      const top = stack.at(-1);
      if (!top) break scan; // the root value is complete
      ws();
      if (text[i] === ',') {
        i += 1;
        if (!member()) break scan;
        continue scan;
      }
      if (text[i] !== (top.array ? ']' : '}')) break scan;
      i += 1;
      stack.pop();
    }
  }
  return root;

  // Starts the next member of the innermost container: records its location and points `node` at
  // it. False if the text is invalid here.
  function member() {
    const top = stack.at(-1);
    ws();
    if (top.array) {
      // An element is recorded only if a value starts here (not for a trailing comma, say).
      if (i >= n || ',]}:'.includes(text[i])) return false;
      node = { offset: i, line, children: null };
      top.node.children.set(top.count, node);
      top.count += 1;
      return true;
    }
    const offset = i;
    const at = line;
    const k = key();
    if (k === null) return false;
    node = { offset, line: at, children: null };
    top.node.children.set(k, node);
    ws();
    if (text[i] !== ':') return false;
    i += 1;
    return true;
  }
}

/**
 * 1-based line of the location `segments` (keys as strings, indexes as numbers; [] is the root) in
 * `text`: the location itself, else its nearest ancestor that exists (dropping the last segment each
 * step), else line 1. Walks down once, so it is as long as the path, and always ends.
 */
export function lineOf(text, segments, offsets = pathOffsets(text)) {
  let found = offsets;
  let node = offsets;
  for (const s of Array.isArray(segments) ? segments : []) {
    node = node.children?.get(s);
    if (!node) break;
    found = node;
  }
  return found.line;
}
