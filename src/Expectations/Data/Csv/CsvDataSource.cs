using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Expectations.Data.Csv;
using nietras.SeparatedValues;

namespace Expectations;

/// <summary>
/// A CSV file as a data source, read with Sep in chunks of <see cref="CsvOptions.ChunkRows"/> rows, decoding only
/// the requested columns into reused buffers (strings as UTF-8 without a .NET string per value).
/// </summary>
/// <remarks>
/// <para>The first line is the header. Column kinds come from <see cref="CsvOptions.ColumnTypes"/> or are inferred
/// from the first <see cref="CsvOptions.InferenceRows"/> rows the way pandas infers them (see <see cref="Open"/>).
/// A later value that does not parse as its column's kind stops the read with a <see cref="DataSourceException"/>
/// naming the line, column and value: nothing is silently turned into a null.</para>
/// <para>The file is read as UTF-8 (a BOM is skipped). Invalid UTF-8 stops the read with a <see cref="DataSourceException"/>
/// naming the line, data row, column and bytes, unless <see cref="CsvOptions.ReplaceInvalidUtf8"/> asks for U+FFFD instead.</para>
/// <para>Quoted fields may hold separators, quotes (doubled) and line breaks. Blank lines are skipped, as pandas
/// does; in a single-column file write a missing value as <c>""</c> or a null token. Every row must have as many
/// fields as the header.</para>
/// </remarks>
public sealed class CsvDataSource : IDataSource
{
    private const int MaxValueInMessage = 80;

    private readonly string _path;
    private readonly string _fileName;
    private readonly Sep _separator;
    private readonly CsvOptions _options;
    private readonly CsvColumn[] _columns;
    private readonly Dictionary<string, CsvColumn> _byName;
    private readonly CsvNullTokens _nullTokens;

    private CsvDataSource(string path, Sep separator, CsvOptions options, CsvColumn[] columns, CsvNullTokens nullTokens)
    {
        _path = path;
        _fileName = Path.GetFileName(path);
        _separator = separator;
        _options = options;
        _columns = columns;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _nullTokens = nullTokens;
        Columns = [.. columns.Select(c => new ColumnInfo(c.Name, c.Kind, PhysicalTypeOf(c.Kind)))];
    }

    /// <summary>The file path as given to <see cref="Open"/>.</summary>
    public string Description => _path;

    /// <inheritdoc />
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>The field separator in use (given or detected).</summary>
    public char Separator => _separator.Separator;

    /// <summary>
    /// Opens a CSV file: reads its header and, for columns without an explicit type, infers each column's kind from
    /// the first <see cref="CsvOptions.InferenceRows"/> rows as pandas' <c>read_csv</c> does (without
    /// <c>parse_dates</c>). Nulls (see <see cref="CsvOptions.NullTokens"/>) are ignored; of the rest, if every value is
    /// a 64-bit integer the column is <see cref="DataKind.Integer"/> (exact, never a float); else if every value is a
    /// number (invariant culture, also <c>inf</c>, <c>-inf</c>, <c>nan</c>) <see cref="DataKind.Float"/>; else if
    /// every value is <c>True</c>/<c>TRUE</c>/<c>true</c> or <c>False</c>/<c>FALSE</c>/<c>false</c>
    /// <see cref="DataKind.Boolean"/>; else <see cref="DataKind.String"/>. Dates and times are never inferred: like
    /// pandas, a column of ISO dates stays <see cref="DataKind.String"/>, so regex, length and strftime expectations
    /// see the text and one malformed date does not change the column's type. To read a column as timestamps (pandas'
    /// <c>parse_dates</c>), declare it <see cref="DataKind.Timestamp"/> in <see cref="CsvOptions.ColumnTypes"/>: it
    /// then accepts ISO-8601 dates and date-times (<c>yyyy-MM-dd</c>, <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]][Z|±hh:mm]</c>,
    /// a space allowed for the <c>T</c>; zoned values converted to UTC). A column with no value in the sample, or
    /// holding an integer too large for 64 bits, is <see cref="DataKind.String"/>.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How to read it; defaults to <see cref="CsvOptions"/>' defaults.</param>
    /// <exception cref="DataSourceException">The file is missing, unreadable or empty, its header repeats a name,
    /// a sample row has the wrong number of fields, <see cref="CsvOptions.ColumnTypes"/> names an unknown column, or
    /// the part read so far is not valid UTF-8 (see <see cref="CsvOptions.ReplaceInvalidUtf8"/>).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static CsvDataSource Open(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvOptions();
        Validate(options);
        if (!File.Exists(path))
        {
            throw new DataSourceException($"CSV file '{path}' does not exist.");
        }

        var nullTokens = new CsvNullTokens(options.NullTokens);
        Sep? explicitSeparator = options.Separator is { } c ? CreateSep(c) : null;
        try
        {
            var separator = explicitSeparator ?? DetectSeparator(path);
            var (encoding, fallback) = RecordingReplacementFallback.CreateEncoding();
            using var reader = CreateReader(path, separator, encoding);
            var names = ReadHeader(reader, path);
            var columns = InferColumns(reader, path, names, options, nullTokens);
            if (fallback.Replaced && !options.ReplaceInvalidUtf8)
            {
                throw InvalidUtf8(path, separator.Separator, names);
            }

            return new CsvDataSource(path, separator, options, columns, nullTokens);
        }
        catch (Exception e) when (e is not DataSourceException)
        {
            // Sep reports a repeated header name as an ArgumentException: it is still a problem of the file.
            throw new DataSourceException($"CSV file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>Each call reads the file again from the start. Parsing is CPU-bound and runs synchronously one chunk at a time.</remarks>
    /// <exception cref="ArgumentException">A requested column is not in <see cref="Columns"/>.</exception>
    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var buffers = CreateBuffers(columns);
        cancellationToken.ThrowIfCancellationRequested();
        var (encoding, fallback) = RecordingReplacementFallback.CreateEncoding();
        using var reader = OpenForRead(encoding);
        long rowOffset = 0;
        var yielded = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = FillChunk(reader, buffers);

            // The decoder runs ahead of the parser: any invalid bytes of this chunk's rows were decoded by now.
            if (fallback.Replaced && !_options.ReplaceInvalidUtf8)
            {
                throw InvalidUtf8(_path, _separator.Separator, [.. _columns.Select(c => c.Name)]);
            }

            // A file without data rows still yields one empty chunk, so readers see the typed (empty) batches.
            if (chunk.Rows > 0 || (chunk.Done && !yielded))
            {
                var origin = chunk.Rows > 0 ? $"{_fileName}, lines {chunk.FirstLine}–{chunk.LastLine}" : $"{_fileName}, no data rows";
                yield return new DataChunk(rowOffset, chunk.Rows, buffers.Select(b => b.ToBatch()), origin);
                yielded = true;
                rowOffset += chunk.Rows;
            }

            if (chunk.Done)
            {
                break;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void Validate(CsvOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.InferenceRows, "options.InferenceRows");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ChunkRows, "options.ChunkRows");
        if (options.NullTokens is null)
        {
            throw new ArgumentException("CsvOptions.NullTokens must not be null; use an empty list for no null tokens.", nameof(options));
        }
    }

    private static Sep CreateSep(char separator)
    {
        try
        {
            return Sep.New(separator);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{separator}' cannot be a CSV separator: {e.Message}", nameof(separator), e);
        }
    }

    /// <summary>Sep's detection from the header line, except that a header without any separator means ',' (Sep's default is ';').</summary>
    private static Sep DetectSeparator(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        return reader.Header.ColNames.Count > 1 ? reader.Spec.Sep : new Sep(',');
    }

    /// <summary>A reader over <paramref name="path"/> decoding with <paramref name="encoding"/> (a BOM is detected and skipped, as Sep's own FromFile does).</summary>
    private static SepReader CreateReader(string path, Sep separator, Encoding encoding)
    {
        var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 1 << 16,
            Options = FileOptions.SequentialScan,
        });

        // Sep disposes the text reader with its own reader (and when it fails to start).
        return new SepReaderOptions(separator)
        {
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }.From(text);
    }

    /// <summary>The error for a file with invalid UTF-8: where the first invalid bytes are (line, data row, column).</summary>
    private static DataSourceException InvalidUtf8(string path, char separator, IReadOnlyList<string> columns)
    {
        var position = CsvUtf8.FindFirstInvalid(path, separator);
        return new DataSourceException(position is { } p
            ? CsvUtf8.Describe(path, p, columns)
            : $"CSV file '{path}' is not valid UTF-8 (its invalid bytes could not be located again: did the file change?). Convert it to UTF-8, or read invalid bytes as U+FFFD with CsvOptions.ReplaceInvalidUtf8 (CLI: --replace-invalid-utf8).");
    }

    private static string[] ReadHeader(SepReader reader, string path)
    {
        var names = reader.Header.ColNames;
        if (reader.IsEmpty || names.Count == 0 || (names.Count == 1 && names[0].Length == 0))
        {
            throw new DataSourceException($"CSV file '{path}' is empty: line 1 should be a header naming the columns.");
        }

        return [.. names];
    }

    private static CsvColumn[] InferColumns(SepReader reader, string path, string[] names, CsvOptions options, CsvNullTokens nullTokens)
    {
        var declared = options.ColumnTypes ?? new Dictionary<string, DataKind>();
        foreach (var name in declared.Keys)
        {
            if (Array.IndexOf(names, name) < 0)
            {
                throw new DataSourceException(
                    $"CsvOptions.ColumnTypes names column '{name}', which CSV file '{path}' does not have; its columns are: {string.Join(", ", names.Select(n => $"'{n}'"))}.");
            }
        }

        var inference = new CsvTypeInference[names.Length];
        var toInfer = new List<int>();
        for (var i = 0; i < names.Length; i++)
        {
            inference[i] = CsvTypeInference.Start();
            if (!declared.ContainsKey(names[i]))
            {
                toInfer.Add(i);
            }
        }

        var rows = 0;
        while (toInfer.Count > 0 && rows < options.InferenceRows && reader.MoveNext())
        {
            var row = reader.Current;
            if (row.Span.IsEmpty)
            {
                continue;
            }

            CheckFieldCount(row, names.Length, path);
            rows++;
            for (var k = toInfer.Count - 1; k >= 0; k--)
            {
                var ordinal = toInfer[k];
                var text = row[ordinal].Span;
                if (!nullTokens.IsNull(text))
                {
                    inference[ordinal].Observe(text);
                    if (!inference[ordinal].Open)
                    {
                        toInfer.RemoveAt(k);
                    }
                }
            }
        }

        var columns = new CsvColumn[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            columns[i] = declared.TryGetValue(names[i], out var kind)
                ? new CsvColumn(names[i], i, kind, Declared: true)
                : new CsvColumn(names[i], i, inference[i].Result, Declared: false);
        }

        return columns;
    }

    private static void CheckFieldCount(SepReader.Row row, int expected, string path)
    {
        if (row.ColCount != expected)
        {
            throw new DataSourceException(
                $"CSV file '{path}', line {row.LineNumberFrom}: {row.ColCount} field{(row.ColCount == 1 ? "" : "s")} where the header has {expected}. Check the separator and the quoting of that line.");
        }
    }

    private static string PhysicalTypeOf(DataKind kind) => kind switch
    {
        DataKind.Integer => "long",
        DataKind.Float => "double",
        DataKind.Decimal => "decimal",
        DataKind.Boolean => "bool",
        DataKind.Timestamp => "DateTime",
        _ => "string",
    };

    private CsvColumnBuffer[] CreateBuffers(IReadOnlyCollection<string> columns)
    {
        var buffers = new List<CsvColumnBuffer>(columns.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in columns)
        {
            if (!_byName.TryGetValue(name, out var column))
            {
                throw new ArgumentException(
                    $"CSV file '{_path}' has no column '{name}'; its columns are: {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.", nameof(columns));
            }

            if (seen.Add(name))
            {
                buffers.Add(CsvColumnBuffer.Create(column, _options.ChunkRows));
            }
        }

        return [.. buffers];
    }

    private SepReader OpenForRead(Encoding encoding)
    {
        SepReader? reader = null;
        try
        {
            reader = CreateReader(_path, _separator, encoding);
            var names = reader.Header.ColNames;
            if (names.Count != _columns.Length || !names.SequenceEqual(_columns.Select(c => c.Name)))
            {
                throw new DataSourceException($"CSV file '{_path}' changed since it was opened: its header no longer matches.");
            }

            return reader;
        }
        catch (Exception e) when (e is not DataSourceException)
        {
            reader?.Dispose();
            throw new DataSourceException($"CSV file '{_path}' cannot be read: {e.Message}", e);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
    }

    private ChunkInfo FillChunk(SepReader reader, CsvColumnBuffer[] buffers)
    {
        foreach (var buffer in buffers)
        {
            buffer.Reset();
        }

        var rows = 0;
        var firstLine = 0;
        var lastLine = 0;
        var capacity = _options.ChunkRows;
        var expected = _columns.Length;
        try
        {
            while (rows < capacity)
            {
                if (!reader.MoveNext())
                {
                    return new ChunkInfo(rows, firstLine, lastLine, Done: true);
                }

                var row = reader.Current;
                if (row.Span.IsEmpty)
                {
                    continue;
                }

                CheckFieldCount(row, expected, _path);
                foreach (var buffer in buffers)
                {
                    var text = row[buffer.Column.Ordinal].Span;
                    if (_nullTokens.IsNull(text))
                    {
                        buffer.AppendNull();
                    }
                    else if (!buffer.TryAppend(text))
                    {
                        throw ParseError(buffer.Column, row.LineNumberFrom, text);
                    }
                }

                if (rows == 0)
                {
                    firstLine = row.LineNumberFrom;
                }

                lastLine = row.LineNumberToExcl - 1;
                rows++;
            }
        }
        catch (Exception e) when (e is not DataSourceException)
        {
            throw new DataSourceException($"CSV file '{_path}' cannot be read after line {lastLine}: {e.Message}", e);
        }

        return new ChunkInfo(rows, firstLine, lastLine, Done: false);
    }

    private DataSourceException ParseError(CsvColumn column, int line, ReadOnlySpan<char> text)
    {
        var value = text.Length > MaxValueInMessage ? $"{text[..MaxValueInMessage]}…" : text.ToString();
        var why = column.Declared
            ? $"declared {column.Kind} in CsvOptions.ColumnTypes{(column.Kind == DataKind.Timestamp ? " or --parse-dates" : "")}"
            : $"inferred as {column.Kind} from the first {_options.InferenceRows.ToString("N0", CultureInfo.InvariantCulture)} rows";
        return new DataSourceException(
            $"CSV file '{_path}', line {line}, column '{column.Name}': value \"{value}\" is not a valid {column.Kind} (the column was {why}). "
            + $"Declare the column's type with CsvOptions.ColumnTypes (for example [\"{column.Name}\"] = DataKind.String), raise CsvOptions.InferenceRows, or fix the value.");
    }

    private readonly record struct ChunkInfo(int Rows, int FirstLine, int LastLine, bool Done);
}
