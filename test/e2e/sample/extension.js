// Minimal extension for the e2e harness sample: one command that returns a value.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('mvsSample.hello', (name) => `hello ${name ?? 'world'} from ${vscode.env.appName}`),
    vscode.commands.registerCommand('mvsSample.showHello', () => vscode.window.showInformationMessage('Hello from the e2e sample')),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
