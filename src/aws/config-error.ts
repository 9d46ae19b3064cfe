/** The AWS setup (region, credentials) is missing or unusable: a message for the user, not a crash. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
