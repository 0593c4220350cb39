/** Reads all of stdin (for `echo $KEY | tessera login`), trimmed. */
const readPiped = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').trim();
};

/** Prompts on the terminal without echoing what is typed, so the key never shows on screen. */
const promptHidden = async (question: string): Promise<string> => {
  // Loaded for a prompt only: the commands that never ask start without readline.
  const [{ createInterface }, { Writable }] = await Promise.all([
    import('node:readline'),
    import('node:stream'),
  ]);
  return new Promise((resolve) => {
    let muted = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (!muted) process.stderr.write(chunk);
        callback();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer.trim());
    });
    muted = true;
  });
};

/** The API key from a pipe or a hidden prompt; never from argv (shell history, process list). */
export const readSecret = (question: string): Promise<string> =>
  process.stdin.isTTY ? promptHidden(question) : readPiped();
