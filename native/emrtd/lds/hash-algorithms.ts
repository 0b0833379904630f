/** Digest algorithm OIDs used by EF.SOD and their node:crypto names. */
export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export const HASH_OIDS: Readonly<Record<HashName, string>> = {
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

export function hashNameOfOid(oid: string): HashName | undefined {
  return (Object.keys(HASH_OIDS) as HashName[]).find((name) => HASH_OIDS[name] === oid);
}
