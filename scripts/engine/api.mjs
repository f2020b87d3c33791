#!/usr/bin/env node
// Minimal Docker Engine API client over the unix socket, used by engine.sh so the
// harness needs neither curl/jq nor a docker CLI (the CLI on PATH is a v28 client,
// the engine here is 20.10 / API 1.41).
//
//   api.mjs request   SOCK METHOD PATH [JSON_BODY]   print body; exit 1 on non-2xx
//   api.mjs wait-ping SOCK TIMEOUT_MS PID            poll /_ping; exit 1 if PID dies or timeout
//   api.mjs import    SOCK TAR REPO TAG              POST /images/create?fromSrc=- with TAR as body
//   api.mjs kill-containers SOCK                     SIGKILL every running container
import http from 'node:http';
import fs from 'node:fs';

const API = '/v1.41';

function request(socketPath, method, path, body, headers = {}, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req); // stream
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const die = (msg) => {
  process.stderr.write(`api.mjs: ${msg}\n`);
  process.exit(1);
};

const [cmd, sock, ...rest] = process.argv.slice(2);
if (!cmd || !sock) die('usage: api.mjs request|wait-ping|import|kill-containers SOCK ...');

switch (cmd) {
  case 'request': {
    const [method, path, json] = rest;
    const headers = json === undefined ? {} : { 'Content-Type': 'application/json' };
    const r = await request(sock, method, API + path, json, headers).catch((e) => die(e.message));
    process.stdout.write(r.text);
    if (r.status < 200 || r.status > 299) die(`${method} ${path} -> ${r.status} ${r.text.trim()}`);
    break;
  }
  case 'wait-ping': {
    const timeout = Number(rest[0] ?? 20_000);
    const pid = Number(rest[1] ?? 0);
    const t0 = Date.now();
    for (;;) {
      if (fs.existsSync(sock)) {
        const r = await request(sock, 'GET', '/_ping', undefined, {}, 1000).catch(() => null);
        if (r && r.status === 200 && r.text === 'OK') break;
      }
      if (pid && !alive(pid)) die(`dockerd (pid ${pid}) exited before answering /_ping`);
      if (Date.now() - t0 > timeout) die(`no /_ping answer on ${sock} within ${timeout} ms`);
      await sleep(25);
    }
    process.stdout.write(`${Date.now() - t0}\n`);
    break;
  }
  case 'import': {
    const [tar, repo, tag] = rest;
    const q = new URLSearchParams({ fromSrc: '-', repo, tag, changes: 'CMD ["sh"]' });
    const size = fs.statSync(tar).size;
    const r = await request(
      sock,
      'POST',
      `${API}/images/create?${q}`,
      fs.createReadStream(tar),
      { 'Content-Type': 'application/x-tar', 'Content-Length': String(size) },
      60_000,
    ).catch((e) => die(e.message));
    // The body is a JSON progress stream; errors arrive as {"error": ...} with status 200.
    if (r.status !== 200 || /"error"/.test(r.text)) die(`image import failed: ${r.status} ${r.text.trim()}`);
    const check = await request(sock, 'GET', `${API}/images/${repo}:${tag}/json`).catch((e) => die(e.message));
    if (check.status !== 200) die(`image ${repo}:${tag} missing after import: ${check.status} ${check.text.trim()}`);
    process.stdout.write(`${JSON.parse(check.text).Id}\n`);
    break;
  }
  case 'kill-containers': {
    const r = await request(sock, 'GET', `${API}/containers/json`).catch((e) => die(e.message));
    if (r.status !== 200) die(`list containers -> ${r.status} ${r.text.trim()}`);
    for (const c of JSON.parse(r.text)) {
      const k = await request(sock, 'POST', `${API}/containers/${c.Id}/kill`).catch((e) => ({ status: 0, text: e.message }));
      // 409: it stopped meanwhile; that is what we wanted anyway.
      if (k.status !== 204 && k.status !== 409) process.stderr.write(`api.mjs: kill ${c.Id.slice(0, 12)}: ${k.status} ${k.text.trim()}\n`);
      else process.stdout.write(`killed ${c.Id.slice(0, 12)}\n`);
    }
    break;
  }
  default:
    die(`unknown command ${cmd}`);
}
