// What the Parameter Store views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port; the dashboard adds the editor and the reveal time).
import type {ParameterPort} from '../../fleet/parameters/port.js';

declare module '../view.js' {
  interface Services {
    /** Parameter Store (fleet/parameters/port.ts). */
    parameters?: ParameterPort;
    /** How long a revealed SecureString stays on screen, in seconds (the revealSeconds setting; default 30). */
    revealSeconds?: number;
    /** Schedules the reveal's auto-hide; returns its cancel (tests drive it; default setTimeout). */
    parameterTimer?: (fn: () => void, ms: number) => () => void;
    /**
     * Lets the user edit `text` in their $EDITOR on the real terminal (the dashboard stays up and is drawn again
     * after); resolves with the text saved, or undefined when the editor failed or was quit without saving.
     */
    editText?: (text: string, hint: string) => Promise<string | undefined>;
  }
}

export const DEFAULT_REVEAL_SECONDS = 30;
