export { createOcpClient, type OcpClient, type OcpClientOptions } from './client.js';
export { errorCode, OcpClientError, type ProviderErrorClass, toProviderError } from './errors.js';
export { createOcpProvider, type OcpProviderOptions } from './provider.js';
