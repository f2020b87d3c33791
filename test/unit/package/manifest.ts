/** The parts of package.json these tests read. */
export interface Manifest {
  main: string;
  bin: Record<string, string>;
  icon?: string;
  activationEvents?: string[];
  contributes: {
    languages: { id: string; configuration?: string; filenames?: string[]; filenamePatterns?: string[] }[];
    grammars: { language?: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    yamlValidation?: { url: string }[];
    jsonValidation?: { url: string }[];
    configuration: { properties: Record<string, unknown> };
    commands: { command: string; icon?: string | { light: string; dark: string } }[];
    walkthroughs?: { steps: { media: { markdown?: string; image?: MediaPath; svg?: string } }[] }[];
  };
}

type MediaPath = string | { light: string; dark: string; hc?: string; hcLight?: string };

/**
 * Every file of the extension the manifest names, relative to the extension root. Codicons
 * (`$(name)`) and URLs are not files.
 */
export function referencedFiles(m: Manifest): string[] {
  const c = m.contributes;
  const paths: (string | undefined)[] = [
    m.main,
    m.icon,
    ...c.languages.map((l) => l.configuration),
    ...c.grammars.map((g) => g.path),
    ...c.snippets.map((s) => s.path),
    ...(c.yamlValidation ?? []).map((v) => v.url),
    ...(c.jsonValidation ?? []).map((v) => v.url),
    ...c.commands.flatMap((cmd) => mediaPaths(cmd.icon)),
    ...(c.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.svg, ...mediaPaths(s.media.image)])),
  ];
  const files = paths.filter((p): p is string => p !== undefined && !p.startsWith('$(') && !/^[a-z]+:\/\//.test(p));
  return [...new Set(files.map((p) => p.replace(/^\.\//, '')))];
}

function mediaPaths(p: MediaPath | undefined): string[] {
  if (p === undefined) return [];
  return typeof p === 'string' ? [p] : Object.values(p).filter((v): v is string => typeof v === 'string');
}
