// Answers the extension's questions in place of the user. VS Code never shows a modal dialog
// while extension tests run (the workbench's DialogService.prompt throws "refused to show dialog
// in tests"), so a command that confirms with showWarningMessage({ modal: true }, 'Apply') cannot
// be confirmed through the UI. The test files are compiled into the extension's own folder
// (scripts/e2e/run.sh), so `vscode` here is the very API object the extension calls: replacing
// its window.show*Message / showQuickPick for the duration of one command is seen by the extension.
import * as vscode from 'vscode';

export interface Asked {
  kind: 'information' | 'warning' | 'error' | 'quickPick';
  message: string;
  detail: string;
  modal: boolean;
  choices: string[];
  chosen: string | undefined;
}

type Choice = string | { title?: string; label?: string };

function textOf(c: Choice): string {
  return typeof c === 'string' ? c : (c.title ?? c.label ?? '');
}

/** Replaces the prompts until restore(); answers with the first choice matching `choose`, else dismisses. */
export function answerPrompts(choose: RegExp): { asked: Asked[]; restore(): void } {
  const asked: Asked[] = [];
  const win = vscode.window as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  const message = (kind: Asked['kind']) =>
    async (msg: string, ...rest: unknown[]): Promise<Choice | undefined> => {
      // (message, options?, ...items), as vscode.window.show*Message takes them.
      const first = rest[0];
      const hasOptions = first !== undefined && typeof first === 'object' && first !== null && !('title' in first);
      const options = (hasOptions ? first : {}) as vscode.MessageOptions;
      const items = (hasOptions ? rest.slice(1) : rest) as Choice[];
      const pick = items.find((i) => choose.test(textOf(i)));
      asked.push({ kind, message: msg, detail: options.detail ?? '', modal: Boolean(options.modal), choices: items.map(textOf), chosen: pick === undefined ? undefined : textOf(pick) });
      return pick;
    };
  const replacements: Record<string, unknown> = {
    showInformationMessage: message('information'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showQuickPick: async (items: readonly Choice[] | Thenable<readonly Choice[]>, options?: vscode.QuickPickOptions) => {
      const list = await items;
      const pick = list.find((i) => choose.test(textOf(i)));
      asked.push({ kind: 'quickPick', message: options?.title ?? options?.placeHolder ?? '', detail: '', modal: false, choices: list.map(textOf), chosen: pick === undefined ? undefined : textOf(pick) });
      return options?.canPickMany ? (pick ? [pick] : undefined) : pick;
    },
  };
  for (const [k, v] of Object.entries(replacements)) {
    saved.set(k, win[k]);
    win[k] = v;
  }
  return {
    asked,
    restore() {
      for (const [k, v] of saved) win[k] = v;
    },
  };
}
