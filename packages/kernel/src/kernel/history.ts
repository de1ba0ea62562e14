/** One executed input, as history_request returns it. */
interface Entry {
  line: number;
  input: string;
  output: string | null;
}

type HistoryTuple = [number, number, string | [string, string | null]];

/** Session number of this kernel's history (the protocol numbers sessions; this kernel keeps one). */
const SESSION = 1;

/** Inputs of the session for history_request: tail, range and search (glob pattern). */
export class History {
  private readonly entries: Entry[] = [];

  add(line: number, input: string, output: string | null): void {
    this.entries.push({ line, input, output });
  }

  query(content: Record<string, unknown>): HistoryTuple[] {
    const withOutput = Boolean(content.output);
    const tuple = (e: Entry): HistoryTuple => [SESSION, e.line, withOutput ? [e.input, e.output] : e.input];
    const n = typeof content.n === 'number' ? content.n : undefined;
    const last = (list: Entry[]) => (n === undefined ? list : list.slice(Math.max(0, list.length - n)));
    switch (content.hist_access_type) {
      case 'tail':
        return last(this.entries).map(tuple);
      case 'range': {
        const session = typeof content.session === 'number' ? content.session : 0;
        if (session > 0 && session !== SESSION) return [];
        const start = typeof content.start === 'number' ? content.start : 0;
        const stop = typeof content.stop === 'number' ? content.stop : Number.POSITIVE_INFINITY;
        return this.entries.filter((e) => e.line >= start && e.line < stop).map(tuple);
      }
      case 'search': {
        const pattern = typeof content.pattern === 'string' ? content.pattern : '*';
        const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`);
        let found = this.entries.filter((e) => regex.test(e.input));
        if (content.unique) {
          const seen = new Set<string>();
          found = found.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input)).reverse();
        }
        return last(found).map(tuple);
      }
      default:
        return [];
    }
  }
}
