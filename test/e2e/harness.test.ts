import {it, expect} from 'vitest';
it('env', () => { const before = JSON.stringify(process.env); console.log(Object.keys(process.env).filter(k => /VITE|TEST|NODE|MODE|DEV|PROD|SSR|BASE|CI|COLOR|TERM/.test(k)).map(k => `${k}=${process.env[k]}`).join('\n')); expect(before.length).toBeGreaterThan(0); });
