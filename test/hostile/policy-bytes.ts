/**
 * Hostile policies at the level of bytes and size: broken encodings, very long strings, very many
 * elements, deep nesting, YAML aliases and tags, inputs at and over the size limit, empty inputs,
 * and paths that are not regular files.
 */
import { GOOD_POLICY_TEXT, policy } from './policy-structure.js';
import { prng, type HostileInput } from './inputs.js';


const GOOD = Buffer.from(GOOD_POLICY_TEXT, 'utf8');
/** `bytes` spliced into the good policy at `at`. */
const splice = (at: number, bytes: Buffer) => Buffer.concat([GOOD.subarray(0, at), bytes, GOOD.subarray(at)]);

/** Invalid UTF-8, BOMs, NUL bytes and lone surrogates, inside strings and between tokens. */
function encodings(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const sid = GOOD_POLICY_TEXT.indexOf('ReadInstances') + 4;
  const action = GOOD_POLICY_TEXT.indexOf('cams:UpdateInstance') + 6;
  const between = GOOD_POLICY_TEXT.indexOf('"Statement"');
  const bad: Array<[string, number[]]> = [
    ['ff', [0xff]],
    ['lone-continuation', [0x80]],
    ['overlong-slash', [0xc0, 0xaf]],
    ['cut-sequence', [0xc3, 0x28]],
    ['utf8-surrogate', [0xed, 0xa0, 0x80]],
    ['above-10ffff', [0xf4, 0x90, 0x80, 0x80]],
  ];
  for (const [label, bytes] of bad) {
    inputs.push(policy('invalid-utf8', `sid-${label}`, splice(sid, Buffer.from(bytes))));
    inputs.push(policy('invalid-utf8', `action-${label}`, splice(action, Buffer.from(bytes))));
  }
  inputs.push(policy('invalid-utf8', 'between-tokens-ff', splice(between, Buffer.from([0xff, 0xfe])), { verdict: 'invalid' }));
  inputs.push(policy('invalid-utf8', 'all-high-bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + (i % 128))), { verdict: 'invalid' }));
  const utf16 = (le: boolean) => {
    const body = Buffer.from(GOOD_POLICY_TEXT, 'utf16le');
    if (!le) body.swap16();
    return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
  };
  inputs.push(policy('bom', 'utf8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), GOOD])));
  inputs.push(policy('bom', 'utf8-twice', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), GOOD])));
  inputs.push(policy('bom', 'utf8-yaml', Buffer.from('\ufeffVersion: "1"\nStatement: []\n', 'utf8'), {}, 'yaml'));
  inputs.push(policy('bom', 'utf16le', utf16(true), { verdict: 'invalid' }));
  inputs.push(policy('bom', 'utf16be', utf16(false), { verdict: 'invalid' }));
  inputs.push(policy('bom', 'utf32le', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('{"Version":"1"}', 'utf16le')]), { verdict: 'invalid' }));
  inputs.push(policy('nul', 'leading', splice(0, Buffer.from([0])), { verdict: 'invalid' }));
  inputs.push(policy('nul', 'in-sid', splice(sid, Buffer.from([0]))));
  inputs.push(policy('nul', 'in-action', splice(action, Buffer.from([0]))));
  inputs.push(policy('nul', 'trailing', Buffer.concat([GOOD, Buffer.from([0, 0, 0])]), { verdict: 'invalid' }));
  inputs.push(policy('nul', 'only-nuls', Buffer.alloc(4096), { verdict: 'invalid' }));
  inputs.push(policy('nul', 'yaml-in-value', Buffer.from('Version: "1"\nStatement:\n  - Effect: Allow\n    Action: "cams:\0x"\n    Resource: "*"\n'), {}, 'yaml'));
  for (const [field, at] of [['sid', sid], ['action', action]] as const) {
    inputs.push(policy('lone-surrogate', `${field}-escaped-high`, splice(at, Buffer.from('\\ud800'))));
    inputs.push(policy('lone-surrogate', `${field}-escaped-low`, splice(at, Buffer.from('\\udfff'))));
  }
  inputs.push(policy('lone-surrogate', 'resource-escaped-pair-reversed', Buffer.from('{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:*","Resource":"acs:cams:*:*:instance/\\udc00\\ud800"}]}')));
  inputs.push(policy('lone-surrogate', 'condition-value', Buffer.from('{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:*","Resource":"*","Condition":{"StringLike":{"acs:UserAgent":"\\ud83d*"}}}]}')));
  return inputs;
}

const statement = (s: string) => `{"Version": "1", "Statement": [${s}]}`;

/** Strings of 100,000 and 900,000 characters in each string field; any such policy is far over RAM's 6,144 characters. */
function longStrings(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const random = prng(12);
  for (const length of [100_000, 900_000]) {
    const s = Array.from({ length: 64 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('').repeat(Math.ceil(length / 64)).slice(0, length);
    const fields: Array<[string, string]> = [
      ['action', statement(`{"Effect": "Allow", "Action": "cams:${s}", "Resource": "*"}`)],
      ['resource', statement(`{"Effect": "Allow", "Action": "cams:*", "Resource": "acs:cams:*:*:instance/${s}*"}`)],
      ['sid', statement(`{"Sid": "${s}", "Effect": "Allow", "Action": "cams:*", "Resource": "*"}`)],
      ['condition-value', statement(`{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {"StringLike": {"acs:UserAgent": "*${s.split('').join('?').slice(0, length)}*"}}}`)],
    ];
    for (const [field, text] of fields) inputs.push(policy('long-string', `${field}-${length}`, text, { verdict: 'invalid', heavy: true }));
  }
  return inputs;
}

/** Very many statements, values and actions (issue 12 item 4: 190,000 invalid actions overflowed the stack). */
function manyElements(): HostileInput[] {
  const n = 10_000;
  const statements = Array.from({ length: n }, (_, i) => `{"Effect": "${i % 7 === 0 ? 'Deny' : 'Allow'}", "Action": "cams:Get${i}", "Resource": "acs:cams:*:*:instance/i-${i}"}`).join(',\n');
  const ips = Array.from({ length: n }, (_, i) => `"10.${(i >> 8) & 255}.${i & 255}.0/24"`).join(',');
  const likes = Array.from({ length: n }, (_, i) => `"agent-${i}-*"`).join(',');
  const actions = Array.from({ length: 190_000 }, () => '"a"').join(',');
  const resources = Array.from({ length: n }, (_, i) => `"acs:cams:*:*:instance/i-${i}"`).join(',');
  const heavy = { verdict: 'invalid' as const, heavy: true };
  return [
    policy('many', 'statements-10000', statement(statements), heavy),
    policy('many', 'ip-values-10000', statement(`{"Effect": "Allow", "Action": "cams:UpdateInstance", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": [${ips}]}}}`), heavy),
    policy('many', 'like-values-10000', statement(`{"Effect": "Allow", "Action": "cams:UpdateInstance", "Resource": "*", "Condition": {"StringLike": {"acs:UserAgent": [${likes}]}}}`), heavy),
    policy('many', 'invalid-actions-190000', statement(`{"Effect": "Allow", "Action": [${actions}], "Resource": "*"}`), heavy),
    policy('many', 'resources-10000', statement(`{"Effect": "Allow", "Action": "cams:UpdateInstance", "Resource": [${resources}]}`), heavy),
  ];
}

/** Nesting 1,000 and 10,000 deep, in JSON and YAML (issue 12 items 4 and 5). */
function deepNesting(): HostileInput[] {
  const inputs: HostileInput[] = [];
  // Cheap when the readers bound depth first, so every command gets them.
  const invalid = { verdict: 'invalid' as const };
  for (const depth of [1_000, 10_000]) {
    inputs.push(policy('deep', `json-array-${depth}`, '['.repeat(depth) + ']'.repeat(depth), invalid));
    inputs.push(policy('deep', `json-object-${depth}`, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), invalid));
    inputs.push(policy('deep', `json-unclosed-${depth}`, '['.repeat(depth), invalid));
    inputs.push(policy('deep', `json-condition-${depth}`, statement(`{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {"StringEquals": {"acs:UserAgent": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}}}`), invalid));
    inputs.push(policy('deep', `yaml-sequence-${depth}`, '- '.repeat(depth) + 'x\n', invalid, 'yaml'));
    inputs.push(policy('deep', `yaml-flow-${depth}`, '['.repeat(depth) + ']'.repeat(depth) + '\n', invalid, 'yaml'));
  }
  inputs.push(policy('deep', 'yaml-mapping-400', Array.from({ length: 400 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', invalid, 'yaml'));
  return inputs;
}

/** Alias bombs and tags (issue 12 item 4: ten aliases to a 50,000-item list took 570 MB). */
function yamlFeatures(): HostileInput[] {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    laughs.push(`${next}: &${next} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  const list = '[' + Array.from({ length: 50_000 }, () => 'x').join(', ') + ']';
  const tenAliases = `Version: "1"\nStatement:\n  - Effect: Allow\n    Action: &list ${list}\n    Resource: [${Array(10).fill('*list').join(', ')}]\n    Sid: [${Array(10).fill('*list').join(', ')}]\n`;
  const heavy = { verdict: 'invalid' as const, heavy: true };
  const tag = (label: string, line: string) => policy('yaml-tag', label, `Version: "1"\nStatement:\n  - Effect: Allow\n    Action: cams:*\n    Resource: "*"\n    ${line}\n`, {}, 'yaml');
  return [
    policy('yaml-alias', 'billion-laughs', `${laughs.join('\n')}\nVersion: "1"\nStatement: *i\n`, heavy, 'yaml'),
    policy('yaml-alias', 'ten-aliases-to-50000', tenAliases, heavy, 'yaml'),
    policy('yaml-alias', 'self-reference', 'a: &a [*a]\nVersion: "1"\nStatement: *a\n', { verdict: 'invalid' }, 'yaml'),
    policy('yaml-alias', 'undefined-alias', 'Version: "1"\nStatement: *nothing\n', { verdict: 'invalid' }, 'yaml'),
    policy('yaml-alias', 'merge-chain', `base: &b {Effect: Allow, Action: "cams:*", Resource: "*"}\nVersion: "1"\nStatement:\n${Array.from({ length: 200 }, () => '  - <<: *b').join('\n')}\n`, { verdict: 'invalid' }, 'yaml'),
    policy('yaml-alias', 'statement-aliased-2000', `Version: "1"\nStatement:\n  - &s {Effect: Allow, Action: "cams:*", Resource: "*"}\n${'  - *s\n'.repeat(2000)}`, {}, 'yaml'),
    tag('js-function', 'Sid: !!js/function "function () { process.exit(7) }"'),
    tag('js-regexp', 'Condition: {StringLike: {acs:UserAgent: !!js/regexp /(a+)+$/}}'),
    tag('binary', 'Sid: !!binary aGVsbG8='),
    tag('set', 'Sid: !!set {a, b}'),
    tag('omap', 'Sid: !!omap [a: 1]'),
    tag('custom', 'Sid: !Ref Something'),
    tag('python-object', 'Sid: !!python/object/apply:os.system ["id"]'),
    tag('timestamp', 'Sid: !!timestamp 2001-12-14t21:59:43.10-05:00'),
    tag('verbatim', 'Sid: !<tag:yaml.org,2002:str> x'),
    policy('yaml-tag', 'int-version', 'Version: !!int "1"\nStatement: []\n', { verdict: 'invalid' }, 'yaml'),
  ];
}

/** At and over the 1,000,000-byte limit; empty and blank documents; paths that are not files. */
function sizesAndPaths(): HostileInput[] {
  const pad = (bytes: number) => GOOD_POLICY_TEXT.trimEnd() + ' '.repeat(bytes - Buffer.byteLength(GOOD_POLICY_TEXT.trimEnd()));
  const empty = (variant: string, content: string, ext = 'json') => policy('empty', `${variant}-${ext}`, content, { verdict: 'invalid' }, ext);
  const path = (variant: string, file: string, special: HostileInput['special'], extra: Partial<HostileInput> = {}): HostileInput => ({ name: `not-a-file/${variant}`, family: 'not-a-file', file, special, verdict: 'unreadable', ...extra });
  return [
    policy('size', 'over-limit-1000001', pad(1_000_001), { verdict: 'unreadable', code: 'input-too-large', heavy: true }),
    policy('size', 'at-limit-1000000', pad(1_000_000), { heavy: true }),
    { name: 'size/sparse-2gb', family: 'size', file: 'policies/size/sparse-2gb.json', special: { kind: 'sparse', bytes: 2 ** 31 }, verdict: 'unreadable', code: 'input-too-large' },
    ...['', ' \n\t \n', '\n'].flatMap((text, i) => [empty(`blank-${i}`, text), empty(`blank-${i}`, text, 'yaml')]),
    empty('null', 'null'),
    empty('object', '{}'),
    empty('array', '[]'),
    empty('string', '"x"'),
    empty('number', '0'),
    empty('yaml-document-markers', '---\n...\n---\n', 'yaml'),
    empty('yaml-comment-only', '# nothing here\n', 'yaml'),
    path('directory', 'policies/not-a-file/a-directory.json', { kind: 'directory' }),
    path('dev-zero', '/dev/zero', { kind: 'none' }),
    path('dev-null', '/dev/null', { kind: 'none' }),
    path('symlink-to-dev-zero', 'policies/not-a-file/zero.json', { kind: 'symlink', target: '/dev/zero' }),
    path('dangling-symlink', 'policies/not-a-file/dangling.json', { kind: 'symlink', target: 'does-not-exist.json' }),
    path('symlink-loop', 'policies/not-a-file/loop.json', { kind: 'symlink', target: 'loop.json' }),
    path('missing', 'policies/not-a-file/missing.json', { kind: 'none' }),
  ];
}

/** The byte- and size-level families of hostile policies. */
export function bytePolicies(): HostileInput[] {
  return [...encodings(), ...longStrings(), ...manyElements(), ...deepNesting(), ...yamlFeatures(), ...sizesAndPaths()];
}
