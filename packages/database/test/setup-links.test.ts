// A setup link sets the first owner password once: each of its conditions holds on its own (unknown, expired,
// used, a password set already), not only behind another one. The web tests use links after the password is
// set, where "a password is set" alone refuses them; here the password is unset each time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { describeEachDriver } from './kit/testing';
import { createSetupToken, getOwner, setFirstOwnerPassword, setOwnerPassword, type Db } from '../src/index';

async function link(db: Db, expiresInMs = 15 * 60_000): Promise<string> {
  const hash = hashToken(newToken());
  await createSetupToken(db, hash, new Date(Date.now() + expiresInMs));
  return hash;
}

describeEachDriver('setup links', (get) => {
  test('with no password set, an unknown or an expired link sets none; a link works once, also after the password is cleared by hand', async () => {
    const { db } = get();
    const owner = await getOwner(db);
    const clearPassword = () => db.query('update users set password_hash = null where id = $1', [owner.id]);
    const password = async () => (await getOwner(db)).password_hash;

    await clearPassword();
    assert.equal(await setFirstOwnerPassword(db, hashToken(newToken()), 'unknown link'), false);
    assert.equal(
      await setFirstOwnerPassword(db, await link(db, -1_000), 'expired link'),
      false,
      'a link printed more than 15 minutes ago',
    );
    assert.equal(await password(), null);

    const once = await link(db);
    assert.equal(await setFirstOwnerPassword(db, once, 'first'), true);
    assert.equal(await password(), 'first');

    // a manual reset (the password cleared in the database): a link used before stays used
    await clearPassword();
    assert.equal(await setFirstOwnerPassword(db, once, 'again'), false);
    assert.equal(await password(), null);
    const fresh = await link(db);
    assert.equal(await setFirstOwnerPassword(db, fresh, 'after the reset'), true);

    // with a password set no link sets another; `passwd` voids the links printed before it
    const printed = await link(db);
    await setOwnerPassword(db, 'by passwd');
    assert.equal(await setFirstOwnerPassword(db, await link(db), 'a second password'), false);
    await clearPassword();
    assert.equal(await setFirstOwnerPassword(db, printed, 'takeover'), false, 'a link printed before passwd');
  });
});
