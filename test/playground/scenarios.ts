/** Scenarios the browser tests open: the default one with its unknown key given, a hostile one, the bench's sets. */
import { stringify } from 'yaml';
import { updateRequest } from '../../bench/policies.js';
import { DEFAULT_SCENARIO } from '../../src/playground/page.js';

/** The default scenario with `acs:SourceIp` given: Allow. */
export const WITH_SOURCE_IP = DEFAULT_SCENARIO.replace('acs:SecureTransport: "true"\n  absent', 'acs:SecureTransport: "true"\n    acs:SourceIp: 203.0.113.7\n  absent');

/** Markup and a script end in a policy name, a Sid, a comment and a value: all of it must stay text. */
export const HOSTILE_SCENARIO = `# </script><script>pwned = 1</script><!--
request:
  action: cams:UpdateInstance
  resource: "acs:cams:ap-southeast-1:1234567890123456:instance/<b>bold</b>"
  context: { "<img src=x onerror=pwned=2>": "</script>" }
policies:
  identity:
    - name: "</script><img src=x onerror=pwned=1>"
      document:
        Version: "1"
        Statement:
          - Sid: "<b>sid</b>"
            Effect: Allow
            Action: cams:UpdateInstance
            Resource: "*"
`;

/** A scenario in YAML (what a user types) of the bench's update request and one identity policy per statement list. */
export function scenarioOfStatements(policies: object[][]): string {
  const request = updateRequest();
  return stringify({
    request,
    policies: { identity: policies.map((statements, i) => ({ name: `p${i}`, document: { Version: '1', Statement: statements } })) },
  });
}

/** The default scenario with a typo in a policy: the screenshots show a finding at its line. */
export const WITH_POLICY_TYPO = DEFAULT_SCENARIO.replace('Action: ["cams:Get*", "cams:List*"]', 'Action: ["cams:Get*", "cams:List*", "cams:QueryInstanse"]');
