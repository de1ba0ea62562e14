/**
 * Seeded mutations of an experiment spec, as a careless or hostile user would write them: a field deleted,
 * a value of the wrong type or out of range, an unknown field, an id that does not exist, a path that
 * escapes. Shared by test/robustness/fuzz-specs.test.ts and bench/fuzz-specs.js.
 */

/** A small seeded generator (mulberry32), so a failing mutation can be replayed from its seed. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)] };
}

const HOSTILE = [null, -1, 0, 1.5, 1e7, 1e308, -1e308, 'NaN', '', '../escape', '/etc/passwd', 'x'.repeat(5000), [], {}, true, false, '__proto__', '💥', [1, 'a', null], { id: 42 }, 2 ** 53, -0.000001, 1e-6];

/** Every path of a JSON value: arrays as indices. */
function paths(value, prefix = []) {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths(value[k], [...prefix, k]))];
}

function parentOf(root, path) {
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  return node;
}

const MUTATIONS = [
  ['delete', (spec, path) => {
    const parent = parentOf(spec, path);
    const key = path[path.length - 1];
    if (Array.isArray(parent)) parent.splice(key, 1);
    else delete parent[key];
  }],
  ['replace', (spec, path, r) => {
    parentOf(spec, path)[path[path.length - 1]] = structuredClone(r.pick(HOSTILE));
  }],
  ['unknown field', (spec, path) => {
    const parent = parentOf(spec, path);
    if (parent && typeof parent === 'object' && !Array.isArray(parent)) parent.surprise = 'field';
  }],
  ['unknown id', (spec, path) => {
    const parent = parentOf(spec, path);
    if (parent && typeof parent === 'object' && 'id' in parent) parent.id = 'no-such-contribution';
    else parentOf(spec, path)[path[path.length - 1]] = 'no-such-contribution';
  }],
  ['scale number', (spec, path, r) => {
    const parent = parentOf(spec, path);
    const key = path[path.length - 1];
    if (typeof parent[key] === 'number') parent[key] = parent[key] * r.pick([-1, 0, 1e-9, 1e9, 1.5]);
    else parent[key] = r.pick(HOSTILE);
  }],
  ['duplicate array item', (spec, path) => {
    const parent = parentOf(spec, path);
    const key = path[path.length - 1];
    if (Array.isArray(parent)) parent.push(structuredClone(parent[key]));
  }],
];

/** The `n`-th mutation of `spec` with seed `seed`: one to three mutations, described for the report. */
function mutateSpec(spec, seed) {
  const r = random(seed);
  const mutated = structuredClone(spec);
  const applied = [];
  const count = 1 + Math.floor(r.next() * 3);
  for (let k = 0; k < count; k++) {
    const candidates = paths(mutated).filter((p) => p.length > 0);
    if (candidates.length === 0) break;
    const path = r.pick(candidates);
    const [name, apply] = r.pick(MUTATIONS);
    apply(mutated, path, r);
    applied.push(`${name} ${path.join('.')}`);
  }
  return { spec: mutated, applied };
}

module.exports = { mutateSpec, random };
