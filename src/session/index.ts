export * from './message.js';
export * from './uuid-wire.js';
export * from './payloads.js';
export * from './handshake.js';
export * from './chunk.js';
export * from './channel.js';
export * from './smux.js';
export * from './versions.js';
export {goJson, goJsonBytes} from './go-json.js';
