/**
 * `file:` references a scenario or snapshot may hold, from a pull request: paths outside the tree
 * (by `..`, absolutely, through a symlink inside the tree), and paths inside it that are not
 * files. Outside → `path-outside-tree`, nothing read; the secret beside the tree never printed.
 */
import type { HostileInput } from './inputs.js';

/** A reference, the companions it needs (relative to the tree), and what must come of it. */
export interface HostileReference {
  label: string;
  /** The reference text, relative to a file in `dir` (a directory of the tree, one level down). */
  path: string;
  companions: HostileInput[];
  code?: string;
  secret?: string;
}

/**
 * The references for a referencing file in `dir` (one level below the tree): the tree is
 * `<base>/tree`, the secret is `<base>/outside/passwd` (harness.ts). `/etc/passwd`'s first line
 * begins `root:x:0:0` on every Linux system.
 */
export function hostileReferences(dir: string): HostileReference[] {
  const link = (name: string, target: string, kind: 'symlink' | 'directory' = 'symlink'): HostileInput => ({
    name: `companion/${dir}/${name}`,
    family: 'companion',
    file: `${dir}/${name}`,
    special: kind === 'directory' ? { kind } : { kind, target },
  });
  const outside = { code: 'path-outside-tree', secret: 'root:x:0:0' };
  const references: HostileReference[] = [
    { label: 'dot-dot-etc-passwd', path: '../../../../../../../../etc/passwd', companions: [], ...outside },
    { label: 'absolute-etc-passwd', path: '/etc/passwd', companions: [], ...outside },
    { label: 'dot-dot-beside-tree', path: '../../outside/passwd', companions: [], ...outside },
    { label: 'symlink-to-etc-passwd', path: 'passwd-link.json', companions: [link('passwd-link.json', '/etc/passwd')], ...outside },
    { label: 'dot-dot-through-subdir', path: 'sub/../../../outside/passwd', companions: [link('sub', '', 'directory')], ...outside },
    { label: 'proc-environ', path: '/proc/self/environ', companions: [], code: 'path-outside-tree' },
    { label: 'dev-zero', path: '/dev/zero', companions: [], code: 'path-outside-tree' },
    { label: 'directory', path: 'a-directory', companions: [link('a-directory', '', 'directory')] },
    { label: 'symlink-to-dev-zero', path: 'zero-link.json', companions: [link('zero-link.json', '/dev/zero')] },
    { label: 'missing', path: 'no-such-policy.json', companions: [] },
    { label: 'empty-name', path: '', companions: [] },
    { label: 'nul-in-name', path: 'cams-operator.json\u0000.txt', companions: [] },
    { label: 'name-too-long', path: 'a'.repeat(100_000), companions: [] },
    // Symbolic links inside the tree whose (relative) targets leave it: resolved before the check.
    { label: 'symlink-beside-tree', path: 'outside-link.json', companions: [link('outside-link.json', '../../outside/passwd')], ...outside },
    { label: 'symlinked-directory', path: 'outside-dir/passwd', companions: [link('outside-dir', '../../outside')], ...outside },
  ];
  return references;
}
