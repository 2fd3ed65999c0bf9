import type { OcpDataProvider } from '@ocp/contract';

let pageProvider: OcpDataProvider | undefined;

/**
 * Sets the provider every element uses when its own `provider` property is unset — handy in plain HTML,
 * where one `setDefaultProvider(createOcpProvider(…))` serves every element on the page.
 */
export function setDefaultProvider(provider: OcpDataProvider | undefined): void {
  pageProvider = provider;
}

export function defaultProvider(): OcpDataProvider | undefined {
  return pageProvider;
}
