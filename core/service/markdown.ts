/**
 * User values (names, images, addresses, docker: endpoints) go into hover and completion
 * markdown only through here. A value with a backtick would otherwise end the code span and
 * render the rest as markdown: links, and images fetched from anywhere.
 */
export function inlineCode(value: string): string {
  // CommonMark: a code span's fence is a backtick run that does not occur inside it; a space
  // pads a value that starts or ends with a backtick. Line breaks would end list items.
  const text = value.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
