/**
 * Quick fixes as pure text edits, shared by the editor's code actions, CLI `--fix` and tests.
 * A fix matches on `finding.code` + `finding.data.fix` and recomputes everything else from the
 * current model and facts.
 */
export type { Fix, FixOptions, TextEdit } from './types';
export { applyEdits, editsConflict } from './edits';
export { fixesFor, type FixesForOptions } from './fixesFor';
export { fixAll, type FixAllResult } from './fixAll';
export { disableLineEdit } from './disableLine';
export { FIXES } from './registry';
