// The terminal's raw input, split between the shells and Ink. fleetdeck reads stdin itself: while the shells are
// shown every byte goes to the workspace (and from there, untouched, to the focused remote shell); otherwise, or
// after a key that hides the shells, the bytes go on to Ink through a stand-in stdin. Ink never sees a keystroke
// meant for a shell, and a shell never gets one meant for the dashboard.
import {PassThrough} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';

export interface InputSink {
  readonly state: {visible: boolean};
  /** Returns what is left for the dashboard. */
  handleInput(data: string): string;
}

export interface RoutedInput {
  /** The stdin to give Ink's render(). */
  inkStdin: NodeJS.ReadStream;
  dispose(): void;
}

export function routeInput(real: NodeJS.ReadStream, sink: InputSink): RoutedInput {
  const ink = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  const stand = ink as unknown as {isTTY: boolean; isRaw: boolean; setRawMode(on: boolean): unknown; ref(): unknown; unref(): unknown};
  stand.isTTY = real.isTTY === true;
  stand.isRaw = false;
  stand.setRawMode = (on: boolean) => {
    if (real.isTTY) real.setRawMode(on);
    stand.isRaw = on;
    return ink;
  };
  stand.ref = () => {
    real.ref();
    return ink;
  };
  stand.unref = () => {
    real.unref();
    return ink;
  };
  const decoder = new StringDecoder('utf8');
  const onData = (chunk: Buffer | string) => {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text === '') return;
    if (sink.state.visible) text = sink.handleInput(text);
    if (text !== '') ink.write(text);
  };
  real.on('data', onData);
  return {
    inkStdin: ink,
    dispose: () => {
      real.off('data', onData);
      real.pause();
      ink.end();
    },
  };
}
