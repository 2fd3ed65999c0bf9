export { createOcpClient, type OcpClient, type OcpClientOptions } from './client.js';
