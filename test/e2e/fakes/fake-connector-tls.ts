import { globalAgent } from 'node:https';
import { afterAll, beforeAll } from 'vitest';

/**
 * A self-signed certificate for 127.0.0.1 and localhost, for the fake Microsoft login only (MSAL
 * refuses a plain-http authority). Test material, never used outside test/: the key is public on
 * purpose. Valid 2020–2120, so the suite does not start failing on a date.
 */
export const FAKE_LOGIN_TLS = {
  key: `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg39oiBpoKxpnSADSn
TosYwA4QWeemUGkyE4SRBfil1NqhRANCAATyPdj8biLF/IvhA9/UfqMvGVrQ3c/v
X7Yth7VRXKG7oFYcP2Blj5sY5g7PNCLwhZIJF/aQ1DE9oGi4YA4UOWD8
-----END PRIVATE KEY-----
`,
  cert: `
-----BEGIN CERTIFICATE-----
MIIBpjCCAU2gAwIBAgIUH4NvET1LbReRYCHC9HNxRPq6J5YwCgYIKoZIzj0EAwIw
MjEwMC4GA1UEAwwncGxhbmJvdCBmYWtlIEJvdCBDb25uZWN0b3IgKHRlc3RzIG9u
bHkpMCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjAyMTAwLgYDVQQD
DCdwbGFuYm90IGZha2UgQm90IENvbm5lY3RvciAodGVzdHMgb25seSkwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATyPdj8biLF/IvhA9/UfqMvGVrQ3c/vX7Yth7VR
XKG7oFYcP2Blj5sY5g7PNCLwhZIJF/aQ1DE9oGi4YA4UOWD8oz8wPTAaBgNVHREE
EzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8E
BAMCAoQwCgYIKoZIzj0EAwIDRwAwRAIgYeGLNlTs0qUPgvV+OvkB6b0VsLLzxxLm
034PsXPMY0ICID5pqR8tbibxw9cwhXPL9YlFgoFHCbt1VlznyR93Poau
-----END CERTIFICATE-----
`,
};

/**
 * For in-process tests: MSAL uses Node's global https agent, so trust the fake login's certificate
 * there for the file's tests (child planbot processes get NODE_EXTRA_CA_CERTS instead).
 */
export function trustFakeLoginInThisProcess(): void {
  let previous: typeof globalAgent.options.ca;
  beforeAll(() => {
    previous = globalAgent.options.ca;
    globalAgent.options.ca = FAKE_LOGIN_TLS.cert;
  });
  afterAll(() => {
    globalAgent.options.ca = previous;
  });
}
