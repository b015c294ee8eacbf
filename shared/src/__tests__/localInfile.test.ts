import { QueryFailedError } from 'typeorm';
import { checkLoaded, infileField, isDuplicateKeyError, localInfileData, localInfileStream } from '..';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('LOAD DATA LOCAL INFILE from memory', () => {
  it('writes values as LOAD DATA reads them: NULL, numbers, UTC dates, escaped tabs, newlines and backslashes, Persian as it is', () => {
    expect(infileField(null)).toBe('\\N');
    expect(infileField(undefined)).toBe('\\N');
    expect(infileField(42)).toBe('42');
    expect(infileField(true)).toBe('1');
    expect(infileField(new Date('2025-06-02T04:00:05.123Z'))).toBe('2025-06-02 04:00:05.123');
    expect(infileField('a\tb\nc\\d\re\0')).toBe('a\\tb\\nc\\\\d\\re\\0');
    expect(infileField('پرونده ۱۲')).toBe('پرونده ۱۲');
  });

  it('gives the registered data once under its name, and nothing for any other name (never a file)', async () => {
    const name = localInfileData('1\tx\n');
    expect(await text(localInfileStream(name))).toBe('1\tx\n');
    expect(await text(localInfileStream(name))).toBe('');
    expect(await text(localInfileStream('/etc/passwd'))).toBe('');
  });

  it('throws when rows were skipped (as a duplicate key) or warned about', () => {
    expect(() => checkLoaded('LOAD DATA', { affectedRows: 3, warningStatus: 0 }, 3)).not.toThrow();
    const skipped = (() => {
      try {
        checkLoaded('LOAD DATA', { affectedRows: 2, warningStatus: 1 }, 3);
      } catch (error) {
        return error;
      }
    })();
    expect(skipped).toBeInstanceOf(QueryFailedError);
    expect(isDuplicateKeyError(skipped)).toBe(true);
    expect(() => checkLoaded('LOAD DATA', { affectedRows: 3, warningStatus: 2 }, 3)).toThrow('2 warnings');
  });
});
