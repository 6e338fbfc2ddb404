using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Expectations.Kernels;

namespace Expectations.Engine.Incremental;

/// <summary>
/// The saved state of one partition (docs/incremental.md, "State file format"): a magic, the format version, a SHA-256
/// checksum of the payload, then the payload: the plan fingerprint, the partition's identity and row count, the number of
/// metrics of the plan, and one blob per metric (its accumulator's <see cref="MetricAccumulator.Save"/>).
/// </summary>
internal static class StateFile
{
    /// <summary>The format version this engine writes and reads; bumped whenever any state's layout changes.</summary>
    public const int FormatVersion = 1;

    private const int HeaderLength = 8 + 4 + 32;

    private static ReadOnlySpan<byte> Magic => "EXPSTATE"u8;

    /// <summary>The store key of a partition: a hash of its name, so that any path makes a valid file name.</summary>
    public static string KeyOf(PartitionIdentity identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Name)))[..32];

    public static byte[] Encode(string fingerprint, PartitionIdentity identity, long rowCount, int metricCount, IReadOnlyList<(int Key, byte[] Blob)> blobs)
    {
        var payload = new StateWriter(0);
        payload.String(fingerprint);
        WriteIdentity(payload, identity);
        payload.Long(rowCount);
        payload.Int(metricCount);
        payload.Int(blobs.Count);
        foreach (var (key, blob) in blobs)
        {
            payload.Int(key);
            payload.Bytes(blob);
        }

        var body = payload.Written;
        var file = new byte[HeaderLength + body.Length];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), FormatVersion);
        SHA256.HashData(body, file.AsSpan(12, 32));
        body.CopyTo(file.AsSpan(HeaderLength));
        return file;
    }

    /// <summary>
    /// Checks a saved file against the partition and plan. Returns the blobs by metric index when the state can be used;
    /// otherwise null, with <paramref name="problem"/> saying why when it is a problem worth a message (corrupt, another
    /// plan, another format) and null when the partition simply changed.
    /// </summary>
    public static Dictionary<int, ReadOnlyMemory<byte>>? Decode(byte[] file, string fingerprint, PartitionIdentity identity, long rowCount, int metricCount, out StateProblem? problem)
    {
        problem = null;
        if (file.Length < HeaderLength || !file.AsSpan(0, 8).SequenceEqual(Magic))
        {
            problem = StateProblem.NotAState;
            return null;
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8));
        if (version != FormatVersion)
        {
            problem = version < FormatVersion ? StateProblem.OlderFormat : StateProblem.NewerFormat;
            return null;
        }

        var body = file.AsMemory(HeaderLength);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body.Span, hash);
        if (!hash.SequenceEqual(file.AsSpan(12, 32)))
        {
            problem = StateProblem.Corrupt;
            return null;
        }

        try
        {
            var reader = new StateReader(body, 0);
            if (reader.String() != fingerprint)
            {
                problem = StateProblem.OtherPlan;
                return null;
            }

            var saved = ReadIdentity(reader);
            var savedRows = reader.Long();
            if (saved != identity || savedRows != rowCount)
            {
                return null;
            }

            if (reader.Int() != metricCount)
            {
                problem = StateProblem.OtherPlan;
                return null;
            }

            var blobs = new Dictionary<int, ReadOnlyMemory<byte>>();
            for (var n = reader.Count(8); n > 0; n--)
            {
                var key = reader.Int();
                var blob = reader.ByteArray();
                if (key < 0 || key >= metricCount || !blobs.TryAdd(key, blob))
                {
                    problem = StateProblem.Corrupt;
                    return null;
                }
            }

            if (!reader.AtEnd)
            {
                problem = StateProblem.Corrupt;
                return null;
            }

            return blobs;
        }
        catch (Exception ex) when (ex is KernelException or OverflowException)
        {
            // A checksum over bytes that do not parse: written by a broken writer.
            problem = StateProblem.Corrupt;
            return null;
        }
    }

    private static void WriteIdentity(StateWriter w, PartitionIdentity identity)
    {
        w.String(identity.Location);
        OptionalLong(w, identity.Size);
        OptionalLong(w, identity.LastModified?.UtcTicks);
        w.NullableString(identity.ContentHash);
        OptionalLong(w, identity.RowGroupStart);
        OptionalLong(w, identity.RowGroupEnd);
        OptionalLong(w, identity.TableVersion);
    }

    private static PartitionIdentity ReadIdentity(StateReader r)
    {
        var location = r.String();
        var size = OptionalLong(r);
        var modified = OptionalLong(r);
        var hash = r.NullableString();
        var start = OptionalLong(r);
        var end = OptionalLong(r);
        var version = OptionalLong(r);
        return new PartitionIdentity
        {
            Location = location,
            Size = size,
            LastModified = modified is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            ContentHash = hash,
            RowGroupStart = start is { } s ? checked((int)s) : null,
            RowGroupEnd = end is { } e ? checked((int)e) : null,
            TableVersion = version,
        };
    }

    private static void OptionalLong(StateWriter w, long? value)
    {
        w.Bool(value is not null);
        if (value is { } v)
        {
            w.Long(v);
        }
    }

    private static long? OptionalLong(StateReader r) => r.Bool() ? r.Long() : null;
}

/// <summary>Why a saved state was not used, when that is worth telling the user.</summary>
internal enum StateProblem
{
    /// <summary>The blob does not start like a state file.</summary>
    NotAState,

    /// <summary>Checksum or structure wrong.</summary>
    Corrupt,

    /// <summary>Written by an older engine.</summary>
    OlderFormat,

    /// <summary>Written by a newer engine.</summary>
    NewerFormat,

    /// <summary>Written for another plan (suite, parameters, result format or schema changed).</summary>
    OtherPlan,

    /// <summary>The file was fine but a metric's state in it would not load.</summary>
    Unloadable,

    /// <summary>A metric of the plan keeps a state that is never saved (it depends on another table).</summary>
    NotSaved,
}
