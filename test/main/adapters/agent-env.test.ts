import { describe, expect, it } from 'vitest';
import { readAgentEnv } from '../../../src-main/config/agent-env';
import { loadConfig } from '../../../src-main/config/load-config';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

// The agent's variables go through one schema (src-main/config/agent-env.ts): a bad value is a sentence
// naming the variable, never NaN or a silent default.

describe('agent environment', () => {
  it('reads TESSERA_DEBUG, TESSERA_TIMEOUT_MS and TESSERA_DEV_SERVER_URL', () => {
    expect(
      readAgentEnv({
        TESSERA_DEBUG: 'true',
        TESSERA_TIMEOUT_MS: '2500',
        TESSERA_DEV_SERVER_URL: 'http://localhost:5173/x',
      }),
    ).toEqual({
      ok: true,
      value: {
        TESSERA_DEBUG: true,
        TESSERA_TIMEOUT_MS: 2500,
        TESSERA_DEV_SERVER_URL: 'http://localhost:5173/',
      },
    });
    expect(readAgentEnv({})).toEqual({
      ok: true,
      value: { TESSERA_DEBUG: false, TESSERA_TIMEOUT_MS: undefined, TESSERA_DEV_SERVER_URL: undefined },
    });
  });

  it('names each bad variable in one sentence', () => {
    const bad = readAgentEnv({ TESSERA_DEBUG: 'maybe', TESSERA_TIMEOUT_MS: 'soon' });
    expect(bad.ok ? '' : bad.error.message).toBe(
      'TESSERA_DEBUG must be 1 or 0 (or true/false, yes/no, on/off). TESSERA_TIMEOUT_MS must be a whole number of milliseconds above 0.',
    );
  });

  it('a TESSERA_TIMEOUT_MS that is not a number stops loading the config (it used to become NaN)', async () => {
    const config = await loadConfig({ dataDir: await tempDir() }, { TESSERA_TIMEOUT_MS: '10s' });
    expect(config.ok ? 'loaded' : config.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'TESSERA_TIMEOUT_MS must be a whole number of milliseconds above 0.',
    });
  });
});
