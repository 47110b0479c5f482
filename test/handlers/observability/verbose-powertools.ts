/*
 * Imported first by tests that read what the handlers write: Powertools reads these settings once,
 * when its Logger and Metrics are made (the Jest configuration silences both for every other test).
 */
Object.assign(process.env, {
  POWERTOOLS_LOG_LEVEL: 'DEBUG',
  // Asked for, and still refused: events carry passwords and tokens, so the handlers never log them.
  POWERTOOLS_LOGGER_LOG_EVENT: 'true',
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_METRICS_NAMESPACE: 'Shop',
  POWERTOOLS_SERVICE_NAME: 'shop-test',
});
