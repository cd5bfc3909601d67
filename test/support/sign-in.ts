// Signs in as one of the fake Cognito's seeded people through the real flow, as the console will
// (infra/local/sign-in.ts), against the stack the test run started. For tests that need a person's
// access token.
import { LOCAL_CLIENT_ID } from '../../infra/local/fake-cognito.ts';
import * as local from '../../infra/local/sign-in.ts';
import { stack } from './stack.ts';

export const ISSUER = local.issuerOf(stack.url);
export const CLIENT_ID = LOCAL_CLIENT_ID;
export const REDIRECT_URI = local.LOCAL_REDIRECT_URI;
export const pkcePair = local.pkcePair;

export const authorizeUrl = (params: { state: string; challenge: string; redirectUri?: string }): string => local.authorizeUrl(stack.url, params);

/** Opens the authorize page and chooses `username`; returns where the fake redirected to. */
export const chooseOnAuthorizePage = (authorize: string, username: string): Promise<URL> => local.chooseOnAuthorizePage(stack.url, authorize, username);

export const exchangeCode = (form: Record<string, string>) => local.exchangeCode(stack.url, form);

/** The tokens of a seeded person (see SEEDED_PEOPLE in infra/local/fake-cognito.ts), through the whole flow. */
export const signInAs = (username: string): Promise<{ accessToken: string; idToken: string }> => local.signInLocally(stack.url, username);
