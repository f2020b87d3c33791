/**
 * The glob patterns of `macvlan.workspace.exclude`, as VS Code's settings write them: matched
 * against the path relative to the workspace folder with `/` separators; `**` spans folders,
 * `*` and `?` stay inside one, `{a,b}` is either. A pattern ending in `/**` also matches the
 * folder's files at any depth.
 */
export function globMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const res = patterns.filter((p) => p.trim() !== '').map(globRegExp);
  return (relative) => {
    const p = relative.replace(/\\/g, '/').replace(/^\.\//, '');
    return res.some((r) => r.test(p));
  };
}

export function globRegExp(pattern: string): RegExp {
  let out = '';
  const p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  let braces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      // `**/` is any number of folders (none too); a trailing `**` anything at all.
      if (p[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
