// Runs the wasm build of bench_parse under node, then times node's own JSON.parse on the very
// book file it generated, and writes the ratio to bench/results/parse_vs_node.json.
//
//   node bench/parse_vs_node.mjs [path/to/bench_parse.js]
//
// Default: build/h1-web/bench_parse.js, built with
//   . ./emsdk.env && emcmake cmake -S . -B build/h1-web -G Ninja -DCMAKE_BUILD_TYPE=Release &&
//   cmake --build build/h1-web --target bench_parse
// Target: read_book (wasm) at most 3x JSON.parse.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchJs = path.resolve(process.argv[2] ?? path.join(repo, 'build/h1-web/bench_parse.js'));
const results = path.join(repo, 'bench/results');
const book = path.join(os.tmpdir(), 'portal_bench_book_wasm.json');
const runs = 5;

// Emscripten's output is CommonJS; the repository's package.json says "type": "module", so run
// a .cjs copy beside the .wasm (which it finds through __dirname).
const benchCjs = benchJs.replace(/\.js$/, '.cjs');
if (benchCjs !== benchJs) fs.copyFileSync(benchJs, benchCjs);

fs.mkdirSync(results, { recursive: true });
execFileSync(process.execPath, ['--no-experimental-fetch', benchCjs, '--out', book, '--results', results, '--runs', String(runs)],
             { stdio: 'inherit' });
const wasm = JSON.parse(fs.readFileSync(path.join(results, 'bench_parse_wasm.json'), 'utf8'));

// Same input as the wasm side: the text already in memory, parse only.
const text = fs.readFileSync(book, 'utf8');
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const doc = JSON.parse(text);
  times.push(performance.now() - t0);
  if (!doc.organisations || doc.organisations.length !== wasm.organisations) throw new Error('unexpected book');
}
const best = Math.min(...times);
const ratio = wasm.read_book_ms_best / best;
const out = {
  bench: 'parse_vs_node',
  node: process.version,
  bytes: wasm.bytes,
  organisations: wasm.organisations,
  invoices: wasm.invoices,
  payments: wasm.payments,
  wasm_read_book_ms_best: wasm.read_book_ms_best,
  wasm_read_book_ms: wasm.read_book_ms,
  node_json_parse_ms_best: best,
  node_json_parse_ms: times,
  ratio: ratio,
  target_ratio: 3,
  within_target: ratio <= 3,
};
fs.writeFileSync(path.join(results, 'parse_vs_node.json'), JSON.stringify(out, null, 2) + '\n');
fs.rmSync(book, { force: true });
console.log(`read_book (wasm) ${wasm.read_book_ms_best.toFixed(1)} ms, JSON.parse ${best.toFixed(1)} ms: ratio ${ratio.toFixed(2)} (target <= 3)`);
