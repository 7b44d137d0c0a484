/**
 * A small YAML writer for the configs we emit (no YAML library in the dependencies): ordered keys,
 * comment lines, scalars, flow lists of scalars and block lists of maps. Strings that a YAML 1.1
 * reader (PyYAML, which all three trainers use) could take for anything else are double-quoted.
 */
export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | YamlScalar[] | YamlMap | YamlMap[];
export interface YamlMap {
  [key: string]: YamlValue;
}

/** A group of keys under comment lines, separated from the next group by a blank line. */
export interface YamlBlock {
  comment?: string[];
  entries: YamlMap;
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

const scalar = (v: YamlScalar): string => {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    // PyYAML reads `1e-5` as a string: write plain decimals.
    const s = String(v);
    return s.includes('e') ? v.toFixed(12).replace(/0+$/, '') : s;
  }
  return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
};

const isMapList = (v: YamlValue): v is YamlMap[] => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null;

const renderMap = (map: YamlMap, indent: string): string[] =>
  Object.entries(map).flatMap(([key, value]) => {
    if (isMapList(value)) {
      return [`${indent}${key}:`, ...value.flatMap((item) => renderMap(item, `${indent}    `).map((l, i) => (i === 0 ? `${indent}  - ${l.trimStart()}` : l)))];
    }
    if (Array.isArray(value)) return [`${indent}${key}: [${(value as YamlScalar[]).map((v) => (typeof v === 'string' ? JSON.stringify(v) : scalar(v))).join(', ')}]`];
    if (value !== null && typeof value === 'object') return [`${indent}${key}:`, ...renderMap(value, `${indent}  `)];
    return [`${indent}${key}: ${scalar(value)}`];
  });

export const renderYaml = (blocks: readonly YamlBlock[]): string =>
  `${blocks.map((b) => [...(b.comment ?? []).map((c) => (c === '' ? '#' : `# ${c}`)), ...renderMap(b.entries, '')].join('\n')).join('\n\n')}\n`;
