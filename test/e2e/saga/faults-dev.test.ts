import { faultCases } from './faults.cases';

describe('dev', () => {
  faultCases();
});
