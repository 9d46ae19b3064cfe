// The local fleet's documents now live in ssm/documents/; this path keeps Run Command's imports working.
export * from './ssm/documents/builtin-documents.js';
