/** warning: an `acs:SourceIp` value in a private or special range, which RAM never sees as the caller's address. */
import { readIpRange, samePrefix, type IpBytes } from '../../conditions/ip.js';
import type { LintRule } from '../types.js';
import { conditionValuePath } from './hygiene-support.js';

/** The private and special ranges, and what they are. */
const SPECIAL: [range: string, what: string][] = [
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['127.0.0.0/8', 'loopback'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['169.254.0.0/16', 'link-local'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['::1/128', 'loopback'],
];
const RANGES = SPECIAL.map(([range, what]) => ({ range, what, parsed: readIpRange(range)! }));

/** The special range that contains all of `value`'s range, if any. */
function specialRangeOf(network: IpBytes, prefix: number): { range: string; what: string } | undefined {
  return RANGES.find(({ parsed: [n, p] }) => n.kind === network.kind && prefix >= p && samePrefix(network.bytes, n.bytes, p));
}

export const privateIpInSourceIp: LintRule = {
  id: 'private-ip-in-source-ip',
  severity: 'warning',
  title: '`acs:SourceIp` compared with a private or special address',
  help: 'list the public addresses your requests leave from (your NAT gateway or egress IPs); to limit requests to a VPC, use `acs:SourceVpc`',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      for (const clause of s.conditions) {
        if (clause.key.toLowerCase() !== 'acs:sourceip' || (clause.operator !== 'IpAddress' && clause.operator !== 'NotIpAddress')) continue;
        clause.values.forEach((value, i) => {
          const parsed = readIpRange(value);
          const special = parsed && specialRangeOf(parsed[0], parsed[1]);
          if (!special) return;
          report({
            path: conditionValuePath(raw, s, clause, i),
            message: `\`${value}\` is in the ${special.what} range \`${special.range}\`, but \`acs:SourceIp\` is the public address RAM sees (except for requests through a VPC endpoint)`,
          });
        });
      }
    }
  },
};
