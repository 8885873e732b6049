export { TokenKeyring, TokenDecryptionError, parseTokenKeys, generateTokenKeySpec, type TokenKey } from './token-keyring';
export { loadKeyring, DEV_KEY_FILE } from './load-keyring';
export { reencryptXAccountTokens } from './reencrypt-x-account-tokens';
