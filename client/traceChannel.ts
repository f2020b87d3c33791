import * as vscode from 'vscode';

const SETTING = 'macvlan.trace.server';

/**
 * The output channel as seen by the language client's tracer.
 *
 * vscode-languageclient 10+ traces only while the trace channel's log level is Trace, so
 * `macvlan.trace.server` alone would do nothing unless the user also found "Set Log Level".
 * This view reports Trace while the setting asks for tracing, and writes trace lines at info
 * level then, so they show in the "macvlan" channel at its default level.
 */
export class TraceChannel implements vscode.LogOutputChannel {
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly listeners: vscode.Disposable[];
  readonly onDidChangeLogLevel = this.changed.event;

  constructor(private readonly inner: vscode.LogOutputChannel) {
    this.listeners = [
      inner.onDidChangeLogLevel(() => this.changed.fire(this.logLevel)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) this.changed.fire(this.logLevel);
      }),
    ];
  }

  get name(): string {
    return this.inner.name;
  }

  get logLevel(): vscode.LogLevel {
    return settingWantsTrace() ? vscode.LogLevel.Trace : this.inner.logLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    if (this.inner.logLevel === vscode.LogLevel.Trace || !settingWantsTrace()) this.inner.trace(message, ...args);
    else this.inner.info(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.inner.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(message, ...args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.inner.error(error, ...args);
  }

  append(value: string): void {
    this.inner.append(value);
  }

  appendLine(value: string): void {
    this.inner.appendLine(value);
  }

  replace(value: string): void {
    this.inner.replace(value);
  }

  clear(): void {
    this.inner.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.inner.show(columnOrPreserveFocus);
    else this.inner.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.inner.hide();
  }

  /** Disposes the view only: the channel itself belongs to the extension context. */
  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}

function settingWantsTrace(): boolean {
  return vscode.workspace.getConfiguration().get<string>(SETTING, 'off') !== 'off';
}
