using System.Text;

namespace Expectations.Kernels;

/// <summary>
/// Normalises UTF-8 text into a reused scratch buffer: each run of Unicode whitespace (<see cref="Rune.IsWhiteSpace"/>,
/// what <see cref="char.IsWhiteSpace(char)"/> accepts) as one ASCII space, then leading and trailing whitespace removed, then
/// each code point lower-cased by <see cref="Rune.ToLowerInvariant"/> (the invariant mapping of
/// <see cref="string.ToLowerInvariant"/>). ASCII bytes take a fast path; a text that the chosen steps leave unchanged is
/// returned as is, without a copy (checked first, in one pass that writes nothing). Bytes that are not valid UTF-8 are kept unchanged (and are never whitespace).
/// </summary>
internal sealed class Utf8TextNormalizer(bool whitespace, bool trim, bool lowerCase)
{
    private byte[] _buffer = new byte[256];

    /// <summary>The normalised form of <paramref name="text"/>: <paramref name="text"/> itself when nothing changes, otherwise a span of the scratch buffer, valid until the next call.</summary>
    public ReadOnlySpan<byte> Normalize(ReadOnlySpan<byte> text)
    {
        if (IsNormal(text))
        {
            return text;
        }

        // Lower-casing never grows a code point's UTF-8 beyond 3 bytes per input byte; whitespace and trim only shrink.
        if (_buffer.Length < text.Length * 3)
        {
            _buffer = new byte[Math.Max(text.Length * 3, _buffer.Length * 2)];
        }

        var output = _buffer.AsSpan();
        var n = 0;
        var i = 0;
        var seenText = false;
        while (i < text.Length)
        {
            var b = text[i];
            if (b < 0x80 && !IsAsciiSpace(b))
            {
                // The common case: an ASCII letter, digit or sign.
                output[n++] = lowerCase && b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
                i++;
                seenText = true;
                continue;
            }

            Rune rune;
            int length;
            if (b < 0x80)
            {
                rune = new Rune(b);
                length = 1;
            }
            else if (Rune.DecodeFromUtf8(text[i..], out rune, out length) != System.Buffers.OperationStatus.Done)
            {
                // Not valid UTF-8: kept as is, never whitespace.
                text.Slice(i, length).CopyTo(output[n..]);
                n += length;
                i += length;
                seenText = true;
                continue;
            }

            if (IsSpace(rune, b))
            {
                var runEnd = i + length;
                while (runEnd < text.Length && NextIsSpace(text, runEnd, out var l))
                {
                    runEnd += l;
                }

                var leading = !seenText;
                var trailing = runEnd == text.Length;
                if (trim && (leading || trailing))
                {
                    // Collapsed to one space, then trimmed away.
                }
                else if (whitespace)
                {
                    output[n++] = (byte)' ';
                }
                else
                {
                    text[i..runEnd].CopyTo(output[n..]);
                    n += runEnd - i;
                }

                i = runEnd;
                continue;
            }

            seenText = true;
            if (lowerCase)
            {
                rune = b < 0x80 ? new Rune(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b) : Lower(rune);
            }

            n += rune.EncodeToUtf8(output[n..]);
            i += length;
        }

        return output[..n];
    }

    /// <summary>
    /// <see cref="Rune.ToLowerInvariant"/>, from a table for the Basic Multilingual Plane: the invariant mapping calls into
    /// ICU for every non-ASCII character, which would dominate the loop. The table is that same mapping, computed once by
    /// one <see cref="string.ToLowerInvariant"/> over every BMP character (a mapping that keeps the length, character by character).
    /// </summary>
    private static Rune Lower(Rune rune) =>
        rune.IsBmp ? new Rune(LowerBmp.Value[rune.Value]) : Rune.ToLowerInvariant(rune);

    private static readonly Lazy<char[]> LowerBmp = new(static () =>
    {
        var all = new char[0x10000];
        for (var c = 0; c < all.Length; c++)
        {
            // Surrogates stand for themselves (a BMP rune is never one), so that no pair forms in the string.
            all[c] = c is >= 0xD800 and <= 0xDFFF ? ' ' : (char)c;
        }

        var lower = new string(all).ToLowerInvariant().ToCharArray();
        for (var c = 0xD800; c <= 0xDFFF; c++)
        {
            lower[c] = (char)c;
        }

        return lower;
    });

    private static bool IsSpace(Rune rune, byte first) => first < 0x80 ? IsAsciiSpace(first) : Rune.IsWhiteSpace(rune);

    private static bool IsAsciiSpace(byte b) => b is (byte)' ' or >= 0x09 and <= 0x0D;

    private static bool NextIsSpace(ReadOnlySpan<byte> text, int at, out int length)
    {
        var b = text[at];
        if (b < 0x80)
        {
            length = 1;
            return b is (byte)' ' or >= 0x09 and <= 0x0D;
        }

        if (Rune.DecodeFromUtf8(text[at..], out var rune, out length) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        return Rune.IsWhiteSpace(rune);
    }

    /// <summary>Whether the steps leave <paramref name="text"/> unchanged, so that it needs no copy.</summary>
    private bool IsNormal(ReadOnlySpan<byte> text)
    {
        var previousSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b >= 0x80)
            {
                // A code point that is not whitespace and (with case) is its own lower case leaves the text as it is.
                if (Rune.DecodeFromUtf8(text[i..], out var rune, out var length) == System.Buffers.OperationStatus.Done
                    && (Rune.IsWhiteSpace(rune) || (lowerCase && Lower(rune) != rune)))
                {
                    return false;
                }

                previousSpace = false;
                i += length - 1;
                continue;
            }

            if (b is (byte)' ' or >= 0x09 and <= 0x0D)
            {
                if (trim && (i == 0 || i == text.Length - 1))
                {
                    return false;
                }

                if (whitespace && (b != (byte)' ' || previousSpace))
                {
                    return false;
                }

                previousSpace = true;
                continue;
            }

            previousSpace = false;
            if (lowerCase && b is >= (byte)'A' and <= (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }
}
