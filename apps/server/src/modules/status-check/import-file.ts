import fs from 'node:fs';
import { parse } from 'csv-parse';

/**
 * The rows of an export file, streamed: CSV (header line, `,` or `;` separated, UTF-8 with or
 * without BOM) or JSON (an array of records). A file of millions of rows is never held in memory.
 */
export async function* readRecordFile(file: string): AsyncGenerator<Record<string, unknown>> {
  if (/\.json$/i.test(file)) {
    const data: unknown = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    if (!Array.isArray(data)) throw new Error('A JSON import file must hold an array of records');
    yield* data as Record<string, unknown>[];
    return;
  }
  const head = (await fs.promises.readFile(file, { encoding: 'utf8', flag: 'r' })).slice(0, 4096).split(/\r?\n/)[0] ?? '';
  const delimiter = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = fs.createReadStream(file).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false }));
  for await (const row of parser) yield row as Record<string, unknown>;
}

/** Counts data lines, for the progress bar's total (a quick pass over the file). */
export async function countRows(file: string): Promise<number | null> {
  if (/\.json$/i.test(file)) return null;
  let lines = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) lines++;
    last = buf[buf.length - 1] ?? last;
  }
  if (last !== 10) lines++;
  return Math.max(0, lines - 1);
}

/** A one-line progress bar on a terminal, plain lines otherwise (logs, CI). */
export function progressBar(out: NodeJS.WriteStream, total: number | null) {
  const started = Date.now();
  let lastPlain = 0;
  return {
    update(done: number) {
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      if (out.isTTY && total) {
        const width = 30;
        const filled = Math.min(width, Math.round((done / Math.max(1, total)) * width));
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} rows, ${rate}/s`);
      } else if (done - lastPlain >= 5000 || done === total) {
        lastPlain = done;
        out.write(`${done}${total ? `/${total}` : ''} rows (${rate}/s)\n`);
      }
    },
    done() {
      if (out.isTTY) out.write('\n');
    },
  };
}
