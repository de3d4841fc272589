// A real OpenID Connect provider for the console's sign-in tests (issue 12).
//
// Started by the pytest fixture in tests/oidc_fixture.py: listens on 127.0.0.1 on a free port,
// prints one JSON line {"issuer": ...} when ready, and serves until killed. The test client is
// a public native client (no secret, PKCE, loopback redirect with any port, RFC 8252). Users
// and their groups come from users.json; the sign-in page is oidc-provider's devInteractions
// form, which an HTTP client can fill in (any password).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const users = JSON.parse(readFileSync(new URL('./users.json', import.meta.url), 'utf8'));
const idTokenTtl = Number(process.env.OIDC_ID_TOKEN_TTL || 3600);

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'kcc-console',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
    }],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // Entra ID and Keycloak put the requested claims in the ID token; do the same.
    conformIdTokenClaims: false,
    ttl: { IdToken: idTokenTtl, AccessToken: 3600, RefreshToken: 86400, Session: 86400, Grant: 86400 },
    issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token')
      && code.scopes.has('offline_access'),
    async findAccount(ctx, id) {
      const user = users[id.toLowerCase()];
      return {
        accountId: id,
        async claims() {
          if (!user) return { sub: id };
          return { sub: id, email: user.email, email_verified: true, name: user.name, groups: user.groups };
        },
      };
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
