/**
 * Families every YAML document kind shares (scenarios, snapshots, lint configurations, catalog
 * service files): alias bombs, tags, duplicate keys and deep nesting around a valid document, and
 * empty documents, an input over the size limit, and paths that are not regular files.
 */
import type { HostileInput } from './inputs.js';

type Make = (variant: string, content: string, extra: Partial<HostileInput>) => HostileInput;

/** The billion-laughs anchors `a`…`i` (9⁹ strings once expanded), ending in `i`. */
export function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  return lines.join('\n');
}

/** YAML bombs beside (or instead of) the valid document `valid`; any of them makes the document invalid. */
export function yamlBombs(valid: string, make: Make): HostileInput[] {
  const invalid = { verdict: 'invalid' as const };
  const heavy = { verdict: 'invalid' as const, heavy: true };
  // 10 × 10,000 items: the expansion the 50,000-item case makes (that one is in the policies suite), at a fifth of the text to parse.
  const list = '[' + Array(10_000).fill('x').join(', ') + ']';
  return [
    make('billion-laughs', `${billionLaughs()}\n${valid}`, heavy),
    make('ten-aliases-to-10000', `big: &list ${list}\nmore: [${Array(10).fill('*list').join(', ')}]\n${valid}`, heavy),
    make('self-reference', `loop: &a [*a]\n${valid}`, invalid),
    make('self-reference-map', `loop: &m {m: *m}\n${valid}`, invalid),
    make('undefined-alias', `${valid}\nextra: *nothing\n`, invalid),
    make('tag-js-function', `${valid}\nextra: !!js/function "function () { process.exit(7) }"\n`, invalid),
    make('tag-custom', `${valid}\nextra: !Ref Something\n`, invalid),
    make('duplicate-keys-5000', `${valid}\n${'dup: 1\n'.repeat(5_000)}`, heavy),
    make('deep-sequence-1000', '- '.repeat(1_000) + 'x\n', invalid),
    make('deep-flow-10000', '['.repeat(10_000) + ']'.repeat(10_000) + '\n', invalid),
  ];
}

/** Empty and blank documents, one over `limit` bytes, and paths that are not regular files, in `dir`. */
export function emptyAndPaths(dir: string, prefix: string, limit: number): HostileInput[] {
  const input = (variant: string, extra: Partial<HostileInput>): HostileInput => ({ name: `${prefix}-empty/${variant}`, family: 'empty-and-paths', file: `${dir}/empty--${variant}.yaml`, ...extra });
  const unreadable = { verdict: 'unreadable' as const };
  // Over the limit: a real file for a policy-sized limit, a sparse one for the snapshot's 128 MiB.
  const over: Partial<HostileInput> = limit <= 1_000_001 ? { content: '# padding\n'.repeat(Math.ceil(limit / 10)), heavy: true } : { special: { kind: 'sparse', bytes: limit } };
  return [
    input('empty', { content: '', verdict: 'invalid' }),
    input('blank', { content: ' \n\t\n   ', verdict: 'invalid' }),
    input('null', { content: 'null\n', verdict: 'invalid' }),
    input('list', { content: '[]\n', verdict: 'invalid' }),
    input('string', { content: 'just a string\n', verdict: 'invalid' }),
    input('over-limit', { ...over, ...unreadable, code: 'input-too-large' }),
    input('directory', { special: { kind: 'directory' }, ...unreadable }),
    input('symlink-to-dev-zero', { special: { kind: 'symlink', target: '/dev/zero' }, ...unreadable }),
    { ...input('dev-zero', { special: { kind: 'none' }, ...unreadable }), file: '/dev/zero' },
    input('missing', { special: { kind: 'none' }, ...unreadable }),
  ];
}
