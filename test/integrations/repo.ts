/**
 * Temporary git repositories for the integration tests (the GitHub Action's script and the
 * pre-commit hook), and the policies they hold.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const policy = (...statements: object[]) => JSON.stringify({ Version: '1', Statement: statements }, null, 2) + '\n';
const INSTANCE = 'acs:cams:*:*:instance/*';
const READ = { Effect: 'Allow', Action: ['cams:Get*', 'cams:List*'], Resource: '*' };
const trust = (user: string) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::1111222233334444:user/${user}`] } });

/** Policies by what a test needs of them. */
export const POLICIES = {
  readOnly: policy(READ),
  readAndUpdate: policy(READ, { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: INSTANCE }),
  /** An error: `unknown-action`. */
  typo: policy({ Effect: 'Allow', Action: 'cams:UpdateInstanse', Resource: INSTANCE }),
  trustAlice: policy(trust('alice')),
  trustAliceAndBob: policy(trust('alice'), trust('bob')),
  /** A security warning only: `allow-star-on-star`. */
  admin: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
};

/** A temporary git repository on branch `main`. */
export class TempRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'ramguard-integration-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'ci@example.com');
    this.git('config', 'user.name', 'ci');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8' });
  }

  /** Writes `files` (path → text), creating folders. */
  write(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), text);
    }
    return this;
  }

  commit(message: string): this {
    this.git('add', '--all');
    this.git('commit', '-q', '-m', message);
    return this;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
