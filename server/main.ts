// The language server process: `node dist/server.js --stdio` (or --node-ipc, --socket=N, as
// the client launches it; vscode-languageserver reads the transport from argv).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { appendFileSync } from 'node:fs';
import { describe, traceHandlers } from './guard';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Handlers are guarded one by one; this catches what escapes them (a timer, a stray promise)
// so that one bug is a logged error rather than a dead server for every open spec.
process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${describe(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`Unhandled rejection: ${describe(err)}`));

const traceFile = process.env.MACVLAN_SPEC_TRACE;
if (traceFile) traceHandlers((line) => appendFileSync(traceFile, `${performance.now().toFixed(1)} ${line}\n`));

startServer(connection);
connection.listen();
