// Indexed text and file names are the workspace's, not ours: printed raw, an ESC sequence in them
// could recolour the terminal, move the cursor or (OSC 52) write the user's clipboard. Human output
// shows every control character as a visible escape; --json output stays exact.

// C0 controls (tab excepted), DEL, and the C1 controls that some terminals also obey.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function forTerminal(text: string): string {
  return text.replace(CONTROL, (c) => (c === "\n" ? "\\n" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
