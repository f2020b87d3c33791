/**
 * Expands a VS Code (TextMate) snippet body the way the editor does when every placeholder
 * keeps its default: `${1:default}` (nested too), `$1`/`${1}` mirrors, `${1|a,b|}` choices
 * (first option unless overridden) and `$0`. Variables (`$TM_FILENAME`) are refused: the
 * shipped snippets do not use them, and a silent empty expansion would hide a mistake.
 */
type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] };

export interface ExpandOptions {
  /** Value to use for a tabstop instead of its default (e.g. another choice option). */
  values?: ReadonlyMap<number, string>;
}

export function expandSnippet(body: string | string[], opts: ExpandOptions = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(text).parse();
  const defaults = new Map<number, Node[] | string>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults, opts.values ?? new Map());
}

/** The choice placeholders of a body: index and options, for trying every option. */
export function snippetChoices(body: string | string[]): Map<number, string[]> {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const out = new Map<number, string[]>();
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'choice') out.set(n.index, n.options);
      if (n.kind === 'placeholder') walk(n.children);
    }
  };
  walk(new Parser(text).parse());
  return out;
}

function collectDefaults(nodes: Node[], into: Map<number, Node[] | string>): void {
  for (const n of nodes) {
    // The first definition with content wins, as in the editor.
    if (n.kind === 'placeholder') {
      if (!into.has(n.index)) into.set(n.index, n.children);
      collectDefaults(n.children, into);
    } else if (n.kind === 'choice' && !into.has(n.index)) {
      into.set(n.index, n.options[0] ?? '');
    }
  }
}

function render(nodes: Node[], defaults: Map<number, Node[] | string>, values: ReadonlyMap<number, string>, depth = 0): string {
  if (depth > 20) throw new Error('snippet placeholders refer to each other in a cycle');
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.value;
      continue;
    }
    const override = values.get(n.index);
    if (override !== undefined) {
      out += override;
      continue;
    }
    const d = defaults.get(n.index);
    if (d === undefined) continue; // a bare tabstop such as $0 expands to nothing
    out += typeof d === 'string' ? d : render(d, defaults, values, depth + 1);
  }
  return out;
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw this.fail('unexpected text');
    return nodes;
  }

  /** Reads nodes until the end, or until an unescaped `}` when inside a placeholder. */
  private sequence(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && inPlaceholder) {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos);
    const bare = /^\$(\d+)/.exec(rest);
    if (bare) {
      this.pos += bare[0].length;
      return { kind: 'tabstop', index: Number(bare[1]) };
    }
    if (/^\$\{?[A-Za-z_]/.test(rest)) throw this.fail('snippet variables are not supported');
    const open = /^\$\{(\d+)([:|}])/.exec(rest);
    if (!open) return undefined; // a lone `$` is text
    const index = Number(open[1]);
    this.pos += open[0].length;
    if (open[2] === '}') return { kind: 'tabstop', index };
    if (open[2] === '|') return { kind: 'choice', index, options: this.choices() };
    const children = this.sequence(true);
    this.expect('}');
    return { kind: 'placeholder', index, children };
  }

  private choices(): string[] {
    const options: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) {
        cur += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(cur);
        cur = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(cur);
        this.pos += 2;
        return options;
      } else {
        cur += c;
        this.pos++;
      }
    }
    throw this.fail('unterminated choice');
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) throw this.fail(`expected "${c}"`);
    this.pos++;
  }

  private fail(what: string): Error {
    return new Error(`${what} at offset ${this.pos} of snippet: ${JSON.stringify(this.src.slice(Math.max(0, this.pos - 20), this.pos + 20))}`);
  }
}
