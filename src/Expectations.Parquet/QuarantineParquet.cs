using System.Text;
using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Parquet;

/// <summary>What a Parquet quarantine run did.</summary>
/// <param name="Report">The validation report (result format COMPLETE).</param>
/// <param name="InvalidRows">The invalid rows and the expectations each failed.</param>
/// <param name="ValidRowCount">Rows that passed every row-level expectation (written to the valid file, when asked for).</param>
/// <param name="InvalidRowCount">Rows that failed at least one (written to the quarantine file, when asked for).</param>
public sealed record ParquetQuarantineResult(ValidationReport Report, InvalidRows InvalidRows, long ValidRowCount, long InvalidRowCount);

/// <summary>
/// Splits a dataset into a Parquet file of valid rows and a Parquet file of quarantined rows, by the row-level
/// expectations of a suite (see <see cref="InvalidRows"/> for which expectations make a row invalid).
/// </summary>
/// <remarks>
/// <para>
/// Nothing is lost: every input row goes to exactly one of the two files, in input order, with all its columns;
/// the quarantine file adds a last column <see cref="InvalidRows.FailedExpectationsColumn"/> (a string such as
/// <c>expect_column_values_to_be_between(amount); expect_column_values_to_not_be_null(customer_email)</c>).
/// Each input chunk (a Parquet row group) becomes at most one row group in each file.
/// </para>
/// <para>
/// From a Parquet input the output keeps each column's Parquet type: integer widths and signedness, DECIMAL
/// precision and scale, DATE and TIMESTAMP units, nullability. An input column the Parquet source cannot read
/// (nested lists, maps and structs, TIME, UUID, INTERVAL ...) is refused with a <see cref="DataSourceException"/>
/// rather than dropped. From any other source the columns are written as nullable Parquet columns of the
/// batches' .NET types (decimals as DECIMAL(38,18), timestamps as TIMESTAMP(NANOS)).
/// </para>
/// <para>Files are written to a temporary file next to the target, flushed to disk and renamed when complete.</para>
/// </remarks>
public static class ParquetQuarantine
{
    /// <summary>
    /// Validates the Parquet file or folder at <paramref name="inputPath"/> and writes its valid and invalid rows.
    /// </summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="inputPath">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="validPath">Where to write the valid rows; null to skip.</param>
    /// <param name="invalidPath">Where to write the quarantined rows; null to skip.</param>
    /// <param name="options">Run options (parameters); the result format is always COMPLETE.</param>
    /// <param name="cancellationToken">Stops the run; no target file is left behind.</param>
    /// <returns>The report and the row counts.</returns>
    public static async Task<ParquetQuarantineResult> QuarantineAsync(this ValidationPlan plan, string inputPath, string? validPath, string? invalidPath, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var source = await ParquetDataSource.OpenAsync(inputPath, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var fields = await OriginalFieldsAsync(inputPath, source, cancellationToken).ConfigureAwait(false);
            var verdict = await plan.FindInvalidRowsAsync(source, options, cancellationToken).ConfigureAwait(false);
            var (valid, invalid) = await WriteSplitAsync(source, verdict.InvalidRows, validPath, invalidPath, fields, cancellationToken).ConfigureAwait(false);
            return new ParquetQuarantineResult(verdict.Report, verdict.InvalidRows, valid, invalid);
        }
    }

    /// <summary>Validates <paramref name="source"/> (any source: a DataFrame, a CSV file ...) and writes its valid and invalid rows.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="source">The data; read twice (validation, then the split).</param>
    /// <param name="validPath">Where to write the valid rows; null to skip.</param>
    /// <param name="invalidPath">Where to write the quarantined rows; null to skip.</param>
    /// <param name="options">Run options (parameters); the result format is always COMPLETE.</param>
    /// <param name="cancellationToken">Stops the run; no target file is left behind.</param>
    /// <returns>The report and the row counts.</returns>
    public static async Task<ParquetQuarantineResult> QuarantineAsync(this ValidationPlan plan, IDataSource source, string? validPath, string? invalidPath, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        var verdict = await plan.FindInvalidRowsAsync(source, options, cancellationToken).ConfigureAwait(false);
        var (valid, invalid) = await WriteSplitAsync(source, verdict.InvalidRows, validPath, invalidPath, null, cancellationToken).ConfigureAwait(false);
        return new ParquetQuarantineResult(verdict.Report, verdict.InvalidRows, valid, invalid);
    }

    /// <summary>
    /// Writes the rows of <paramref name="source"/> that <paramref name="invalidRows"/> holds to <paramref name="invalidPath"/>
    /// and the others to <paramref name="validPath"/>: the second step of a quarantine, for callers that decide
    /// between the steps (for example, publish the valid rows only when the report passes).
    /// </summary>
    /// <param name="source">The data that was validated (same rows, same order).</param>
    /// <param name="invalidRows">From <see cref="RowQuarantine.FindInvalidRowsAsync"/> over the same source.</param>
    /// <param name="validPath">Where to write the valid rows; null to skip.</param>
    /// <param name="invalidPath">Where to write the quarantined rows; null to skip.</param>
    /// <param name="cancellationToken">Stops writing; no target file is left behind.</param>
    /// <returns>How many rows went to each side.</returns>
    public static Task<(long Valid, long Invalid)> WriteSplitAsync(IDataSource source, InvalidRows invalidRows, string? validPath, string? invalidPath, CancellationToken cancellationToken = default) =>
        WriteSplitAsync(source, invalidRows, validPath, invalidPath, null, cancellationToken);

    private static async Task<(long Valid, long Invalid)> WriteSplitAsync(IDataSource source, InvalidRows invalidRows, string? validPath, string? invalidPath, Dictionary<string, DataField>? originals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(invalidRows);
        if (source.Columns.Any(c => c.Name == InvalidRows.FailedExpectationsColumn))
        {
            throw new DataSourceException($"'{source.Description}' already has a column '{InvalidRows.FailedExpectationsColumn}'; the quarantine file could not add it.");
        }

        if (validPath is not null && invalidPath is not null && Path.GetFullPath(validPath) == Path.GetFullPath(invalidPath))
        {
            throw new ArgumentException("The valid and the quarantine file must be different files.", nameof(invalidPath));
        }

        var names = source.Columns.Select(c => c.Name).ToArray();
        var valid = validPath is null ? null : new SplitTarget(validPath, withLabels: false);
        var invalid = invalidPath is null ? null : new SplitTarget(invalidPath, withLabels: true);
        long validCount = 0, invalidCount = 0;
        try
        {
            var mask = Array.Empty<bool>();
            var labels = new List<string>();
            await foreach (var chunk in source.ReadAsync(names, cancellationToken).ConfigureAwait(false))
            {
                if (mask.Length < chunk.RowCount)
                {
                    mask = new bool[chunk.RowCount];
                }

                labels.Clear();
                var bad = invalidRows.Classify(chunk, mask, labels);
                var batches = names.Select(n => chunk[n]).ToArray();
                var flags = mask.AsMemory(0, chunk.RowCount);
                if (valid is not null && chunk.RowCount - bad > 0)
                {
                    await valid.WriteAsync(batches, originals, flags, chunk.RowCount - bad, null, cancellationToken).ConfigureAwait(false);
                }

                if (invalid is not null && bad > 0)
                {
                    await invalid.WriteAsync(batches, originals, flags, bad, labels, cancellationToken).ConfigureAwait(false);
                }

                validCount += chunk.RowCount - bad;
                invalidCount += bad;
            }

            if (valid is not null)
            {
                await valid.CompleteAsync(source.Columns, originals, cancellationToken).ConfigureAwait(false);
            }

            if (invalid is not null)
            {
                await invalid.CompleteAsync(source.Columns, originals, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (valid is not null)
            {
                await valid.DisposeAsync().ConfigureAwait(false);
            }

            if (invalid is not null)
            {
                await invalid.DisposeAsync().ConfigureAwait(false);
            }
        }

        return (validCount, invalidCount);
    }

    /// <summary>The first file's top-level fields by name; refuses a file with columns the source does not offer (they would be lost).</summary>
    private static async Task<Dictionary<string, DataField>> OriginalFieldsAsync(string inputPath, ParquetDataSource source, CancellationToken cancellationToken)
    {
        var file = File.Exists(inputPath)
            ? inputPath
            : Directory.EnumerateFiles(inputPath, "*.parquet", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
                .Order(StringComparer.Ordinal).First();
        var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var offered = source.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var lost = reader.Schema.Fields.Where(f => !offered.Contains(f.Name)).Select(f => f.Name).ToList();
            if (lost.Count > 0)
            {
                throw new DataSourceException(
                    $"'{inputPath}' has columns that cannot be carried into the split files (nested or unsupported types): {string.Join(", ", lost)}. Quarantine refuses rather than drop them.");
            }

            return reader.Schema.Fields.OfType<DataField>().ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>One output file: opened at its first row group (the schema then comes from real batches), renamed into place when complete.</summary>
    private sealed class SplitTarget(string path, bool withLabels) : IAsyncDisposable
    {
        private readonly string _temp = Path.Join(Path.GetDirectoryName(Path.GetFullPath(path)), $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        private FileStream? _stream;
        private ParquetWriter? _writer;
        private DataField[]? _fields;
        private DataField? _labelField;
        private bool _completed;

        public async Task WriteAsync(ColumnBatch[] batches, Dictionary<string, DataField>? originals, ReadOnlyMemory<bool> invalid, int rows, List<string>? labels, CancellationToken cancellationToken)
        {
            if (_writer is null)
            {
                await OpenAsync([.. batches.Select(b => OutputField(b.Name, b.Kind, b, originals))], cancellationToken).ConfigureAwait(false);
            }

            using var rowGroup = _writer!.CreateRowGroup();
            for (var c = 0; c < batches.Length; c++)
            {
                await ColumnWriter.WriteAsync(rowGroup, _fields![c], batches[c], invalid, takeInvalid: withLabels, rows, cancellationToken).ConfigureAwait(false);
            }

            if (_labelField is not null)
            {
                await rowGroup.WriteAsync(_labelField, labels!, null).ConfigureAwait(false);
            }

            rowGroup.CompleteValidate();
        }

        /// <summary>Writes the file even when no row went to it (an empty file with the schema), then renames it into place.</summary>
        public async Task CompleteAsync(IReadOnlyList<ColumnInfo> columns, Dictionary<string, DataField>? originals, CancellationToken cancellationToken)
        {
            if (_writer is null)
            {
                await OpenAsync([.. columns.Select(c => OutputField(c.Name, c.Kind, null, originals))], cancellationToken).ConfigureAwait(false);
            }

            await _writer!.DisposeAsync().ConfigureAwait(false);
            _writer = null;

            // On disk before the rename: a crash right after it must not leave an empty or truncated file under the target's name.
            _stream!.Flush(flushToDisk: true);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
            File.Move(_temp, path, overwrite: true);
            _completed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
            }

            if (_stream is not null)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }

            if (!_completed)
            {
                File.Delete(_temp);
            }
        }

        private async Task OpenAsync(DataField[] fields, CancellationToken cancellationToken)
        {
            _fields = fields;
            _labelField = withLabels ? new DataField(InvalidRows.FailedExpectationsColumn, typeof(string), isNullable: false) : null;
            var schema = new ParquetSchema(_labelField is null ? fields : [.. fields, _labelField]);
            _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            _writer = await ParquetWriter.CreateAsync(schema, _stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The output field of a column: a fresh copy of the input file's field when there is one (keeps the Parquet
    /// type), otherwise a nullable field of the batch's .NET type.
    /// </summary>
    private static DataField OutputField(string name, DataKind kind, ColumnBatch? batch, Dictionary<string, DataField>? originals)
    {
        if (originals is not null && originals.TryGetValue(name, out var original))
        {
            return original switch
            {
                DecimalDataField d => new DecimalDataField(name, d.Precision, d.Scale, d.ForceByteArrayEncoding, isNullable: d.IsNullable),
                DateTimeDataField t => new DateTimeDataField(name, t.DateTimeFormat, t.IsAdjustedToUTC, t.Unit, isNullable: t.IsNullable),
                _ => new DataField(name, original.ClrType, isNullable: original.IsNullable),
            };
        }

        return kind switch
        {
            DataKind.Timestamp => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: true),
            DataKind.String => new DataField(name, typeof(string), isNullable: true),
            DataKind.Decimal => new DecimalDataField(name, 38, 18, isNullable: true),
            _ => new DataField(name, batch is null ? DefaultType(kind) : ElementType(batch), isNullable: true),
        };
    }

    private static Type ElementType(ColumnBatch batch) => batch.GetType().IsGenericType ? batch.GetType().GetGenericArguments()[0] : typeof(string);

    private static Type DefaultType(DataKind kind) => kind switch
    {
        DataKind.Boolean => typeof(bool),
        DataKind.Integer => typeof(long),
        DataKind.Float => typeof(double),
        DataKind.Decimal => typeof(decimal),
        DataKind.Timestamp => typeof(DateTime),
        _ => typeof(string),
    };

    /// <summary>Gathers the rows of one side of the split from a batch and writes them as one column chunk.</summary>
    private static class ColumnWriter
    {
        public static Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, ColumnBatch batch, ReadOnlyMemory<bool> invalid, bool takeInvalid, int rows, CancellationToken ct) => batch switch
        {
            StringBatch s => WriteStringsAsync(rowGroup, field, s, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<long> t when batch.Kind == DataKind.Timestamp => WriteTimestampsAsync(rowGroup, field, t, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<bool> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<sbyte> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<byte> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<short> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<ushort> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<int> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<uint> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<long> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<ulong> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<float> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<double> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            PrimitiveBatch<decimal> b => WriteAsync(rowGroup, field, b, invalid, takeInvalid, rows, ct),
            _ => throw new DataSourceException($"Column '{batch.Name}' ({batch.GetType().Name}) cannot be written to Parquet."),
        };

        private static async Task WriteAsync<T>(ParquetRowGroupWriter rowGroup, DataField field, PrimitiveBatch<T> batch, ReadOnlyMemory<bool> invalid, bool takeInvalid, int rows, CancellationToken ct)
            where T : unmanaged
        {
            if (field.IsNullable)
            {
                var values = new T?[rows];
                Gather(batch, invalid.Span, takeInvalid, values, static v => v);
                await rowGroup.WriteAsync<T>(field, values.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
            else
            {
                var values = new T[rows];
                Gather(batch, invalid.Span, takeInvalid, values);
                await rowGroup.WriteAsync<T>(field, values.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
        }

        private static async Task WriteTimestampsAsync(ParquetRowGroupWriter rowGroup, DataField field, PrimitiveBatch<long> batch, ReadOnlyMemory<bool> invalid, bool takeInvalid, int rows, CancellationToken ct)
        {
            // Ticks carry no kind; Parquet.Net writes a UTC-adjusted timestamp from a UTC DateTime unchanged.
            var kind = field is DateTimeDataField { IsAdjustedToUTC: true } ? DateTimeKind.Utc : DateTimeKind.Unspecified;
            if (field.IsNullable)
            {
                var values = new DateTime?[rows];
                Gather(batch, invalid.Span, takeInvalid, values, ticks => new DateTime(ticks, kind));
                await rowGroup.WriteAsync<DateTime>(field, values.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
            else
            {
                var ticks = new long[rows];
                Gather(batch, invalid.Span, takeInvalid, ticks);
                var values = Array.ConvertAll(ticks, t => new DateTime(t, kind));
                await rowGroup.WriteAsync<DateTime>(field, values.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
        }

        private static async Task WriteStringsAsync(ParquetRowGroupWriter rowGroup, DataField field, StringBatch batch, ReadOnlyMemory<bool> invalid, bool takeInvalid, int rows, CancellationToken ct)
        {
            if (field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>))
            {
                // A BYTE_ARRAY column without a string annotation: bytes go out as they came in.
                var bytes = new byte[]?[rows];
                var n = 0;
                ForEachRow(invalid.Span, takeInvalid, row => bytes[n++] = batch.IsValid(row) ? batch.GetBytes(row).ToArray() : null);
                await rowGroup.WriteAsync(field, bytes, null).ConfigureAwait(false);
                return;
            }

            // Decode the selected rows into one char buffer and hand Parquet.Net slices of it: no string per row.
            var offsets = batch.Offsets.Span;
            var data = batch.Data.Span;
            var chars = new char[Encoding.UTF8.GetMaxCharCount(data.Length)];
            var used = 0;
            var slices = new ReadOnlyMemory<char>?[rows];
            var span = invalid.Span;
            var k = 0;
            for (var row = 0; row < batch.Length; row++)
            {
                if (span[row] != takeInvalid)
                {
                    continue;
                }

                if (batch.IsValid(row))
                {
                    var written = Encoding.UTF8.GetChars(data[offsets[row]..offsets[row + 1]], chars.AsSpan(used));
                    slices[k] = chars.AsMemory(used, written);
                    used += written;
                }

                k++;
            }

            if (field.IsNullable)
            {
                await rowGroup.WriteAsync<ReadOnlyMemory<char>>(field, slices.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
            else
            {
                var required = Array.ConvertAll(slices, s => s.GetValueOrDefault());
                await rowGroup.WriteAsync<ReadOnlyMemory<char>>(field, required.AsMemory(), null, null, ct).ConfigureAwait(false);
            }
        }

        private static void ForEachRow(ReadOnlySpan<bool> invalid, bool takeInvalid, Action<int> action)
        {
            for (var row = 0; row < invalid.Length; row++)
            {
                if (invalid[row] == takeInvalid)
                {
                    action(row);
                }
            }
        }

        private static void Gather<T, TOut>(PrimitiveBatch<T> batch, ReadOnlySpan<bool> invalid, bool takeInvalid, TOut?[] output, Func<T, TOut> convert)
            where T : unmanaged
            where TOut : struct
        {
            var values = batch.Values.Span;
            var k = 0;
            for (var row = 0; row < batch.Length; row++)
            {
                if (invalid[row] == takeInvalid)
                {
                    output[k++] = batch.IsValid(row) ? convert(values[row]) : null;
                }
            }
        }

        private static void Gather<T>(PrimitiveBatch<T> batch, ReadOnlySpan<bool> invalid, bool takeInvalid, T[] output)
            where T : unmanaged
        {
            var values = batch.Values.Span;
            var k = 0;
            for (var row = 0; row < batch.Length; row++)
            {
                if (invalid[row] == takeInvalid)
                {
                    output[k++] = values[row];
                }
            }
        }
    }
}
