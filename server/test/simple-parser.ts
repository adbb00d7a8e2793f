/**
 * Just enough MIME to read what Tessera sends in tests: the decoded Subject and the text/plain part
 * (quoted-printable or base64, as nodemailer chooses).
 */
export function simpleParser(raw: string): { subject: string; text: string } {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQ(data.replace(/_/g, ' ')),
  );
  const part = /Content-Type: text\/plain[^\r\n]*\r\n(?:Content-Transfer-Encoding: ([^\r\n]+)\r\n)?(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(raw);
  const encoding = (part?.[1] ?? '').toLowerCase();
  const body = part?.[2] ?? '';
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQ(body.replace(/=\r\n/g, '')) : body;
  return { subject, text };
}

function decodeQ(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
