import { loadConfig } from '@tweetflow/config';
import { createDatabase, resolveDatabase } from '@tweetflow/db';
import { loadKeyring } from '../load-keyring';
import { reencryptXAccountTokens } from '../reencrypt-x-account-tokens';

// Key rotation: put the new key first in TOKEN_ENCRYPTION_KEYS (keep the old one after it),
// run this, then drop the old key. Every stored X token ends up under the new key.
const config = loadConfig();
const keyring = loadKeyring(config);
const database = await resolveDatabase(config);
const connection = createDatabase(database.url, { max: 2 });
try {
  const rows = await reencryptXAccountTokens(connection.db, keyring);
  console.log(`Re-encrypted ${rows} X account${rows === 1 ? '' : 's'} under key "${keyring.currentKeyId}".`);
} finally {
  await connection.close();
  await database.release();
}
