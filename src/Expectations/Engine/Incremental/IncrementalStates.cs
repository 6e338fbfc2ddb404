using System.Collections.Concurrent;
using System.Globalization;
using Expectations.Kernels;

namespace Expectations.Engine.Incremental;

/// <summary>
/// The saved states of one incremental run (<see cref="ValidationOptions.StateStore"/>): per partition, the saved file
/// (read and checked once, whichever worker needs it first), the blobs of metrics computed in this run (serialized before
/// the merge changes the states), and, when the partition is done, the new file. Thread-safe.
/// </summary>
internal sealed class IncrementalStates
{
    private readonly IMetricStateStore _store;
    private readonly string _fingerprint;
    private readonly IReadOnlyList<IDataPartition> _parts;
    private readonly int _metricCount;
    private readonly PartBook[] _books;
    private readonly ConcurrentDictionary<StateProblem, (int Count, string First)> _problems = new();
    private int _recomputed;
    private int _reused;
    private long _bytesWritten;

    public IncrementalStates(IMetricStateStore store, string fingerprint, IReadOnlyList<IDataPartition> parts, int metricCount)
    {
        _store = store;
        _fingerprint = fingerprint;
        _parts = parts;
        _metricCount = metricCount;
        _books = new PartBook[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var index = i;
            _books[i] = new PartBook(new Lazy<Task<Dictionary<int, ReadOnlyMemory<byte>>?>>(() => ReadSavedAsync(index)));
        }
    }

    /// <summary>
    /// The states of metrics <paramref name="group"/> of part <paramref name="index"/> loaded from its saved file, or null
    /// when the part must be computed (no usable file, or a state in it would not load).
    /// </summary>
    public async Task<PartStates?> TryLoadAsync(int index, IReadOnlyList<MetricKey> keys, int[] group, bool[] skip, Exception?[] creationErrors, MetricContext context)
    {
        var book = _books[index];
        var saved = await book.Saved.Value.ConfigureAwait(false);
        if (saved is null)
        {
            return null;
        }

        var part = _parts[index];
        var result = new PartStates(keys.Count);
        foreach (var k in group)
        {
            if (skip[k])
            {
                result.Errors[k] = creationErrors[k];
                continue;
            }

            try
            {
                if (!saved.TryGetValue(k, out var blob))
                {
                    throw new KernelException($"Saved state: metric {k} is missing.");
                }

                var state = keys[k].CreateAccumulator(context);
                var reader = new StateReader(blob, part.RowOffset);
                state.Load(reader);
                if (!reader.AtEnd)
                {
                    throw new KernelException($"Saved state: metric {k} has bytes left over.");
                }

                result.States[k] = state;
                book.Blobs[k] = blob.ToArray();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Note(StateProblem.Unloadable, part, ex.Message);
                book.Recomputed = true;
                return null;
            }
        }

        return result;
    }

    /// <summary>Keeps the blobs of the states just computed for metrics <paramref name="group"/> of part <paramref name="index"/>.</summary>
    public void Computed(int index, int[] group, PartStates states)
    {
        var book = _books[index];
        book.Recomputed = true;
        var writer = new StateWriter(_parts[index].RowOffset);
        foreach (var k in group)
        {
            if (states.Errors[k] is not null)
            {
                // A metric that failed on this part: the part is computed again next time, and the error reported again.
                book.Failed = true;
                continue;
            }

            if (states.States[k] is { CanSave: false } unsaved)
            {
                // Computed again next run: the state is not saved (it may stand for another table, which can change).
                Note(StateProblem.NotSaved, _parts[index], unsaved.GetType().DeclaringType?.Name ?? unsaved.GetType().Name);
                book.Failed = true;
                continue;
            }

            if (states.States[k] is { } state)
            {
                writer.Reset();
                state.Save(writer);
                book.Blobs[k] = writer.Written.ToArray();
            }
        }
    }

    /// <summary>Every group of part <paramref name="index"/> is done: counts it, and saves its states when it was computed.</summary>
    public async Task PartDoneAsync(int index, CancellationToken cancellationToken)
    {
        var book = _books[index];
        if (!book.Recomputed)
        {
            Interlocked.Increment(ref _reused);
            book.Blobs.Clear();
            return;
        }

        Interlocked.Increment(ref _recomputed);
        var identity = _parts[index].Identity;
        if (book.Failed || identity is null)
        {
            book.Blobs.Clear();
            return;
        }

        var blobs = book.Blobs.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToList();
        book.Blobs.Clear();
        var file = StateFile.Encode(_fingerprint, identity, _parts[index].RowCount, _metricCount, blobs);
        await _store.WriteAsync(StateFile.KeyOf(identity), file, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesWritten, file.Length);
    }

    /// <summary>Deletes the saved states of partitions the source no longer has, and sums the run up.</summary>
    public async Task<IncrementalRunInfo> FinishAsync(CancellationToken cancellationToken)
    {
        var current = _parts.Select(p => p.Identity).OfType<PartitionIdentity>().Select(StateFile.KeyOf).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var key in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!current.Contains(key))
            {
                await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }

        var messages = new List<string>();
        var anonymous = _parts.Count(p => p.Identity is null);
        if (anonymous > 0)
        {
            messages.Add(Invariant($"{Parts(anonymous)} of the source ({_parts.First(p => p.Identity is null).Description} first) have no identity, so whether they changed is unknown: they are read on every run and no state is saved for them."));
        }

        foreach (var (problem, (count, first)) in _problems.OrderBy(p => p.Key))
        {
            messages.Add(Invariant($"{Parts(count)}: {Describe(problem)} ({first} first); recomputed and saved again."));
        }

        return new IncrementalRunInfo
        {
            PartitionsRecomputed = _recomputed,
            PartitionsReused = _reused,
            PartitionsRemoved = removed,
            StateBytesWritten = Interlocked.Read(ref _bytesWritten),
            Messages = messages,
        };
    }

    private static string Parts(int n) => n == 1 ? "1 partition" : Invariant($"{n} partitions");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Describe(StateProblem problem) => problem switch
    {
        StateProblem.NotAState => "the saved state is not a state file",
        StateProblem.Corrupt => "the saved state is corrupt (its checksum or structure is wrong)",
        StateProblem.OlderFormat => Invariant($"the saved state is of an older format version (this engine reads version {StateFile.FormatVersion})"),
        StateProblem.NewerFormat => Invariant($"the saved state is of a newer format version (this engine reads version {StateFile.FormatVersion})"),
        StateProblem.OtherPlan => "the saved state belongs to another plan (the suite, its parameters, the result format or the data's schema changed)",
        StateProblem.NotSaved => "a check of the suite keeps a state that is not saved yet (the other-table key check and the near-duplicate checks), so the partition is read every run",
        _ => "a metric of the saved state would not load",
    };

    private void Note(StateProblem problem, IDataPartition part, string? detail = null)
    {
        var where = detail is null ? part.Description : $"{part.Description}: {detail}";
        _problems.AddOrUpdate(problem, _ => (1, where), (_, old) => (old.Count + 1, old.First));
    }

    private async Task<Dictionary<int, ReadOnlyMemory<byte>>?> ReadSavedAsync(int index)
    {
        var part = _parts[index];
        if (part.Identity is not { } identity)
        {
            _books[index].Recomputed = true;
            return null;
        }

        byte[]? file;
        try
        {
            file = await _store.ReadAsync(StateFile.KeyOf(identity)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Note(StateProblem.Corrupt, part, "cannot be read: " + ex.Message);
            return null;
        }

        if (file is null)
        {
            return null;
        }

        var blobs = StateFile.Decode(file, _fingerprint, identity, part.RowCount, _metricCount, out var problem);
        if (problem is { } p)
        {
            Note(p, part);
        }

        return blobs;
    }

    private sealed class PartBook(Lazy<Task<Dictionary<int, ReadOnlyMemory<byte>>?>> saved)
    {
        public Lazy<Task<Dictionary<int, ReadOnlyMemory<byte>>?>> Saved { get; } = saved;

        public ConcurrentDictionary<int, byte[]> Blobs { get; } = new();

        public volatile bool Recomputed;

        public volatile bool Failed;
    }
}
