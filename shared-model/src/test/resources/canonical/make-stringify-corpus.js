// Writes stringify-corpus.jsonl: random JSON documents, as a producer might write them (odd number forms, escapes,
// whitespace, integer-like and repeated keys), each with what JavaScript's JSON.stringify(JSON.parse(document)) gives.
// CanonicalJsonPropertyTests checks CanonicalJson against it where node is missing. Made with (see README.md):
//   node make-stringify-corpus.js > stringify-corpus.jsonl
'use strict';

let seed = 20260301;
function random() { // mulberry32: the same corpus on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];
const digits = (n, first) => Array.from({ length: n }, (_, i) => (i === 0 && first ? 1 + int(9) : int(10))).join('');

function space() {
  return Array.from({ length: pick([0, 0, 0, 1, 2]) }, () => pick([' ', '\t', '\n', '\r'])).join('');
}

function number() {
  switch (int(6)) {
    case 0: return pick(['1.5e4', '14500.0', '0.30', '-0', '-0.0', '1E2', '1e21', '1e+21', '5e-7', '0.000001', '1e400', '-1e-400',
      '9007199254740993', '123456789012345678901234567890', '0.1000000000000000000001', '1E-7', '0e5']);
    case 1: return (int(2) ? '-' : '') + (int(4) ? digits(1 + int(16), true) : '0');
    case 2: return (int(2) ? '-' : '') + digits(1 + int(3), true) + '.' + digits(1 + int(20)) ;
    default: {
      const mantissa = (int(2) ? '-' : '') + (int(3) ? digits(1 + int(25), true) : '0') + (int(2) ? '.' + digits(1 + int(20)) : '');
      return mantissa + pick(['e', 'E']) + pick(['', '+', '-']) + int(int(4) ? 30 : 340);
    }
  }
}

function codeUnit() {
  switch (int(9)) {
    case 0: return String.fromCharCode(int(0x20));
    case 1: return pick(['"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', 'é', '€']);
    case 2: return String.fromCharCode(0xd800 + int(0x800)); // a lone surrogate
    case 3: return '😀';
    case 4: return String.fromCharCode(0xa0 + int(0xd700));
    default: return String.fromCharCode(0x20 + int(0x5f));
  }
}

function escaped(unit) {
  const code = unit.charCodeAt(0);
  const hex = code.toString(16).padStart(4, '0');
  const short = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' }[unit];
  if (unit.length === 1 && (code < 0x20 || (code >= 0xd800 && code < 0xe000) || unit === '"' || unit === '\\' || int(4) === 0)) {
    return short && int(2) ? short : '\\u' + (int(2) ? hex : hex.toUpperCase());
  }
  return unit;
}

function string() {
  return '"' + Array.from({ length: int(8) }, () => escaped(codeUnit())).join('') + '"';
}

function key() {
  return int(3) ? string() : '"' + pick(['0', '1', '2', '10', '01', '-1', '1.5', '4294967294', '4294967295', '99', 'a', 'b', 'id']) + '"';
}

function value(depth, container) {
  const kind = container ? 5 + int(2) : depth <= 0 ? int(5) : int(7);
  switch (kind) {
    case 0: return number();
    case 1: return string();
    case 2: return pick(['true', 'false', 'null']);
    case 3: case 4: return int(2) ? number() : string();
    case 5: {
      const items = Array.from({ length: int(5) }, () => space() + value(depth - 1) + space());
      return '[' + (items.length ? items.join(',') : space()) + ']';
    }
    default: {
      const keys = Array.from({ length: int(6) }, key);
      if (keys.length > 1 && int(4) === 0) keys.push(keys[0]); // a repeated key: JSON.parse keeps the last value
      const members = keys.map((k) => space() + k + space() + ':' + space() + value(depth - 1) + space());
      return '{' + (members.length ? members.join(',') : space()) + '}';
    }
  }
}

// one line of pure ASCII: every other character as \uXXXX, so that lone surrogates survive the file
const ascii = (text) => JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

for (let i = 0; i < 1000; i++) {
  const input = space() + (i % 10 === 0 ? value(2) : value(3, true)) + space(); // mostly objects and arrays
  process.stdout.write('{"input":' + ascii(input) + ',"stringify":' + ascii(JSON.stringify(JSON.parse(input))) + '}\n');
}
