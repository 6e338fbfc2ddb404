using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// The distinct keys of another table, built once per run for <see cref="NotInOtherTableMetric"/> and then probed by
/// every chunk of this table, on any thread (read-only once built). One integer or timestamp column is held in a
/// <see cref="LongKeySet"/> presized from the other table's row count; any other key (several columns, text, floats, …)
/// as bytes in a <see cref="ByteKeySet"/>. Both are exact.
/// </summary>
internal abstract class OtherKeySet
{
    /// <summary>Rows of the other table that have a key.</summary>
    public abstract long Rows { get; }

    /// <summary>
    /// Sets <paramref name="entries"/>[r] to the entry of row r's key, or -1 when the other table lacks it or the row has
    /// no key (its nulls are left out); returns how many rows have no key.
    /// </summary>
    public abstract long FindAll(RowKeys keys, ColumnBatch[] batches, Span<int> entries);

    /// <summary>Rows of the other table with entry <paramref name="entry"/>'s key.</summary>
    public abstract long RowCount(int entry);

    /// <summary>The other table's first row with entry <paramref name="entry"/>'s key.</summary>
    public abstract long FirstRow(int entry);

    /// <summary>Entry <paramref name="entry"/>'s key as JSON (<see cref="RowKeys.ToJson"/>).</summary>
    public abstract JsonElement KeyJson(RowKeys keys, int entry);

    /// <summary>Reads <paramref name="other"/>'s keys, decoding its parts on up to <paramref name="threads"/> threads and adding them in row order.</summary>
    public static OtherKeySet Build(IDataSource other, ValueList<string> columns, ValueList<DataKind> kinds, MultiColumnIgnoreRowIf skip, int threads)
    {
        if (columns.Count == 1 && kinds[0] is DataKind.Integer or DataKind.Timestamp
            && IntegerKeys.TryBuild(other, columns, kinds, skip, threads) is { } integers)
        {
            return integers;
        }

        return ByteKeys.BuildBytes(other, columns, kinds, skip, threads);
    }

    /// <summary>
    /// Every chunk of <paramref name="source"/>'s <paramref name="columns"/>, in row order, into <paramref name="fold"/>
    /// (on the calling thread); a partitioned source's parts are decoded ahead on up to <paramref name="threads"/> threads.
    /// Returns false as soon as <paramref name="fold"/> does.
    /// </summary>
    internal static bool ReadInOrder(IDataSource source, IReadOnlyCollection<string> columns, int threads, Func<DataChunk, bool> fold)
    {
        if (threads <= 1 || source is not IPartitionedDataSource { Partitions: { Count: > 1 } parts })
        {
            var go = true;
            OtherTableScans.Read(source, columns, chunk => go = go && fold(chunk));
            return go;
        }

        // A window of parts decoding ahead: part i is folded while parts i + 1 .. i + threads decode.
        var pending = new Queue<Task<List<DataChunk>>>();
        var next = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            while (next < parts.Count || pending.Count > 0)
            {
                while (next < parts.Count && pending.Count < threads + 1)
                {
                    var part = parts[next++];
                    pending.Enqueue(Task.Run(() => Decode(part, columns, stop.Token)));
                }

                foreach (var chunk in pending.Dequeue().GetAwaiter().GetResult())
                {
                    if (!fold(chunk))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        finally
        {
            stop.Cancel();
            foreach (var task in pending)
            {
                // Let abandoned decodes finish (or cancel) before their source is closed; their errors no longer matter.
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                }
            }
        }

        static async Task<List<DataChunk>> Decode(IDataPartition part, IReadOnlyCollection<string> columns, CancellationToken cancel)
        {
            var chunks = new List<DataChunk>();
            await foreach (var chunk in part.ReadAsync(columns, cancel).ConfigureAwait(false))
            {
                chunks.Add(chunk);
            }

            return chunks;
        }
    }

    /// <summary>Rows the source says it has (the sum of its parts' row counts), or 0 when it does not say.</summary>
    internal static long ExpectedRows(IDataSource source) =>
        source is IPartitionedDataSource { Partitions: var parts } ? parts.Sum(p => p.RowCount) : 0;

    /// <summary>One integer or timestamp key column, as 64-bit integers.</summary>
    private sealed class IntegerKeys(LongKeySet set, bool nullIsKey) : OtherKeySet
    {
        public override long Rows => set.Rows;

        /// <summary>The set, or null when the other table holds an unsigned 64-bit key above <see cref="long.MaxValue"/> (which only the byte keys tell apart).</summary>
        public static IntegerKeys? TryBuild(IDataSource other, ValueList<string> columns, ValueList<DataKind> kinds, MultiColumnIgnoreRowIf skip, int threads)
        {
            var nullIsKey = skip == MultiColumnIgnoreRowIf.Never;
            var set = new LongKeySet(ExpectedRows(other));
            var keys = new RowKeys(columns, kinds, skip);
            var fits = ReadInOrder(other, columns, threads, chunk =>
            {
                var batch = keys.Batches(chunk)[0];
                return batch switch
                {
                    PrimitiveBatch<long> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<int> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<short> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<sbyte> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<byte> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<ushort> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<uint> p => Add(set, p, chunk, nullIsKey),
                    PrimitiveBatch<ulong> p => Add(set, p, chunk, nullIsKey),
                    _ => throw Layout(batch),
                };
            });
            return fits ? new IntegerKeys(set, nullIsKey) : null;
        }

        public override long FindAll(RowKeys keys, ColumnBatch[] batches, Span<int> entries) => batches[0] switch
        {
            PrimitiveBatch<long> p => Find(p, entries),
            PrimitiveBatch<int> p => Find(p, entries),
            PrimitiveBatch<short> p => Find(p, entries),
            PrimitiveBatch<sbyte> p => Find(p, entries),
            PrimitiveBatch<byte> p => Find(p, entries),
            PrimitiveBatch<ushort> p => Find(p, entries),
            PrimitiveBatch<uint> p => Find(p, entries),
            PrimitiveBatch<ulong> p => Find(p, entries),
            var b => throw Layout(b),
        };

        public override long RowCount(int entry) => set.RowCount(entry);

        public override long FirstRow(int entry) => set.FirstRow(entry);

        public override JsonElement KeyJson(RowKeys keys, int entry)
        {
            // The key's bytes as RowKeys writes them: tag 0 for null, else tag 1 and the value.
            Span<byte> bytes = stackalloc byte[9];
            if (set.IsNull(entry))
            {
                bytes[0] = 0;
                return keys.ToJson(bytes[..1]);
            }

            bytes[0] = 1;
            var value = set.KeyOf(entry);
            Unsafe.WriteUnaligned(ref bytes[1], value);
            return keys.ToJson(bytes);
        }

        private static bool Add<T>(LongKeySet set, PrimitiveBatch<T> batch, DataChunk chunk, bool nullIsKey) where T : unmanaged, IBinaryInteger<T>
        {
            var values = batch.Values.Span[..batch.Length];
            if (batch.NullCount == 0 && typeof(T) == typeof(long) && chunk.RowIndices.IsEmpty)
            {
                set.AddRange(System.Runtime.InteropServices.MemoryMarshal.Cast<T, long>(values), chunk.RowOffset);
                return true;
            }

            for (var r = 0; r < values.Length; r++)
            {
                if (!batch.IsValid(r))
                {
                    if (nullIsKey)
                    {
                        set.AddNull(chunk.GlobalIndex(r));
                    }

                    continue;
                }

                var v = values[r];
                if (typeof(T) == typeof(ulong) && Unsafe.As<T, ulong>(ref v) > long.MaxValue)
                {
                    return false;
                }

                set.Add(long.CreateTruncating(v), chunk.GlobalIndex(r));
            }

            return true;
        }

        private long Find<T>(PrimitiveBatch<T> batch, Span<int> entries) where T : unmanaged, IBinaryInteger<T>
        {
            var values = batch.Values.Span[..entries.Length];
            if (batch.NullCount == 0)
            {
                for (var r = 0; r < values.Length; r++)
                {
                    var v = values[r];
                    entries[r] = typeof(T) == typeof(ulong) && Unsafe.As<T, ulong>(ref v) > long.MaxValue ? -1 : set.Find(long.CreateTruncating(v));
                }

                return 0;
            }

            long missing = 0;
            var nullEntry = nullIsKey ? set.FindNull() : -1;
            for (var r = 0; r < values.Length; r++)
            {
                if (!batch.IsValid(r))
                {
                    missing += nullIsKey ? 0 : 1;
                    entries[r] = nullEntry;
                    continue;
                }

                var v = values[r];
                entries[r] = typeof(T) == typeof(ulong) && Unsafe.As<T, ulong>(ref v) > long.MaxValue ? -1 : set.Find(long.CreateTruncating(v));
            }

            return missing;
        }

        private static ExpectationException Layout(ColumnBatch batch) =>
            new($"Column '{batch.Name}' holds {batch.Kind} values of a layout keys cannot be made of ({batch.GetType().Name}).");
    }

    /// <summary>Any key, as the bytes <see cref="RowKeys"/> makes of it.</summary>
    private sealed class ByteKeys(ByteKeySet set) : OtherKeySet
    {
        public override long Rows => set.Rows;

        public static ByteKeys BuildBytes(IDataSource other, ValueList<string> columns, ValueList<DataKind> kinds, MultiColumnIgnoreRowIf skip, int threads)
        {
            var keys = new RowKeys(columns, kinds, skip);
            var set = new ByteKeySet();
            ReadInOrder(other, columns, threads, chunk =>
            {
                var batches = keys.Batches(chunk);
                for (var r = 0; r < chunk.RowCount; r++)
                {
                    if (!keys.IsSkipped(batches, r))
                    {
                        set.Add(keys.Key(batches, r), chunk.GlobalIndex(r));
                    }
                }

                return true;
            });
            return new ByteKeys(set);
        }

        public override long FindAll(RowKeys keys, ColumnBatch[] batches, Span<int> entries)
        {
            long missing = 0;
            for (var r = 0; r < entries.Length; r++)
            {
                if (keys.IsSkipped(batches, r))
                {
                    missing++;
                    entries[r] = -1;
                    continue;
                }

                entries[r] = set.Find(keys.Key(batches, r));
            }

            return missing;
        }

        public override long RowCount(int entry) => set.RowCount(entry);

        public override long FirstRow(int entry) => set.FirstRow(entry);

        public override JsonElement KeyJson(RowKeys keys, int entry) => keys.ToJson(set.KeyOf(entry));
    }
}
