/** Reads `--catalog DIR` (the CLI's file access for the catalog): every `*.yaml` service file in it. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogWith } from '../catalog/builtin.js';
import { parseServiceFile, type RawService } from '../catalog/build.js';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { InputReader } from './kit/input.js';

/** The built-in catalog plus the services in `dir`, or the diagnostics of the files that are wrong. */
export function loadCatalog(reader: InputReader, cwd: string, dir?: string): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  if (dir === undefined) return { catalog: catalogWith([]), diagnostics: [] };
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'it is not a directory' : String((error as Error).message);
    return { diagnostics: [{ code: 'unreadable-file', severity: 'error', message: `cannot read catalog directory \`${dir}\`: ${reason}`, file: dir, path: '' }] };
  }
  const diagnostics: Diagnostic[] = [];
  const services: RawService[] = [];
  for (const name of names) {
    const read = reader.read(join(dir, name));
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseServiceFile(read.text, read.file);
    for (const item of parsed.diagnostics) diagnostics.push(item);
    if (parsed.service) services.push(parsed.service);
  }
  return diagnostics.length > 0 ? { diagnostics } : { catalog: catalogWith(services), diagnostics };
}
