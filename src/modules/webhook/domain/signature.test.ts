import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSecret, newSecret, sign, signedHeaders } from './signature.ts';

describe('Standard Webhooks signatures', () => {
  it("matches the specification's example", () => {
    // From the Standard Webhooks specification's test vectors.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    expect(sign(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('sends one signature per live secret', () => {
    const [a, b] = [newSecret(), newSecret()];
    expect(isSecret(a)).toBe(true);
    const h = signedHeaders([a, b], 'id1', 1700000000, '{}');
    const key = Buffer.from(b.slice(6), 'base64');
    const second = createHmac('sha256', key).update('id1.1700000000.{}').digest('base64');
    expect(h['webhook-signature'].split(' ')).toEqual([sign(a, 'id1', 1700000000, '{}'), `v1,${second}`]);
  });
});
