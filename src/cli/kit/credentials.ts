/**
 * The credential chain of `@alicloud/credentials` (environment, profiles, ECS role), for the
 * commands that call Alibaba Cloud (`update-instance`, `collect`); loaded only when a call needs it.
 */
import type { CredentialSource } from '../../client/transport.js';

/** The chain, reading `profile` when given. */
export async function credentialChain(profile: string | undefined): Promise<CredentialSource> {
  // The chain's profile providers read ALIBABA_CLOUD_PROFILE; the CLI is the edge that may set it.
  if (profile !== undefined) process.env['ALIBABA_CLOUD_PROFILE'] = profile;
  const module = (await import('@alicloud/credentials')) as unknown as { default: { default: new () => CredentialSource } };
  return new module.default.default();
}
