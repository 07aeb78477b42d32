/** The form controls' edits of the scenario text: the one field changes, comments and the rest stay. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setContextKey, setRequestField } from '../../src/playground/edit.js';

const TEXT = `# who: alice
request:
  action: cams:GetInstance # the action
  resource: "*"
  context:
    acs:SourceIp: 10.0.0.1
    ACS:SecureTransport: "true"
  absent: [acs:MFAPresent]
policies: {}
`;

describe('setRequestField', () => {
  it('changes the action and keeps every comment', () => {
    const next = setRequestField(TEXT, 'action', 'cams:UpdateInstance')!;
    expect(parse(next).request.action).toBe('cams:UpdateInstance');
    expect(next).toContain('# who: alice');
    expect(next).toContain('# the action');
  });

  it('adds a request to a text without one', () => {
    expect(parse(setRequestField('policies: {}\n', 'resource', 'acs:x')!).request.resource).toBe('acs:x');
  });

  it('leaves a text it cannot edit alone (undefined): broken YAML, a list, a request that is not a mapping', () => {
    expect(setRequestField('request: [', 'action', 'a:b')).toBeUndefined();
    expect(setRequestField('- 1\n', 'action', 'a:b')).toBeUndefined();
    expect(setRequestField('request: 5\n', 'action', 'a:b')).toBeUndefined();
  });

  it('writes a hostile value as a value (quoted as YAML needs), never as more YAML', () => {
    const value = 'a: b\n- c # d "e\' {f}';
    expect(parse(setRequestField(TEXT, 'action', value)!).request.action).toBe(value);
  });
});

describe('setContextKey', () => {
  it('sets one value, several values, absent and unknown; each replaces every spelling of the key', () => {
    const one = parse(setContextKey(TEXT, 'acs:securetransport', { mode: 'values', values: ['false'] })!).request;
    expect(one.context).toEqual({ 'acs:SourceIp': '10.0.0.1', 'acs:securetransport': 'false' });
    const several = parse(setContextKey(TEXT, 'acs:SourceIp', { mode: 'values', values: ['10.0.0.1', '10.0.0.2'] })!).request;
    expect(several.context['acs:SourceIp']).toEqual(['10.0.0.1', '10.0.0.2']);
    const absent = parse(setContextKey(TEXT, 'acs:SourceIp', { mode: 'absent' })!).request;
    expect(absent.context).toEqual({ 'ACS:SecureTransport': 'true' });
    expect(absent.absent).toEqual(['acs:MFAPresent', 'acs:SourceIp']);
    const unknown = parse(setContextKey(TEXT, 'acs:mfapresent', { mode: 'unknown' })!).request;
    expect(unknown.absent).toBeUndefined();
  });

  it('creates the context of a request that has none, and keeps a key named __proto__ a key', () => {
    const next = setContextKey('request: { action: a:b }\n', '__proto__', { mode: 'values', values: ['x'] })!;
    const context = parse(next, { merge: false }).request.context;
    expect(Object.keys(context)).toEqual(['__proto__']);
  });

  it('keeps the comments of the text', () => {
    expect(setContextKey(TEXT, 'acs:SourceIp', { mode: 'unknown' })).toContain('# the action');
  });
});

describe('a JSON scenario', () => {
  const JSON_TEXT = JSON.stringify({ request: { action: 'cams:GetInstance', resource: '*', context: { 'ACS:SourceIp': '10.0.0.1' } }, policies: {} }, null, 2);

  it('stays JSON (the scenario reader reads text starting with `{` as JSON only) through every edit', () => {
    let text = setRequestField(JSON_TEXT, 'action', 'cams:UpdateInstance')!;
    text = setContextKey(text, 'acs:sourceip', { mode: 'values', values: ['1.2.3.4', '5.6.7.8'] })!;
    text = setContextKey(text, 'acs:MFAPresent', { mode: 'absent' })!;
    expect(JSON.parse(text).request).toEqual({ action: 'cams:UpdateInstance', resource: '*', context: { 'acs:sourceip': ['1.2.3.4', '5.6.7.8'] }, absent: ['acs:MFAPresent'] });
    text = setContextKey(text, 'acs:sourceip', { mode: 'unknown' })!;
    text = setContextKey(text, 'acs:mfapresent', { mode: 'unknown' })!;
    expect(JSON.parse(text).request).toEqual({ action: 'cams:UpdateInstance', resource: '*' });
  });

  it('keeps __proto__ an own key, and refuses JSON that is not an object with an object request', () => {
    const text = setContextKey('{"request": {}}', '__proto__', { mode: 'values', values: ['x'] })!;
    expect(Object.keys(JSON.parse(text).request.context)).toEqual(['__proto__']);
    expect(setRequestField('[1]', 'action', 'a:b')).toBeUndefined();
    expect(setRequestField('{"request": 5}', 'action', 'a:b')).toBeUndefined();
    expect(setRequestField('{"request": ', 'action', 'a:b')).toBeUndefined();
    expect(setContextKey('{"request": {"context": []}}', 'k', { mode: 'absent' })).toBeUndefined();
  });
});
