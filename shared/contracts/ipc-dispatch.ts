// Validates an untrusted payload against the channel's schema and calls the agent: the single path
// the Electron handlers and the e2e binding both use, so neither can skip validation.
import { fail, type Result } from '../result';
import { ipcContract, methodOf, type AgentApi, type IpcChannel } from './ipc';

/** Narrows an unknown channel name (from the renderer) to a contract channel. */
export const isIpcChannel = (value: unknown): value is IpcChannel =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ipcContract, value);

type AnyMethod = (payload: unknown) => Promise<Result<unknown>>;

/** Summarizes zod issues as one sentence, naming the fields without echoing their values. */
const describeIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}`)
    .join('; ');

/** Where dispatchIpc reports a throw it turned into INTERNAL (main passes its logger; never the payload). */
export type DispatchFailureLog = (event: { readonly channel: IpcChannel; readonly error: unknown }) => void;

/** Runs one channel: payload validated (VALIDATION_FAILED), throws turned into INTERNAL, never rethrown. */
export const dispatchIpc = async (
  api: AgentApi,
  channel: unknown,
  payload: unknown,
  reportFailure: DispatchFailureLog = () => undefined,
): Promise<Result<unknown>> => {
  if (!isIpcChannel(channel))
    return fail('VALIDATION_FAILED', 'The app asked for an operation that does not exist.');
  const parsed = ipcContract[channel].request.safeParse(payload);
  if (!parsed.success) {
    return fail(
      'VALIDATION_FAILED',
      `The request for ${channel} was not valid (${describeIssues(parsed.error.issues)}).`,
    );
  }
  const method = api[methodOf(channel)] as AnyMethod;
  try {
    return await method.call(api, parsed.data);
  } catch (error) {
    reportFailure({ channel, error });
    return fail('INTERNAL', `Tessera hit an unexpected problem while running ${channel}. Please try again.`);
  }
};
