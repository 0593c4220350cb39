import { createHttpClient, type HttpClientOptions } from './http-client';
import { createLicenseServerClient, type LicenseServerClient } from './license-server-client';

/** The real client of one license server (transport + contracts), one module so it loads as one lazy chunk. */
export const openLicenseServerClient = (baseUrl: string, options: HttpClientOptions): LicenseServerClient =>
  createLicenseServerClient(createHttpClient(baseUrl, options));
