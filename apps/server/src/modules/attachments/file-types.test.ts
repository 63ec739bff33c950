import { describe, expect, it } from 'vitest';
import { detectType, safeFileName } from './file-types.ts';

describe('attachment file types', () => {
  it('recognises documents by content, not by name', () => {
    expect(detectType(Buffer.from('%PDF-1.7\n'), 'scan.jpg')).toBe('application/pdf');
    expect(detectType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'x')).toBe('image/png');
    expect(detectType(Buffer.from([0x49, 0x49, 0x2a, 0x00, 1, 2]), 'fax.tif')).toBe('image/tiff');
    expect(detectType(Buffer.from('PK\u0003\u0004abc'), 'cerere.docx')).toMatch(/wordprocessingml/);
    expect(detectType(Buffer.from('Bună ziua'), 'note.txt')).toBe('text/plain');
  });

  it('refuses executables, archives and scripts, whatever they are called', () => {
    expect(detectType(Buffer.from('MZ\u0090\u0000'), 'invoice.pdf')).toBeNull();
    expect(detectType(Buffer.from('PK\u0003\u0004abc'), 'photos.zip')).toBeNull();
    expect(detectType(Buffer.from('<html><script>'), 'page.html')).toBeNull();
    expect(detectType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]), 'notes.txt')).toBeNull();
  });

  it('makes file names safe', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ana\\Cerere  autorizație.pdf')).toBe('Cerere autorizație.pdf');
    expect(safeFileName('a\u0000b\u202ec<d>.pdf')).toBe('abcd.pdf');
    expect(safeFileName('...')).toBe('file');
    const long = safeFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(150);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
