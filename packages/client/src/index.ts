export { OcpProviderError } from '@ocp/contract/errors';
export { createOcpClient, type OcpClient, type OcpClientOptions } from './client.js';
export { errorCode, toProviderError } from './errors.js';
export { createOcpProvider, type OcpProviderOptions } from './provider.js';
