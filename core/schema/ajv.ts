import Ajv, { type Options } from 'ajv';

// Annotation keywords that editors (VS Code's JSON service, the Red Hat YAML server) read from the
// schema. Ajv's strict mode rejects unknown keywords, so they are registered as a vocabulary
// instead of turning strict mode off (which would also hide typos in real keywords).
export const EDITOR_KEYWORDS: readonly string[] = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'deprecationMessage',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
];

/**
 * An Ajv instance that compiles schemas/macvlan.schema.json in full strict mode.
 * `allowUnionTypes` is needed for `type: [string, object]` (ip_range) and friends: union types
 * give one clear type error where an anyOf would give one error per branch.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...options });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  return ajv;
}
