export { startLocalOidcProvider } from './local-oidc-provider';
export type { LocalOidcAccount, LocalOidcProvider, LocalOidcProviderOptions } from './local-oidc-provider';
export { CookieJar } from './cookie-jar';
export { signInThroughBrowser } from './browser-sign-in';
