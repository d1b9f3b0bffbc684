// Reads chat webhook URLs from Secrets Manager, with a cache per execution environment (a warm
// Lambda container reuses it for `CACHE_TTL_MS`, so that a rotated URL is picked up soon enough).
// A webhook URL is a credential: it never appears in logs, results or error messages.

// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** How long a webhook URL read from Secrets Manager is reused. */
export const CACHE_TTL_MS = 10 * 60 * 1000;

const cache = new Map<string, { url: string; expires: number }>();

/** Forgets the cached URLs (tests; a new execution environment starts empty anyway). */
export function clearWebhookUrlCache(): void {
  cache.clear();
}

/**
 * The webhook URL in a secret: its `SecretString` is the URL or a JSON object `{"url": "..."}`.
 *
 * @throws Error when the secret cannot be read, or does not hold an `https:` URL (`http:` only to
 * the loopback interface, for local tests); the message never contains the secret's value.
 */
export async function webhookUrl(
  client: SecretsManagerClient, secretArn: string, options: { abortSignal?: AbortSignal; now?: () => number } = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  const hit = cache.get(secretArn);
  if (hit && hit.expires > now()) {
    return hit.url;
  }
  const output = await client.send(new GetSecretValueCommand({ SecretId: secretArn }), { abortSignal: options.abortSignal });
  const url = parseWebhookSecret(output.SecretString);
  cache.set(secretArn, { url, expires: now() + CACHE_TTL_MS });
  return url;
}

/**
 * The URL in a secret string.
 *
 * @throws Error (without the secret's value) when it holds no acceptable URL
 */
export function parseWebhookSecret(secretString: string | undefined): string {
  const raw = secretString?.trim();
  if (!raw) {
    throw new Error('the secret has no SecretString (a binary secret, or empty); store the webhook URL as text');
  }
  let candidate: unknown = raw;
  if (raw.startsWith('{')) {
    try {
      candidate = (JSON.parse(raw) as { url?: unknown }).url;
    } catch {
      throw new Error('the secret looks like JSON but does not parse; store the URL, or {"url": "https://..."}');
    }
  }
  if (typeof candidate !== 'string') {
    throw new Error('the secret\'s JSON has no "url" string');
  }
  let url: URL;
  try {
    url = new URL(candidate.trim());
  } catch {
    throw new Error('the secret does not hold a valid URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`the webhook URL must use https: (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new Error('the webhook URL must not contain user information');
  }
  return url.toString();
}
