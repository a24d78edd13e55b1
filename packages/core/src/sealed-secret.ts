// Channel secrets at rest (issue 19): the web app seals a bot token, SMTP password or webhook URL to the
// bridge's X25519 public key (published in the database); only the bridge, which sends, holds the private key
// (in its data folder, mode 0600). The web app can store a secret but never read one back; a stolen database
// holds no usable secret. ECDH with an ephemeral key, HKDF-SHA256, AES-256-GCM. Server-side only.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

const INFO = 'agent-studio sealed secret v1';

export interface SealingKeyPair {
  /** SPKI DER, base64url: what the web app seals to. */
  publicKey: string;
  privateKeyPem: string;
}

export const sealingKeyId = (publicKey: string) => createHash('sha256').update(publicKey).digest('hex').slice(0, 12);

export function newSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function derive(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeral, INFO, 32));
}

/** `v1.<keyId>.<ephemeral>.<iv>.<tag>.<ciphertext>` */
export function sealSecret(publicKey: string, plaintext: string): string {
  const recipient = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const ephemeral = eph.publicKey.export({ type: 'spki', format: 'der' });
  const key = derive(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), ephemeral);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', sealingKeyId(publicKey), ephemeral, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export class SealedForAnotherKeyError extends Error {}

/** Opens a sealed secret; throws SealedForAnotherKeyError when it was sealed to a different key pair. */
export function openSecret(keys: SealingKeyPair, sealed: string): string {
  const [version, keyId, ephemeral, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !ephemeral || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
  if (keyId !== sealingKeyId(keys.publicKey)) throw new SealedForAnotherKeyError('sealed to another key');
  const eph = Buffer.from(ephemeral, 'base64url');
  const shared = diffieHellman({
    privateKey: createPrivateKey(keys.privateKeyPem),
    publicKey: createPublicKey({ key: eph, format: 'der', type: 'spki' }),
  });
  const decipher = createDecipheriv('aes-256-gcm', derive(shared, eph), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** What the studio shows of a secret: its last four characters. */
export const secretHint = (secret: string) => (secret.length > 8 ? `…${secret.slice(-4)}` : '…');
