// WebCrypto side of the portal-envelope/1 format (docs/sync.md), run by node (globalThis.crypto):
//   node webcrypto_envelope.mjs decrypt ENVELOPE PASSPHRASE_FILE          -> plaintext on stdout
//   node webcrypto_envelope.mjs encrypt PLAINTEXT ITERATIONS PASSPHRASE_FILE [plain]
//                                                                           -> envelope on stdout
// Proves that a browser can open what portal-cli wrote, and the other way round. Like the
// browser (src/web/sync_lib.js) it compresses with CompressionStream("deflate-raw") and writes
// "compression": "deflate-raw"; `plain` writes the format of older writers (no compression).
import fs from 'node:fs';

const { subtle } = globalThis.crypto;
const b64 = (s) => Buffer.from(s, 'base64');
const pipe = async (bytes, stream) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());

async function key(passFile, salt, iterations) {
  const pass = fs.readFileSync(passFile, 'utf8').split('\n')[0].replace(/\r$/, '');
  const base = await subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base,
                          { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function main() {
  const [mode, a, b, c, d] = process.argv.slice(2);
  if (mode === 'decrypt') {
    const env = JSON.parse(fs.readFileSync(a, 'utf8'));
    if (env.schema !== 'portal-envelope/1') throw new Error('not a portal-envelope/1');
    const k = await key(b, b64(env.kdf.salt), env.kdf.iterations);
    let plain = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: b64(env.cipher.nonce) }, k, b64(env.ciphertext)));
    if (env.compression === 'deflate-raw') plain = await pipe(plain, new DecompressionStream('deflate-raw'));
    else if (env.compression !== undefined) throw new Error('unknown compression ' + JSON.stringify(env.compression));
    process.stdout.write(Buffer.from(plain));
  } else if (mode === 'encrypt') {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const iterations = Number(b);
    const k = await key(c, salt, iterations);
    const compress = d !== 'plain';
    const book = new Uint8Array(fs.readFileSync(a));
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, k,
                                    compress ? await pipe(book, new CompressionStream('deflate-raw')) : book);
    const B = (u) => Buffer.from(u).toString('base64');
    const env = {
      schema: 'portal-envelope/1',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: B(salt) },
      cipher: { name: 'AES-GCM', nonce: B(nonce) },
    };
    if (compress) env.compression = 'deflate-raw';
    env.ciphertext = B(new Uint8Array(ct));
    process.stdout.write(JSON.stringify(env) + '\n');
  } else {
    throw new Error('usage: decrypt ENVELOPE PASSFILE | encrypt FILE ITERATIONS PASSFILE');
  }
}
main().catch((e) => { console.error('webcrypto_envelope: ' + e.message); process.exit(1); });
