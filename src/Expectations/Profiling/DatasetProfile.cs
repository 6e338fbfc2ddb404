using Expectations.Profiling;

namespace Expectations;

/// <summary>
/// The profile of a dataset: one <see cref="ColumnProfile"/> per column, built in one pass over any
/// <see cref="IDataSource"/> (<see cref="BuildAsync"/>), saved and loaded as versioned JSON
/// (<see cref="Save(Stream)"/>, <see cref="Load(Stream)"/>), and merged with the profile of more data of the
/// same shape (<see cref="Merge"/>). A saved profile is the baseline that drift checks compare against.
/// </summary>
public sealed class DatasetProfile
{
    internal DatasetProfile(string source, IReadOnlyList<ColumnProfile> columns, long rowCount)
    {
        Source = source;
        Columns = columns;
        RowCount = rowCount;
    }

    /// <summary>What was profiled (a file path, "DataFrame", ...).</summary>
    public string Source { get; }

    /// <summary>Rows profiled.</summary>
    public long RowCount { get; }

    /// <summary>The column profiles, in the data's column order.</summary>
    public IReadOnlyList<ColumnProfile> Columns { get; }

    /// <summary>The profile of column <paramref name="name"/>, or null.</summary>
    public ColumnProfile? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Profiles <paramref name="source"/> in one pass over the columns (all, or only <paramref name="columns"/>).</summary>
    /// <exception cref="ArgumentException">A requested column is not in the data.</exception>
    /// <exception cref="DataSourceException">The data cannot be read.</exception>
    public static async Task<DatasetProfile> BuildAsync(IDataSource source, ProfileOptions? options = null, IReadOnlyCollection<string>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ProfileOptions.Default;
        var infos = source.Columns.Where(c => columns is null || columns.Contains(c.Name)).ToList();
        if (columns is not null)
        {
            var missing = columns.Where(n => infos.All(c => c.Name != n)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"Column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} not in {source.Description}; its columns are {string.Join(", ", source.Columns.Select(c => c.Name))}.", nameof(columns));
            }
        }

        var states = infos.Select(c => new ColumnProfileState(c, options)).ToList();
        long rows = 0;
        var names = infos.Select(c => c.Name).ToList();
        await foreach (var chunk in source.ReadAsync(names, cancellationToken).ConfigureAwait(false))
        {
            rows += chunk.RowCount;
            foreach (var state in states)
            {
                state.Add(chunk[state.Info.Name]);
            }
        }

        return new DatasetProfile(source.Description, [.. states.Select(s => new ColumnProfile(s))], rows);
    }

    /// <summary>Combines this profile with the profile of more rows of the same columns (row groups, files, partitions).</summary>
    /// <exception cref="InvalidOperationException">The profiles have different columns or column families.</exception>
    public DatasetProfile Merge(DatasetProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var names = Columns.Select(c => c.Name).ToList();
        var otherNames = other.Columns.Select(c => c.Name).ToList();
        if (!names.SequenceEqual(otherNames))
        {
            throw new InvalidOperationException($"Profiles of different columns cannot merge: [{string.Join(", ", names)}] vs [{string.Join(", ", otherNames)}].");
        }

        return new DatasetProfile(Source == other.Source ? Source : $"{Source} + {other.Source}", [.. Columns.Select((c, i) => c.Merge(other.Columns[i]))], RowCount + other.RowCount);
    }

    /// <summary>Writes the profile as versioned JSON.</summary>
    public void Save(Stream stream) => ProfileJson.Write(stream, this);

    /// <summary>Writes the profile to a file.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>The profile as JSON text.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        Save(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a profile saved by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="ProfileFormatException">The JSON is not a profile, or of an unknown version; the message names the JSON path.</exception>
    public static DatasetProfile Load(Stream stream) => ProfileJson.Read(stream);

    /// <summary>Reads a profile file.</summary>
    /// <exception cref="ProfileFormatException">The file is not a profile.</exception>
    public static DatasetProfile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Parses profile JSON text.</summary>
    /// <exception cref="ProfileFormatException">The text is not a profile.</exception>
    public static DatasetProfile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream);
    }
}

/// <summary>JSON that is not a valid profile: the message names the JSON path and what was wrong.</summary>
public sealed class ProfileFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProfileFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ProfileFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ProfileFormatException(string message, Exception innerException) : base(message, innerException) { }
}
