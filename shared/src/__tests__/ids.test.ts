import { v5 as uuidv5 } from 'uuid';
import { stableId } from '@safety-graph/shared';

const NAMESPACE = '5b1f3d8e-6c1a-4f0e-9a57-2f4c6b8d0e13';

describe('stableId', () => {
  it("is the UUIDv5 of `kind:naturalKey` in safety-graph's namespace, as the uuid library derives it", () => {
    const keys = [
      'IR-10',
      '',
      'IR-07/1404/fatal/12',
      'CU-POLICE-IR-10-01#1404#7#3',
      'شهرستان اصفهان',
      'emoji 🚗 and accents é',
      'x'.repeat(339),
      'x'.repeat(340),
      'ش'.repeat(2_000),
      ...Array.from({ length: 500 }, (_, index) => `key-${index * 7919}`),
    ];
    for (const kind of ['region', 'counseling-session', 'crash-person']) {
      for (const key of keys) expect(stableId(kind, key)).toBe(uuidv5(`${kind}:${key}`, NAMESPACE));
    }
  });
});
