using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Expectations.Data.Csv;

/// <summary>
/// A UTF-8 decoder fallback that replaces each invalid byte sequence with U+FFFD, as the default one does, and
/// remembers that it did: the CSV source then stops with an error naming where (unless asked to replace).
/// </summary>
/// <remarks>Only invalid input reaches a fallback, so valid files decode at full speed.</remarks>
internal sealed class RecordingReplacementFallback : DecoderFallback
{
    private volatile bool _replaced;

    /// <summary>Whether some invalid byte sequence was decoded (as U+FFFD) so far.</summary>
    public bool Replaced => _replaced;

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    /// <summary>A UTF-8 encoding (no BOM written) that decodes with a new fallback of this kind.</summary>
    public static (Encoding Encoding, RecordingReplacementFallback Fallback) CreateEncoding()
    {
        var fallback = new RecordingReplacementFallback();
        return (Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, fallback), fallback);
    }

    private sealed class Buffer(RecordingReplacementFallback owner) : DecoderFallbackBuffer
    {
        private int _remaining;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner._replaced = true;
            _remaining = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0)
            {
                return '\0';
            }

            _remaining--;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (_remaining != 0)
            {
                return false;
            }

            _remaining = 1;
            return true;
        }

        public override void Reset() => _remaining = 0;
    }
}

/// <summary>Finds the first invalid UTF-8 sequence of a CSV file and where it is: line, field and data row.</summary>
internal static class CsvUtf8
{
    /// <summary>Where an invalid byte sequence is.</summary>
    /// <param name="ByteOffset">Offset of its first byte in the file.</param>
    /// <param name="Bytes">The invalid bytes (the sequence the decoder replaces with one U+FFFD).</param>
    /// <param name="Line">1-based physical line, counted as Sep counts them (<c>\n</c>, <c>\r\n</c> or <c>\r</c>).</param>
    /// <param name="Field">0-based field of its record.</param>
    /// <param name="Record">0-based record, blank lines not counted: 0 is the header, 1 the first data row.</param>
    internal readonly record struct Position(long ByteOffset, byte[] Bytes, int Line, int Field, long Record);

    /// <summary>
    /// Scans <paramref name="path"/> for its first invalid UTF-8 sequence (a leading BOM is skipped), following the CSV
    /// structure with <paramref name="separator"/> and <c>"</c> quotes; null when the file is valid UTF-8. Used only
    /// once a read has met invalid bytes, so it favours simplicity over speed.
    /// </summary>
    public static Position? FindFirstInvalid(string path, char separator)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var chars = new char[buffer.Length];
        var scanner = new Scanner((byte)separator);
        long consumed = 0;
        var carry = 0;
        var first = true;
        while (true)
        {
            var read = stream.Read(buffer, carry, buffer.Length - carry);
            var total = carry + read;
            var final = read == 0;
            var span = buffer.AsSpan(0, total);
            if (first && span.Length >= 3 && span[..3].SequenceEqual("\uFEFF"u8))
            {
                span = span[3..];
                consumed = 3;
            }

            first = false;
            var status = Utf8.ToUtf16(span, chars, out var valid, out _, replaceInvalidSequences: false, isFinalBlock: final);
            scanner.Scan(span[..valid]);
            if (status == OperationStatus.InvalidData)
            {
                var bad = span[valid..];
                Rune.DecodeFromUtf8(bad, out _, out var length);
                return new Position(consumed + valid, bad[..Math.Max(1, length)].ToArray(), scanner.Line, scanner.Field, scanner.Record);
            }

            if (final)
            {
                return null;
            }

            // NeedMoreData (a sequence cut by the buffer's end) or Done: keep the unread tail for the next read.
            var tail = span[valid..];
            consumed += valid;
            tail.CopyTo(buffer);
            carry = tail.Length;
        }
    }

    /// <summary>The message for invalid bytes at <paramref name="position"/> of <paramref name="path"/>.</summary>
    public static string Describe(string path, Position position, IReadOnlyList<string> columns)
    {
        var bytes = string.Join(' ', position.Bytes.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
        var where = position.Record == 0
            ? $"line {position.Line} (the header), {ColumnText(position.Field, columns, header: true)}"
            : $"line {position.Line} (data row {(position.Record - 1).ToString(CultureInfo.InvariantCulture)}, 0-based), {ColumnText(position.Field, columns, header: false)}";
        return $"CSV file '{path}', {where}: invalid UTF-8 (byte{(position.Bytes.Length == 1 ? "" : "s")} {bytes} at byte offset {position.ByteOffset.ToString(CultureInfo.InvariantCulture)}). "
            + "The file must be UTF-8: convert it (for example iconv -f latin1 -t utf-8), or read invalid bytes as U+FFFD with CsvOptions.ReplaceInvalidUtf8 (CLI: --replace-invalid-utf8).";
    }

    private static string ColumnText(int field, IReadOnlyList<string> columns, bool header) =>
        header || field >= columns.Count ? $"field {field + 1}" : $"column '{columns[field]}'";

    /// <summary>Follows records, fields and lines over bytes the way Sep splits them: any <c>"</c> toggles quoting.</summary>
    private sealed class Scanner(byte separator)
    {
        private bool _quoted;
        private bool _afterCr;
        private bool _recordEmpty = true;

        public int Line { get; private set; } = 1;

        public int Field { get; private set; }

        public long Record { get; private set; }

        public void Scan(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_afterCr)
                {
                    _afterCr = false;
                    if (b == (byte)'\n')
                    {
                        continue;
                    }
                }

                if (b is (byte)'\n' or (byte)'\r')
                {
                    Line++;
                    _afterCr = b == (byte)'\r';
                    if (!_quoted)
                    {
                        if (!_recordEmpty)
                        {
                            Record++;
                        }

                        Field = 0;
                        _recordEmpty = true;
                    }

                    continue;
                }

                _recordEmpty = false;
                if (b == (byte)'"')
                {
                    _quoted = !_quoted;
                }
                else if (b == separator && !_quoted)
                {
                    Field++;
                }
            }
        }
    }
}
